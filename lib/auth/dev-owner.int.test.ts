// `npm run dev` on a database without operators makes a dev owner whose password the banner prints once; on any later
// start (there is an operator now) it makes nothing and prints nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, operators } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testAuth } from '@/test/operators';
import { DEV_OWNER_EMAIL, ensureDevOwner } from './dev-owner';
import { operatorFromHeaders } from './operator';

const SECRET = 'dev-owner-kizuna-secret-0123456789';
const APP_URL = 'http://localhost:3000';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => tdb?.drop());

describe('the dev owner', () => {
  it('is made once on an empty install, signs in as owner with the printed password, and is never made again', async () => {
    expect(await tdb.db.select().from(operators)).toEqual([]);
    const made = await ensureDevOwner({ databaseUrl: tdb.url, secret: SECRET, appBaseUrl: APP_URL });
    expect(made).toMatchObject({ email: DEV_OWNER_EMAIL });
    const password = made?.password ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);

    // The password is stored only as a hash, so the banner is the one place it is ever shown.
    const [row] = await tdb.db.select().from(operators);
    expect(row).toMatchObject({ email: DEV_OWNER_EMAIL, role: 'owner' });
    expect(JSON.stringify(row)).not.toContain(password);

    const auth = testAuth(tdb.db, { appBaseUrl: APP_URL, secret: SECRET });
    const res = await auth.api.signInEmail({ body: { email: DEV_OWNER_EMAIL, password }, asResponse: true });
    expect(res.status).toBe(200);
    const cookie = /kizuna\.session_token=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
    expect((await operatorFromHeaders(auth, tdb.db, new Headers({ cookie })))?.role).toBe('owner');

    const audits = await tdb.db.select().from(auditLog).where(eq(auditLog.action, 'owner_created'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ objectType: 'operator', objectId: row?.id, detail: { via: 'npm run dev' } });
    expect(JSON.stringify(audits[0])).not.toContain(password);

    // The next `npm run dev`: an operator exists, so nothing is made and no password is printed.
    expect(await ensureDevOwner({ databaseUrl: tdb.url, secret: SECRET, appBaseUrl: APP_URL })).toBeNull();
    expect(await tdb.db.select().from(operators)).toHaveLength(1);
    expect(await tdb.db.select().from(auditLog).where(eq(auditLog.action, 'owner_created'))).toHaveLength(1);
  });
});
