// GET /api/friends/export: every friend as CSV (API key with `friends:read`).
import { appDeps } from '@/lib/app-deps';
import { apiKeyRoute } from '@/lib/auth/guard';
import { csvDownload } from '@/lib/friends/csv-download';
import { exportFriendsCsv } from '@/lib/friends/csv-export';

export const GET = apiKeyRoute('friends:read', async () => csvDownload(await exportFriendsCsv(appDeps().db)));
