// Operators on better-auth against a real database: sign-in creates a session the app resolves, failed sign-ins are
// audited and rate-limited per account and per IP, sessions expire, and a removed operator is signed out everywhere and
// cannot sign in again.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, operatorSessions } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { signedInOperator, testAuth, TEST_PASSWORD } from '@/test/operators';
import { SESSION_SECONDS, SIGN_IN_LIMITS, type Auth } from './auth';
import { changeOperatorRole, removeOperator } from './manage-operators';
import { operatorFromHeaders } from './operator';

let tdb: TestDatabase;
let auth: Auth;

beforeAll(async () => {
  tdb = await createTestDatabase();
  auth = testAuth(tdb.db);
});
afterAll(async () => tdb.drop());

const headersWith = (cookie: string, ip = '203.0.113.9') => new Headers({ cookie, 'x-forwarded-for': ip });

describe('operators', () => {
  it('a signed-in operator is resolved from the cookie with their role, and the sign-in is audited once', async () => {
    const op = await signedInOperator(auth, tdb.db, 'editor');
    const me = await operatorFromHeaders(auth, tdb.db, headersWith(op.cookie));
    expect(me).toMatchObject({ id: op.row.id, email: op.email, role: 'editor' });
    const rows = await tdb.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sign_in'), eq(auditLog.actorId, op.row.id)));
    expect(rows).toHaveLength(1);
    expect(await operatorFromHeaders(auth, tdb.db, headersWith('kizuna.session_token=forged.value'))).toBeNull();
  });

  it('a role change applies on the next request', async () => {
    const op = await signedInOperator(auth, tdb.db, 'viewer');
    await changeOperatorRole(tdb.db, op.row.id, 'publisher');
    expect((await operatorFromHeaders(auth, tdb.db, headersWith(op.cookie)))?.role).toBe('publisher');
  });

  it('failed sign-ins are audited and, after five for one account, refused even with the right password', async () => {
    const op = await signedInOperator(auth, tdb.db, 'analyst');
    for (let i = 0; i < 5; i++) {
      const r = await auth.api.signInEmail({
        body: { email: op.email, password: 'wrong-password-123' },
        headers: headersWith('', `198.51.100.${i}`),
        asResponse: true,
      });
      expect(r.status).toBe(401);
    }
    const failed = await tdb.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sign_in_failed'), eq(auditLog.actorEmail, op.email)));
    expect(failed).toHaveLength(5);
    const limited = await auth.api
      .signInEmail({ body: { email: op.email, password: TEST_PASSWORD }, headers: headersWith(''), asResponse: true })
      .then(
        (r) => r.status,
        (e: { statusCode?: number }) => e.statusCode,
      );
    expect(limited).toBe(429);
  });

  it('failed sign-ins from one IP address, each for another account, refuse that address and no other', async () => {
    const op = await signedInOperator(auth, tdb.db, 'viewer');
    const ip = '192.0.2.77';
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      const r = await auth.api.signInEmail({
        body: { email: `nobody-${i}@kizuna.test`, password: 'wrong-password-123' },
        headers: headersWith('', ip),
        asResponse: true,
      });
      expect(r.status).toBe(401);
    }
    const signIn = (from: string) =>
      auth.api.signInEmail({ body: { email: op.email, password: TEST_PASSWORD }, headers: headersWith('', from), asResponse: true }).then(
        (r) => r.status,
        (e: { statusCode?: number }) => e.statusCode,
      );
    // The right password of an account that never failed, from that address: refused; from another address: signed in.
    expect(await signIn(ip)).toBe(429);
    expect(await signIn('192.0.2.78')).toBe(200);
  });

  it('a session expires after its lifetime and then resolves to no one', async () => {
    const op = await signedInOperator(auth, tdb.db, 'editor');
    const [session] = await tdb.db.select().from(operatorSessions).where(eq(operatorSessions.userId, op.row.id));
    const lifetime = (session?.expiresAt.getTime() ?? 0) - (session?.createdAt.getTime() ?? 0);
    expect(Math.abs(lifetime - SESSION_SECONDS * 1000)).toBeLessThan(60_000);
    expect(await operatorFromHeaders(auth, tdb.db, headersWith(op.cookie))).not.toBeNull();
    // Its lifetime over (moved into the past rather than waited for): the same cookie signs no one in.
    await tdb.db
      .update(operatorSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(operatorSessions.userId, op.row.id));
    expect(await operatorFromHeaders(auth, tdb.db, headersWith(op.cookie))).toBeNull();
  });

  it('a removed operator loses every session and cannot sign in again', async () => {
    const owner = await signedInOperator(auth, tdb.db, 'owner');
    const op = await signedInOperator(auth, tdb.db, 'editor');
    await removeOperator(tdb.db, op.row.id);
    expect(await tdb.db.select().from(operatorSessions).where(eq(operatorSessions.userId, op.row.id))).toEqual([]);
    expect(await operatorFromHeaders(auth, tdb.db, headersWith(op.cookie))).toBeNull();
    const again = await auth.api.signInEmail({ body: { email: op.email, password: TEST_PASSWORD }, asResponse: true });
    expect(again.ok).toBe(false);
    expect(await operatorFromHeaders(auth, tdb.db, headersWith(owner.cookie))).not.toBeNull();
  });

  it('the audit log is append-only', async () => {
    const err = await tdb.db.delete(auditLog).then(
      () => null,
      (e: Error) => e,
    );
    expect(String((err?.cause as Error | undefined)?.message)).toMatch(/append-only/);
  });
});
