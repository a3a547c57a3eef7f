'use server';
// Server actions of signing in and out: email + password, the TOTP step, single sign-on, first-run owner setup.
// better-auth checks the credentials; its hooks (lib/auth/auth.ts) rate-limit and audit every attempt.
import { APIError } from 'better-auth/api';
import { sql } from 'drizzle-orm';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { recordAudit } from '@/lib/audit/record';
import { OIDC_PROVIDER_ID } from '@/lib/auth/auth';
import { clientIp } from '@/lib/auth/client-ip';
import { publicAction, selfAction } from '@/lib/auth/guard';
import { countOperators, createOperator } from '@/lib/auth/manage-operators';
import { safeNextPath } from '@/lib/auth/safe-next';
import { toActionError, type ActionError } from '@/lib/errors';
import type { SignInResultView } from '@/lib/ui-types';

export type SignInResult = SignInResultView;

const Credentials = z.object({ email: z.string().trim().max(320), password: z.string().max(256) });

export const signInAction = publicAction('sign_in', async (email: string, password: string, next: string): Promise<SignInResult> => {
  const c = Credentials.safeParse({ email, password });
  if (!c.success) return { ok: false, error: 'failed' };
  try {
    const r = await appDeps().auth.api.signInEmail({ body: { email: c.data.email, password: c.data.password }, headers: await headers() });
    if ('twoFactorRedirect' in r && r.twoFactorRedirect) return { ok: true, twoFactor: true };
    return { ok: true, next: safeNextPath(next) };
  } catch (err) {
    if (err instanceof APIError) return { ok: false, error: err.statusCode === 429 ? 'rate_limited' : 'failed' };
    throw err;
  }
});

/** The second step: a 6-digit code from the authenticator app, or one of the backup codes shown at enrolment. */
export const verifyTotpAction = publicAction('sign_in', async (code: string, next: string): Promise<SignInResult> => {
  const c = code.trim();
  const api = appDeps().auth.api;
  try {
    if (/^\d{6}$/.test(c)) await api.verifyTOTP({ body: { code: c }, headers: await headers() });
    else if (/^[A-Za-z0-9-]{6,40}$/.test(c)) await api.verifyBackupCode({ body: { code: c }, headers: await headers() });
    else return { ok: false, error: 'failed' };
    return { ok: true, next: safeNextPath(next) };
  } catch (err) {
    if (err instanceof APIError) return { ok: false, error: err.statusCode === 429 ? 'rate_limited' : 'failed' };
    throw err;
  }
});

/** Starts single sign-on at the configured OIDC issuer; returns there through /api/auth/callback/oidc. */
export const ssoSignInAction = publicAction('sign_in', async (next: string): Promise<void> => {
  const deps = appDeps();
  if (!deps.ssoEnabled) redirect('/sign-in');
  const r = await deps.auth.api.signInSocial({
    body: { provider: OIDC_PROVIDER_ID, callbackURL: safeNextPath(next), errorCallbackURL: '/sign-in?error=sso', disableRedirect: true },
    headers: await headers(),
  });
  if (!r.url) redirect('/sign-in?error=sso');
  redirect(r.url);
});

export const signOutAction = selfAction(async (caller): Promise<void> => {
  const deps = appDeps();
  await deps.auth.api.signOut({ headers: await headers() });
  await recordAudit(
    deps.db,
    { id: caller.operator.id, email: caller.operator.email, ip: caller.ip },
    { action: 'sign_out', object: { type: 'operator', id: caller.operator.id } },
  );
  redirect('/sign-in');
});

export type SetupResult = { ok: true } | { ok: false; error: ActionError };

/** First run in production: creates the owner while there are no operators (serialised by an advisory lock), signs in. */
export const createOwnerAction = publicAction(
  'sign_in',
  async (input: { email: string; name: string; password: string }): Promise<SetupResult> => {
    const deps = appDeps();
    const h = await headers();
    try {
      const created = await deps.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kizuna:first-owner'))`);
        if ((await countOperators(tx)) > 0) return null;
        const op = await createOperator(deps.auth, deps.db, {
          email: input.email,
          name: input.name,
          password: input.password,
          role: 'owner',
        });
        await recordAudit(
          tx,
          { id: op.id, email: op.email, ip: clientIp(h) },
          { action: 'owner_created', object: { type: 'operator', id: op.id }, detail: { via: 'setup' } },
        );
        return op;
      });
      if (!created) return { ok: false, error: { code: 'conflict:setup_done', message: 'the owner has already been created', issues: [] } };
      await deps.auth.api.signInEmail({ body: { email: created.email, password: input.password }, headers: h });
      return { ok: true };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);
