'use client';
// TOTP enrolment in two steps: the password (the server answers a QR code, the setup key and backup codes), then the
// first code from the authenticator app, which turns two-factor on.
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import { accountErrorText } from './error-text';

export interface TotpSetup {
  qrDataUrl: string;
  secret: string;
  backupCodes: string[];
}

export interface TotpEnrolActions {
  startTotpAction: (password: string) => Promise<ActionResult<TotpSetup>>;
  confirmTotpAction: (code: string) => Promise<ActionResult>;
}

export function TotpEnrol({
  lang,
  onCancel,
  onDone,
  ...actions
}: { lang: Lang; onCancel: () => void; onDone: () => void } & TotpEnrolActions) {
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const input = 'w-full rounded-md border border-slate-300 px-3 py-2 text-sm';
  const button = 'rounded-md bg-line px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50';
  const cancel = (
    <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-1.5 text-sm">
      {t(lang, 'account.totp.cancel')}
    </button>
  );

  return (
    <div className="flex flex-col gap-3">
      {!setup ? (
        <form
          className="flex max-w-sm flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const password = String(new FormData(e.currentTarget).get('password') ?? '');
            start(async () => {
              const r = await actions.startTotpAction(password);
              if (!r.ok) return setError(accountErrorText(lang, r.error));
              setError(null);
              setSetup({ qrDataUrl: r.qrDataUrl, secret: r.secret, backupCodes: r.backupCodes });
            });
          }}
        >
          <label className="text-sm">
            {t(lang, 'account.totp.password')}
            <input name="password" type="password" autoComplete="current-password" required autoFocus className={input} />
          </label>
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={button}>
              {t(lang, 'account.totp.continue')}
            </button>
            {cancel}
          </div>
        </form>
      ) : (
        <form
          className="flex flex-col gap-3"
          data-testid="totp-setup"
          onSubmit={(e) => {
            e.preventDefault();
            const code = String(new FormData(e.currentTarget).get('code') ?? '');
            start(async () => {
              const r = await actions.confirmTotpAction(code);
              if (!r.ok) return setError(accountErrorText(lang, r.error));
              onDone();
            });
          }}
        >
          <p className="text-sm">{t(lang, 'account.totp.scan')}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server; next/image adds nothing to it. */}
          <img
            src={setup.qrDataUrl}
            alt={t(lang, 'account.totp.qrAlt')}
            width={192}
            height={192}
            className="rounded border border-slate-200"
          />
          <div className="text-sm">
            <div className="text-slate-500">{t(lang, 'account.totp.secret')}</div>
            <code className="break-all font-mono" data-testid="totp-secret">
              {/* In groups of four, as authenticator apps show it; they ignore the spaces. */}
              {setup.secret.replace(/(.{4})(?=.)/g, '$1 ')}
            </code>
          </div>
          {setup.backupCodes.length > 0 ? (
            <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
              <p className="mb-2 text-amber-900">{t(lang, 'account.totp.backupCodes')}</p>
              <ul className="grid grid-cols-2 gap-1 font-mono text-xs sm:grid-cols-5" data-testid="totp-backup-codes">
                {setup.backupCodes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <label className="max-w-xs text-sm">
            {t(lang, 'account.totp.code')}
            <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" required autoFocus className={input} />
          </label>
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={button}>
              {t(lang, 'account.totp.verify')}
            </button>
            {cancel}
          </div>
        </form>
      )}
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
