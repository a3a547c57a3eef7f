// GET /api/friends/export: every friend as CSV (API key required).
import { appDeps } from '@/lib/app-deps';
import { requireApiKey } from '@/lib/api-auth';
import { toResponse } from '@/lib/errors';
import { csvDownload } from '@/lib/friends/csv-download';
import { exportFriendsCsv } from '@/lib/friends/csv-export';

export async function GET(request: Request): Promise<Response> {
  try {
    const { db } = appDeps();
    await requireApiKey(db, request);
    return csvDownload(await exportFriendsCsv(db));
  } catch (err) {
    return toResponse(err);
  }
}
