// POST /api/friends/import: a CSV of friends (text/csv, UTF-8, up to 20 MB), all or nothing (API key with `friends:write`).
import { appDeps } from '@/lib/app-deps';
import { apiKeyRoute } from '@/lib/auth/guard';
import { importFriendsCsv } from '@/lib/friends/csv-import';
import { csvImportError } from '@/lib/friends/csv-import-error';
import { BODY_LIMITS, readTextBody } from '@/lib/http/read-body';

export const POST = apiKeyRoute('friends:write', async (request: Request) => {
  const result = await importFriendsCsv(appDeps(), await readTextBody(request, BODY_LIMITS.csv));
  if (!result.ok) throw csvImportError(result.errors);
  return Response.json(result);
});
