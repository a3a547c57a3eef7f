// `npm run dev` on a database without operators creates a dev owner and prints the password once in the banner.
// Production has no default account: the /setup screen or `npm run kizuna -- operator create` makes the first owner.
import { createDb } from '@/db/client';
import { recordAudit } from '../audit/record';
import { createAuth } from './auth';
import { countOperators, createOperator, generatePassword } from './manage-operators';

export const DEV_OWNER_EMAIL = 'owner@kizuna.local';

export async function ensureDevOwner(config: {
  databaseUrl: string;
  secret: string;
  appBaseUrl: string;
}): Promise<{ email: string; password: string } | null> {
  const { db, close } = createDb(config.databaseUrl, { max: 1 });
  try {
    if ((await countOperators(db)) > 0) return null;
    const auth = createAuth(db, { appBaseUrl: config.appBaseUrl, secret: config.secret, oidc: null });
    const password = generatePassword();
    const op = await createOperator(auth, db, { email: DEV_OWNER_EMAIL, name: 'Dev owner', role: 'owner', password });
    await recordAudit(
      db,
      { id: null, email: null, ip: null },
      { action: 'owner_created', object: { type: 'operator', id: op.id }, detail: { via: 'npm run dev' } },
    );
    return { email: op.email, password };
  } finally {
    await close();
  }
}
