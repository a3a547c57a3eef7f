// Named queries over the audit log: recent failed sign-ins (for rate limits), the filtered list of the audit page and
// the names its objects are shown by.
import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { apiKeys, auditLog, friends, operators, scenarios } from '../schema';

export type AuditRow = typeof auditLog.$inferSelect;

/** Failed sign-ins since `since` for an email (case-insensitive) and from an IP address. */
export async function countFailedSignIns(db: DbOrTx, args: { email: string; ip: string | null; since: Date }) {
  const [byEmail] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'sign_in_failed'),
        gte(auditLog.at, args.since),
        eq(sql`lower(${auditLog.actorEmail})`, args.email.toLowerCase()),
      ),
    );
  const [byIp] = args.ip
    ? await db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'sign_in_failed'), gte(auditLog.at, args.since), eq(auditLog.ip, args.ip)))
    : [{ n: 0 }];
  return { byEmail: byEmail?.n ?? 0, byIp: byIp?.n ?? 0 };
}

export interface AuditFilter {
  action?: string;
  /** An operator id, or part of the email the row names (case-insensitive). */
  actor?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
  /** The id of the last row already shown: the page continues with older rows (a cursor, stable while rows arrive). */
  before?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Newest first (ties broken by id, so the `before` cursor neither skips nor repeats a row). */
export async function listAudit(db: DbOrTx, filter: AuditFilter, limit = 200): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actor) {
    where.push(
      sql`(${auditLog.actorId} = ${filter.actor} or lower(${auditLog.actorEmail}) like ${`%${escapeLike(filter.actor.toLowerCase())}%`})`,
    );
  }
  if (filter.objectType) where.push(eq(auditLog.objectType, filter.objectType));
  if (filter.objectId) where.push(eq(auditLog.objectId, filter.objectId));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  if (filter.before && UUID.test(filter.before)) {
    where.push(sql`(${auditLog.at}, ${auditLog.id}) < (select c.at, c.id from audit_log c where c.id = ${filter.before}::uuid)`);
  }
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

/**
 * What the audit page names each object by: a scenario's name, an operator's email, an API key's name, a friend's
 * display name; keyed `type:id`. Objects deleted since are simply absent.
 */
export async function auditObjectNames(db: DbOrTx, refs: { type: string; id: string }[]): Promise<Record<string, string>> {
  const ids = (type: string, uuid: boolean) => [
    ...new Set(refs.filter((r) => r.type === type && (!uuid || UUID.test(r.id))).map((r) => r.id)),
  ];
  const [sc, op, key, fr] = [ids('scenario', true), ids('operator', false), ids('api_key', true), ids('friend', true)];
  const [scenarioRows, operatorRows, keyRows, friendRows] = await Promise.all([
    sc.length ? db.select({ id: scenarios.id, name: scenarios.name }).from(scenarios).where(inArray(scenarios.id, sc)) : [],
    op.length ? db.select({ id: operators.id, name: operators.email }).from(operators).where(inArray(operators.id, op)) : [],
    key.length ? db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(inArray(apiKeys.id, key)) : [],
    fr.length ? db.select({ id: friends.id, name: friends.displayName }).from(friends).where(inArray(friends.id, fr)) : [],
  ]);
  const names: Record<string, string> = {};
  const put = (type: string, rows: { id: string; name: string }[]) => rows.forEach((r) => (names[`${type}:${r.id}`] = r.name));
  put('scenario', scenarioRows);
  put('operator', operatorRows);
  put('api_key', keyRows);
  put('friend', friendRows);
  return names;
}
