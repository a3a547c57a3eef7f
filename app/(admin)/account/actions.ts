'use server';
// Server actions of the account page, for any signed-in operator on their own account: change the password, and
// enrol or remove TOTP. better-auth checks the password and the code; its nextCookies plugin sets the session cookie
// it replaces (a password change and a TOTP change each start a new session).
import { APIError } from 'better-auth/api';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import QRCode from 'qrcode';
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { selfAction } from '@/lib/auth/guard';
import { AppError, parseOrThrow, toActionError } from '@/lib/errors';
import type { ActionResult } from '@/lib/ui-types';

/** better-auth's error codes as ours, so the page can say what went wrong in the operator's language. */
const API_ERRORS: Record<string, AppError['code']> = {
  INVALID_PASSWORD: 'invalid:password',
  PASSWORD_TOO_SHORT: 'invalid:password_short',
  PASSWORD_TOO_LONG: 'invalid:password_long',
  CREDENTIAL_ACCOUNT_NOT_FOUND: 'conflict:no_password',
  INVALID_CODE: 'invalid:totp_code',
  TOTP_ALREADY_ENABLED: 'conflict:totp_enabled',
  TOTP_NOT_ENABLED: 'conflict:totp_not_started',
};

async function run<T extends object>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const r = await fn();
    revalidatePath('/account');
    return { ok: true, ...r };
  } catch (err) {
    const code = err instanceof APIError ? API_ERRORS[err.body?.code ?? ''] : undefined;
    return { ok: false, error: toActionError(code ? new AppError(code, err instanceof Error ? err.message : code) : err) };
  }
}

const Password = z.string().min(1).max(256);

export const changePasswordAction = selfAction(async (caller, currentPassword: string, newPassword: string): Promise<ActionResult> =>
  run(async () => {
    const p = parseOrThrow(z.object({ currentPassword: Password, newPassword: Password }), { currentPassword, newPassword });
    await appDeps().auth.api.changePassword({ body: { ...p, revokeOtherSessions: true }, headers: await headers() });
    await recordAudit(appDeps().db, actorOf(caller), { action: 'password_changed', object: { type: 'operator', id: caller.operator.id } });
    return {};
  }),
);

/**
 * Step 1 of enrolment: checks the password and stores a new, not yet verified secret (the plugin's default: TOTP is
 * on only after the first code is verified, since `skipVerificationOnEnable` is unset). Answers what the authenticator
 * app needs: a QR code of the otpauth URI, the secret as text, and the backup codes (shown once).
 */
export const startTotpAction = selfAction(
  async (caller, password: string): Promise<ActionResult<{ qrDataUrl: string; secret: string; backupCodes: string[] }>> =>
    run(async () => {
      if (caller.operator.twoFactorEnabled) throw new AppError('conflict:totp_enabled', 'two-factor authentication is already on');
      const p = parseOrThrow(z.object({ password: Password }), { password });
      const r = await appDeps().auth.api.enableTwoFactor({ body: { password: p.password }, headers: await headers() });
      if (r.method !== 'totp') throw new Error(`better-auth enabled ${r.method}, not totp`);
      const secret = new URL(r.totpURI).searchParams.get('secret') ?? '';
      return { qrDataUrl: await QRCode.toDataURL(r.totpURI, { margin: 1, width: 192 }), secret, backupCodes: r.backupCodes };
    }),
);

/** Step 2: the first code from the app proves the secret arrived; better-auth then turns two-factor on. */
export const confirmTotpAction = selfAction(async (caller, code: string): Promise<ActionResult> =>
  run(async () => {
    if (caller.operator.twoFactorEnabled) throw new AppError('conflict:totp_enabled', 'two-factor authentication is already on');
    const p = parseOrThrow(
      z.object({
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, 'expected 6 digits'),
      }),
      { code },
    );
    await appDeps().auth.api.verifyTOTP({ body: { code: p.code }, headers: await headers() });
    await recordAudit(appDeps().db, actorOf(caller), { action: 'totp_enabled', object: { type: 'operator', id: caller.operator.id } });
    return {};
  }),
);

export const disableTotpAction = selfAction(async (caller, password: string): Promise<ActionResult> =>
  run(async () => {
    // An owner's requirement stands: turning it off would only lock the operator out of every other page.
    if (caller.operator.totpRequired) throw new AppError('forbidden:totp_required', 'an owner requires two-factor authentication for you');
    if (!caller.operator.twoFactorEnabled) throw new AppError('conflict:totp_not_enabled', 'two-factor authentication is not on');
    const p = parseOrThrow(z.object({ password: Password }), { password });
    await appDeps().auth.api.disableTwoFactor({ body: { password: p.password }, headers: await headers() });
    await recordAudit(appDeps().db, actorOf(caller), { action: 'totp_disabled', object: { type: 'operator', id: caller.operator.id } });
    return {};
  }),
);
