// Managing operators against a real database and the real better-auth: a created operator signs in, the last owner
// stays, removal signs out everywhere, and TOTP enrolment with a code computed here (RFC 6238) turns on the second
// factor at sign-in.
import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, operators, operatorSessions } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { signedInOperator, testAuth, TEST_PASSWORD } from '@/test/operators';
import type { Auth } from './auth';
import { changeOperatorRole, createOperator, generatePassword, removeOperator } from './manage-operators';
import { operatorFromHeaders } from './operator';

let tdb: TestDatabase;
let auth: Auth;

beforeAll(async () => {
  tdb = await createTestDatabase();
  auth = testAuth(tdb.db);
});
afterAll(async () => tdb.drop());

const headersWith = (cookie: string) => new Headers({ cookie });

/** The cookies a response sets, as a Cookie header (cleared ones left out). */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.endsWith('='))
    .join('; ');
}

/** The status of an auth.api call made with asResponse (some refusals throw an APIError instead). */
async function statusOf(call: Promise<Response>): Promise<number> {
  return call.then(
    (r) => r.status,
    (e: { statusCode?: number }) => e.statusCode ?? 0,
  );
}

async function signIn(email: string, password: string): Promise<Response> {
  return auth.api.signInEmail({ body: { email, password }, asResponse: true });
}

/** The code a call was refused with: ours (AppError.code) or better-auth's (APIError.body.code). */
async function errorCode(p: Promise<unknown>): Promise<string | undefined> {
  return p.then(
    () => undefined,
    (e: { code?: string; body?: { code?: string } }) => e.body?.code ?? e.code,
  );
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) from the base32 secret of an otpauth:// URI, written here so the test does not grade better-auth with its own code. */
function totpCode(base32Secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of base32Secret.replace(/=+$/, '').toUpperCase()) {
    value = ((value << 5) | alphabet.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('managing operators', () => {
  it('an operator created with a generated password signs in with it; one created for SSO only has no password to sign in with', async () => {
    const password = generatePassword();
    expect(password.length).toBeGreaterThanOrEqual(12);
    const op = await createOperator(auth, tdb.db, { email: 'New.Editor@Kizuna.test', name: 'New Editor', role: 'editor', password });
    expect(op).toMatchObject({ email: 'new.editor@kizuna.test', name: 'New Editor', role: 'editor', disabledAt: null });
    const res = await signIn('new.editor@kizuna.test', password);
    expect(res.status).toBe(200);
    expect(await operatorFromHeaders(auth, tdb.db, headersWith(cookiesOf(res)))).toMatchObject({ id: op.id, role: 'editor' });

    await createOperator(auth, tdb.db, { email: 'sso-only@kizuna.test', role: 'viewer' });
    expect(await statusOf(signIn('sso-only@kizuna.test', password))).toBe(401);
    expect(await errorCode(createOperator(auth, tdb.db, { email: 'new.editor@kizuna.test', role: 'viewer', password }))).toBe(
      'conflict:operator_email',
    );
  });

  it('the last owner can be neither demoted nor removed', async () => {
    // Its own database: the count of owners is what this test is about.
    const own = await createTestDatabase();
    try {
      const ownAuth = testAuth(own.db);
      const first = await createOperator(ownAuth, own.db, { email: 'first@kizuna.test', role: 'owner', password: TEST_PASSWORD });
      expect(await errorCode(changeOperatorRole(own.db, first.id, 'editor'))).toBe('conflict:last_owner');
      expect(await errorCode(removeOperator(own.db, first.id))).toBe('conflict:last_owner');

      const second = await createOperator(ownAuth, own.db, { email: 'second@kizuna.test', role: 'owner', password: TEST_PASSWORD });
      expect(await changeOperatorRole(own.db, first.id, 'editor')).toEqual({ before: 'owner', after: 'editor' });
      expect(await errorCode(removeOperator(own.db, second.id))).toBe('conflict:last_owner');
      await changeOperatorRole(own.db, first.id, 'owner');
      await removeOperator(own.db, second.id);
      // A removed owner does not count: the one left is the last again.
      expect(await errorCode(changeOperatorRole(own.db, first.id, 'viewer'))).toBe('conflict:last_owner');
    } finally {
      await own.drop();
    }
  });

  it('removing an operator signs them out on every device at once', async () => {
    const op = await signedInOperator(auth, tdb.db, 'analyst');
    const laptop = op.cookie;
    const phone = cookiesOf(await signIn(op.email, TEST_PASSWORD));
    expect(await tdb.db.select().from(operatorSessions).where(eq(operatorSessions.userId, op.row.id))).toHaveLength(2);

    await removeOperator(tdb.db, op.row.id);
    for (const cookie of [laptop, phone]) {
      expect(await operatorFromHeaders(auth, tdb.db, headersWith(cookie))).toBeNull();
      expect(await auth.api.getSession({ headers: headersWith(cookie) })).toBeNull();
    }
    expect(await tdb.db.select().from(operatorSessions).where(eq(operatorSessions.userId, op.row.id))).toEqual([]);
    expect(await statusOf(signIn(op.email, TEST_PASSWORD))).not.toBe(200);
  });

  it('TOTP: enrolment is on only after a real code verifies; then sign-in asks for the code and the code gives a session', async () => {
    const op = await signedInOperator(auth, tdb.db, 'publisher');
    const enabled = await auth.api.enableTwoFactor({ body: { password: TEST_PASSWORD }, headers: headersWith(op.cookie) });
    if (enabled.method !== 'totp') throw new Error(`expected a TOTP enrolment, got ${enabled.method}`);
    expect(enabled.totpURI).toMatch(/^otpauth:\/\/totp\/Kizuna:/);
    const secret = new URL(enabled.totpURI).searchParams.get('secret') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    expect(enabled.backupCodes).toHaveLength(10);
    expect(await errorCode(auth.api.enableTwoFactor({ body: { password: 'wrong-password-123' }, headers: headersWith(op.cookie) }))).toBe(
      'INVALID_PASSWORD',
    );

    // Not on yet (the plugin's default, skipVerificationOnEnable unset): a password alone still signs in.
    const [pending] = await tdb.db.select().from(operators).where(eq(operators.id, op.row.id));
    expect(pending?.twoFactorEnabled).toBe(false);
    expect(await signIn(op.email, TEST_PASSWORD).then((r) => r.json())).not.toHaveProperty('twoFactorRedirect');

    const wrong = String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    expect(await statusOf(auth.api.verifyTOTP({ body: { code: wrong }, headers: headersWith(op.cookie), asResponse: true }))).toBe(401);
    const verified = await auth.api.verifyTOTP({ body: { code: totpCode(secret) }, headers: headersWith(op.cookie), asResponse: true });
    expect(verified.status).toBe(200);
    // Turning it on replaces the session: the new cookie works, and the operator now has two-factor on.
    expect(await operatorFromHeaders(auth, tdb.db, headersWith(cookiesOf(verified)))).toMatchObject({
      id: op.row.id,
      twoFactorEnabled: true,
    });

    const first = await signIn(op.email, TEST_PASSWORD);
    expect(await first.json()).toMatchObject({ twoFactorRedirect: true, twoFactorMethods: ['totp'] });
    const challenge = cookiesOf(first);
    expect(challenge).toMatch(/kizuna\.two_factor=/);
    expect(challenge).not.toMatch(/session_token/);
    expect(await operatorFromHeaders(auth, tdb.db, headersWith(challenge))).toBeNull();

    expect(await statusOf(auth.api.verifyTOTP({ body: { code: wrong }, headers: headersWith(challenge), asResponse: true }))).toBe(401);
    const second = await auth.api.verifyTOTP({ body: { code: totpCode(secret) }, headers: headersWith(challenge), asResponse: true });
    expect(second.status).toBe(200);
    expect(await operatorFromHeaders(auth, tdb.db, headersWith(cookiesOf(second)))).toMatchObject({ id: op.row.id, role: 'publisher' });
    const signIns = await tdb.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sign_in'), eq(auditLog.actorId, op.row.id)));
    expect(signIns.map((r) => r.detail.method)).toContain('password+totp');
  });
});
