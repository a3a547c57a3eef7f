// Named queries over the audit log: recent failed sign-ins (for rate limits) and the filtered list of the audit page.
import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { auditLog } from '../schema';

export type AuditRow = typeof auditLog.$inferSelect;

/** Failed sign-ins since `since` for an email (case-insensitive) and from an IP address. */
export async function countFailedSignIns(db: DbOrTx, args: { email: string; ip: string | null; since: Date }) {
  const [byEmail] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'sign_in_failed'), gte(auditLog.at, args.since), eq(sql`lower(${auditLog.actorEmail})`, args.email.toLowerCase())));
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
  actor?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
}

export async function listAudit(db: DbOrTx, filter: AuditFilter, limit = 200): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actor) where.push(sql`(${auditLog.actorId} = ${filter.actor} or lower(${auditLog.actorEmail}) = lower(${filter.actor}))`);
  if (filter.objectType) where.push(eq(auditLog.objectType, filter.objectType));
  if (filter.objectId) where.push(eq(auditLog.objectId, filter.objectId));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.at))
    .limit(limit);
}
