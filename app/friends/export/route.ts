// GET /friends/export: the CSV download behind the Friends page's export button (the UI's own, like every page).
import { appDeps } from '@/lib/app-deps';
import { csvDownload } from '@/lib/friends/csv-download';
import { exportFriendsCsv } from '@/lib/friends/csv-export';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  return csvDownload(await exportFriendsCsv(appDeps().db));
}
