'use client';
// Two-factor on the account page: its state, enrolment when off, and turning it off (with the password) unless an
// owner requires it.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import { accountErrorText } from './error-text';
import { TotpEnrol, type TotpEnrolActions } from './totp-enrol';

export function TotpPanel({
  lang,
  enabled,
  required,
  hasPassword,
  disableTotpAction,
  ...enrolActions
}: {
  lang: Lang;
  enabled: boolean;
  required: boolean;
  hasPassword: boolean;
  disableTotpAction: (password: string) => Promise<ActionResult>;
} & TotpEnrolActions) {
  const router = useRouter();
  const [enrolling, setEnrolling] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const input = 'w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

  let body: React.ReactNode;
  if (enabled && required) body = <p className="text-sm text-slate-500">{t(lang, 'account.totp.lockedOn')}</p>;
  else if (enabled)
    body = (
      <form
        className="flex max-w-sm flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const password = String(new FormData(e.currentTarget).get('password') ?? '');
          start(async () => {
            const r = await disableTotpAction(password);
            if (!r.ok) return setMessage({ ok: false, text: accountErrorText(lang, r.error) });
            setMessage({ ok: true, text: t(lang, 'account.totp.disabled') });
            router.refresh();
          });
        }}
      >
        <label className="text-sm">
          {t(lang, 'account.totp.password')}
          <input name="password" type="password" autoComplete="current-password" required className={input} />
        </label>
        <div>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md border border-rose-300 px-4 py-1.5 text-sm text-rose-700 hover:bg-rose-50"
          >
            {t(lang, 'account.totp.disable')}
          </button>
        </div>
      </form>
    );
  else if (!hasPassword) body = <p className="text-sm text-slate-500">{t(lang, 'account.totp.noPassword')}</p>;
  else if (enrolling)
    body = (
      <TotpEnrol
        lang={lang}
        {...enrolActions}
        onCancel={() => setEnrolling(false)}
        onDone={() => {
          setEnrolling(false);
          setMessage({ ok: true, text: t(lang, 'account.totp.enabled') });
          router.refresh();
        }}
      />
    );
  else
    body = (
      <button
        type="button"
        onClick={() => (setMessage(null), setEnrolling(true))}
        className="rounded-md bg-line px-4 py-1.5 text-sm font-medium text-white"
      >
        {t(lang, 'account.totp.enable')}
      </button>
    );

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="totp-panel">
      <div className="mb-1 flex items-center gap-2">
        <h2 className="text-lg font-semibold">{t(lang, 'account.totp.title')}</h2>
        <span
          className={`rounded px-2 py-0.5 text-xs ${enabled ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-100 text-slate-600'}`}
          data-testid="totp-state"
        >
          {t(lang, enabled ? 'account.totp.on' : 'account.totp.off')}
        </span>
      </div>
      <p className="mb-3 text-sm text-slate-500">{t(lang, 'account.totp.help')}</p>
      {body}
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`mt-3 text-sm ${message.ok ? 'text-emerald-700' : 'text-rose-700'}`}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
