// Shared parsing for /api/scenarios routes: the scenario id in the path and JSON bodies, both through zod.
import { z } from 'zod';
import { AppError, parseOrThrow } from '@/lib/errors';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/read-body';

export type IdContext = { params: Promise<{ id: string }> };

/** The path's scenario id; anything but a uuid cannot name a scenario. */
export async function scenarioId(ctx: IdContext): Promise<string> {
  const { id } = await ctx.params;
  if (!z.uuid().safeParse(id).success) throw new AppError('not_found:scenario', 'no such scenario');
  return id;
}

/** The JSON body under `maxBytes` (413 over it, `invalid:json` if not JSON), parsed with `schema` (`invalid:body`). */
export async function jsonBody<T>(req: Request, schema: z.ZodType<T>, maxBytes: number = BODY_LIMITS.json): Promise<T> {
  return parseOrThrow(schema, await readJsonBody(req, maxBytes));
}
