// Creating, changing and removing operators (owner screens, first-run setup, the CLI and the dev owner). Passwords
// are hashed by better-auth; removal deletes every session of the operator at once (signed out everywhere).
import { randomBytes } from 'node:crypto';
import { count, eq, isNull, and, asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { operators, operatorSessions } from '@/db/schema';
import { AppError, parseOrThrow } from '../errors';
import type { Auth } from './auth';
import { ROLES, type Role } from './roles';

export const NewOperatorSchema = z.object({
  email: z
    .email('expected an email address')
    .max(320)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(ROLES),
  /** Omitted: the operator signs in by SSO only (or an owner sets a password later). */
  password: z.string().min(12, 'at least 12 characters').max(256).optional(),
});
export type NewOperator = z.input<typeof NewOperatorSchema>;

export type OperatorRow = typeof operators.$inferSelect;

export async function createOperator(auth: Auth, db: DbOrTx, input: NewOperator): Promise<OperatorRow> {
  const o = parseOrThrow(NewOperatorSchema, input);
  const [existing] = await db.select({ id: operators.id }).from(operators).where(eq(operators.email, o.email));
  if (existing) throw new AppError('conflict:operator_email', 'an operator with this email already exists');
  const ctx = await auth.$context;
  const user = await ctx.internalAdapter.createUser(
    { email: o.email, name: o.name ?? o.email.split('@')[0] ?? o.email, emailVerified: true, role: o.role },
    { method: 'admin' },
  );
  if (o.password) {
    await ctx.internalAdapter.linkAccount({
      userId: user.id,
      providerId: 'credential',
      accountId: user.id,
      password: await ctx.password.hash(o.password),
    });
  }
  const [row] = await db.select().from(operators).where(eq(operators.id, user.id));
  if (!row) throw new Error('operator row missing after create');
  return row;
}

export async function setOperatorPassword(auth: Auth, operatorId: string, password: string): Promise<void> {
  parseOrThrow(z.string().min(12, 'at least 12 characters').max(256), password, 'password');
  const ctx = await auth.$context;
  const hash = await ctx.password.hash(password);
  const accounts = await ctx.internalAdapter.findAccounts(operatorId);
  if (accounts.some((a) => a.providerId === 'credential')) await ctx.internalAdapter.updatePassword(operatorId, hash);
  else await ctx.internalAdapter.linkAccount({ userId: operatorId, providerId: 'credential', accountId: operatorId, password: hash });
}

/** A readable random password for generated accounts (dev owner, CLI without --password). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export async function countActiveOperators(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: count() }).from(operators).where(isNull(operators.disabledAt));
  return r?.n ?? 0;
}

export async function countOperators(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: count() }).from(operators);
  return r?.n ?? 0;
}

export async function listOperators(db: DbOrTx): Promise<OperatorRow[]> {
  return db.select().from(operators).orderBy(asc(operators.createdAt));
}

async function activeOwners(db: DbOrTx): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(operators)
    .where(and(eq(operators.role, 'owner'), isNull(operators.disabledAt)));
  return r?.n ?? 0;
}

async function findActive(db: DbOrTx, id: string): Promise<OperatorRow> {
  const [row] = await db.select().from(operators).where(eq(operators.id, id));
  if (!row || row.disabledAt) throw new AppError('not_found:operator', 'no such operator');
  return row;
}

/** Changes a role; the last owner cannot be demoted (someone must be able to manage operators). */
/** Serialises owner changes, so two owners demoting each other at once cannot leave none (inside a transaction). */
async function lockOwners(db: DbOrTx): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('kizuna:owners'))`);
}

export async function changeOperatorRole(db: DbOrTx, id: string, role: Role): Promise<{ before: string; after: Role }> {
  await lockOwners(db);
  const row = await findActive(db, id);
  if (row.role === 'owner' && role !== 'owner' && (await activeOwners(db)) <= 1) {
    throw new AppError('conflict:last_owner', 'the last owner cannot be demoted; make another operator owner first');
  }
  await db.update(operators).set({ role, updatedAt: new Date() }).where(eq(operators.id, id));
  return { before: row.role, after: role };
}

/** Removes an operator: refuses new sessions from now on and deletes every session they hold (signed out everywhere). */
export async function removeOperator(db: DbOrTx, id: string): Promise<OperatorRow> {
  await lockOwners(db);
  const row = await findActive(db, id);
  if (row.role === 'owner' && (await activeOwners(db)) <= 1) throw new AppError('conflict:last_owner', 'the last owner cannot be removed');
  await db.update(operators).set({ disabledAt: new Date(), updatedAt: new Date() }).where(eq(operators.id, id));
  await db.delete(operatorSessions).where(eq(operatorSessions.userId, id));
  return row;
}

export async function setOperatorFlags(
  db: DbOrTx,
  id: string,
  flags: { totpRequired?: boolean; canExportFriends?: boolean },
): Promise<OperatorRow> {
  await findActive(db, id);
  const [row] = await db
    .update(operators)
    .set({ ...flags, updatedAt: new Date() })
    .where(eq(operators.id, id))
    .returning();
  if (!row) throw new AppError('not_found:operator', 'no such operator');
  return row;
}
