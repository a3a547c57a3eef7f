// Named queries over inflow routes (流入経路): the routes, their visits for the report, and a friend's attribution.
import { asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { friendInflowRoutes, friends, inflowRoutes, inflowVisits, scenarios, type InflowOutcome, type InflowRouteRow } from '../schema';

export type NewInflowRoute = Omit<typeof inflowRoutes.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export async function listInflowRoutes(db: DbOrTx): Promise<(InflowRouteRow & { visits: number })[]> {
  const rows = await db
    .select({ route: inflowRoutes, visits: count(inflowVisits.id) })
    .from(inflowRoutes)
    .leftJoin(inflowVisits, eq(inflowVisits.routeId, inflowRoutes.id))
    .groupBy(inflowRoutes.id)
    .orderBy(desc(inflowRoutes.createdAt));
  return rows.map((r) => ({ ...r.route, visits: r.visits }));
}

export async function findInflowRoute(db: DbOrTx, id: string): Promise<InflowRouteRow | null> {
  const [row] = await db.select().from(inflowRoutes).where(eq(inflowRoutes.id, id));
  return row ?? null;
}

export async function findInflowRouteByCode(db: DbOrTx, code: string): Promise<InflowRouteRow | null> {
  const [row] = await db.select().from(inflowRoutes).where(eq(inflowRoutes.code, code));
  return row ?? null;
}

export async function insertInflowRoute(db: DbOrTx, route: NewInflowRoute): Promise<InflowRouteRow> {
  const [row] = await db.insert(inflowRoutes).values(route).returning();
  if (!row) throw new Error('inflow route insert returned nothing');
  return row;
}

export async function updateInflowRoute(
  db: DbOrTx,
  id: string,
  patch: Omit<NewInflowRoute, 'code' | 'createdBy'>,
  at: Date,
): Promise<InflowRouteRow | null> {
  const [row] = await db
    .update(inflowRoutes)
    .set({ ...patch, updatedAt: at })
    .where(eq(inflowRoutes.id, id))
    .returning();
  return row ?? null;
}

/** Records a visit; false when its LINE Login nonce was spent already (a replayed callback). */
export async function insertInflowVisit(
  db: DbOrTx,
  v: { routeId: string; friendId: string | null; outcome: InflowOutcome; nonce: string; at: Date },
): Promise<boolean> {
  const rows = await db
    .insert(inflowVisits)
    .values(v)
    .onConflictDoNothing({ target: inflowVisits.nonce })
    .returning({ id: inflowVisits.id });
  return rows.length > 0;
}

/**
 * Attributes the friend to the route: the first route is kept, unless `reattribute` (the route's setting) moves them.
 * Returns whether the friend is attributed to this route now.
 */
export async function attributeFriend(db: DbOrTx, friendId: string, routeId: string, reattribute: boolean, at: Date): Promise<boolean> {
  const insert = db.insert(friendInflowRoutes).values({ friendId, routeId, attributedAt: at });
  const rows = reattribute
    ? await insert
        .onConflictDoUpdate({ target: friendInflowRoutes.friendId, set: { routeId, attributedAt: at } })
        .returning({ routeId: friendInflowRoutes.routeId })
    : await insert.onConflictDoNothing({ target: friendInflowRoutes.friendId }).returning({ routeId: friendInflowRoutes.routeId });
  if (rows.length > 0) return true;
  const [current] = await db.select().from(friendInflowRoutes).where(eq(friendInflowRoutes.friendId, friendId));
  return current?.routeId === routeId;
}

export async function friendInflowRoute(db: DbOrTx, friendId: string): Promise<{ routeId: string; code: string; name: string } | null> {
  const [row] = await db
    .select({ routeId: inflowRoutes.id, code: inflowRoutes.code, name: inflowRoutes.name })
    .from(friendInflowRoutes)
    .innerJoin(inflowRoutes, eq(inflowRoutes.id, friendInflowRoutes.routeId))
    .where(eq(friendInflowRoutes.friendId, friendId));
  return row ?? null;
}

/** Every visit of a route with its friend's block instant, oldest first: what the report is computed from. */
/**
 * Each visit with the friend's block instant and their first conversion since: the goal event of a scenario run that
 * started at or after the visit, within that version's goal window (as the scenario analytics count a conversion).
 */
export async function routeVisitFacts(
  db: DbOrTx,
  routeId: string,
): Promise<{ at: Date; outcome: InflowOutcome; blockedAt: Date | null; convertedAt: Date | null }[]> {
  const convertedAt = sql<string | null>`(
    select min(e.occurred_at) from runs r
    join scenario_versions v on v.id = r.version_id and v.plan->'settings'->'goal' is not null
    join events e on e.friend_id = r.friend_id and e.name = v.plan->'settings'->'goal'->>'eventName' and not e.is_test
      and e.occurred_at >= r.started_at
      and e.occurred_at <= r.started_at + make_interval(days => (v.plan->'settings'->'goal'->>'windowDays')::int)
    where r.friend_id = ${inflowVisits.friendId} and r.started_at >= ${inflowVisits.at} and not r.is_test)`;
  const rows = await db
    .select({ at: inflowVisits.at, outcome: inflowVisits.outcome, blockedAt: friends.blockedAt, convertedAt })
    .from(inflowVisits)
    .leftJoin(friends, eq(friends.id, inflowVisits.friendId))
    .where(eq(inflowVisits.routeId, routeId))
    .orderBy(asc(inflowVisits.at));
  return rows.map((r) => ({ ...r, convertedAt: r.convertedAt === null ? null : new Date(r.convertedAt) }));
}

/** Scenarios a route may start (not archived), by name. */
export async function routeScenarioChoices(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: scenarios.id, name: scenarios.name })
    .from(scenarios)
    .where(isNull(scenarios.archivedAt))
    .orderBy(asc(scenarios.name));
}
