// Creates or edits an inflow route from an operator's input: zod first, then the attribute values against their
// definitions and the scenario's existence; problems are `invalid:route` with every issue and its path.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { insertInflowRoute, updateInflowRoute } from '@/db/queries/inflow-routes';
import { scenarios, type InflowRouteRow } from '@/db/schema';
import { AppError, parseOrThrow } from '../errors';
import { checkAttributes } from '../friends/attributes';
import { newRouteCode, RouteInputSchema, type RouteInput } from './route-config';

async function checked(db: DbOrTx, input: unknown): Promise<RouteInput> {
  const route = parseOrThrow(RouteInputSchema, input, 'route');
  const defs = new Map((await listAttributeDefinitions(db)).map((d) => [d.key, d]));
  const { values, issues } = checkAttributes(defs, route.attributes, ['attributes']);
  if (route.scenarioId) {
    const [s] = await db.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.id, route.scenarioId));
    if (!s) issues.push({ path: ['scenarioId'], message: 'no such scenario' });
  }
  if (issues.length > 0) throw new AppError('invalid:route', 'the route is invalid', issues);
  // A null would clear the attribute on the friend; a route only sets values.
  const set = Object.fromEntries(Object.entries(values).filter((e): e is [string, string | number | boolean] => e[1] !== null));
  return { ...route, attributes: set };
}

export async function createInflowRoute(db: DbOrTx, input: unknown, by: { email: string }): Promise<InflowRouteRow> {
  const route = await checked(db, input);
  return insertInflowRoute(db, { ...route, code: newRouteCode(), createdBy: by.email });
}

export async function editInflowRoute(db: DbOrTx, id: string, input: unknown, at: Date): Promise<InflowRouteRow> {
  const route = await checked(db, input);
  const row = await updateInflowRoute(db, id, route, at);
  if (!row) throw new AppError('not_found:route', 'no such route');
  return row;
}
