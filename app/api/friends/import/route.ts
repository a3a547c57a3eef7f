// POST /api/friends/import: a CSV of friends (text/csv, UTF-8), all or nothing (API key with `friends:write`).
import { appDeps } from '@/lib/app-deps';
import { readTextBody } from '@/lib/api-auth';
import { apiKeyRoute } from '@/lib/auth/guard';
import { importFriendsCsv } from '@/lib/friends/csv-import';
import { csvImportError } from '@/lib/friends/csv-import-error';

export const POST = apiKeyRoute('friends:write', async (request: Request) => {
  const result = await importFriendsCsv(appDeps(), await readTextBody(request, 20 * 1024 * 1024));
  if (!result.ok) throw csvImportError(result.errors);
  return Response.json(result);
});
