// Shared parsing for /api/scenarios routes: the scenario id in the path and JSON bodies, both through zod.
import { z } from 'zod';
import { AppError, parseOrThrow } from '@/lib/errors';

export type IdContext = { params: Promise<{ id: string }> };

/** The path's scenario id; anything but a uuid cannot name a scenario. */
export async function scenarioId(ctx: IdContext): Promise<string> {
  const { id } = await ctx.params;
  if (!z.uuid().safeParse(id).success) throw new AppError('not_found:scenario', 'no such scenario');
  return id;
}

export async function jsonBody<T>(req: Request, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new AppError('invalid:body', 'the body must be JSON');
  }
  return parseOrThrow(schema, raw);
}
