// POST /api/friends/import: a CSV of friends (text/csv, UTF-8), all or nothing (API key required).
import { appDeps } from '@/lib/app-deps';
import { requireApiKey, readTextBody } from '@/lib/api-auth';
import { toResponse } from '@/lib/errors';
import { importFriendsCsv } from '@/lib/friends/csv-import';
import { csvImportError } from '@/lib/friends/csv-import-error';

export async function POST(request: Request): Promise<Response> {
  try {
    const deps = appDeps();
    await requireApiKey(deps.db, request);
    const result = await importFriendsCsv(deps, await readTextBody(request, 20 * 1024 * 1024));
    if (!result.ok) throw csvImportError(result.errors);
    return Response.json(result);
  } catch (err) {
    return toResponse(err);
  }
}
