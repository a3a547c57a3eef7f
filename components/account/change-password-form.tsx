'use client';
// Changes the operator's password (current + new, typed twice); every other session of theirs is signed out.
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import { accountErrorText } from './error-text';

export function ChangePasswordForm(props: {
  lang: Lang;
  hasPassword: boolean;
  changePasswordAction: (currentPassword: string, newPassword: string) => Promise<ActionResult>;
}) {
  const { lang } = props;
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const input = 'w-full rounded-md border border-slate-300 px-3 py-2 text-sm';
  const fail = (text: string) => setMessage({ ok: false, text });
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="change-password">
      <h2 className="mb-3 text-lg font-semibold">{t(lang, 'account.password.title')}</h2>
      {!props.hasPassword ? (
        <p className="text-sm text-slate-500">{t(lang, 'account.password.none')}</p>
      ) : (
        <form
          className="flex max-w-sm flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const f = new FormData(form);
            const current = String(f.get('current') ?? '');
            const next = String(f.get('next') ?? '');
            if (next.length < 12) return fail(t(lang, 'error.password.short'));
            if (next !== String(f.get('confirm') ?? '')) return fail(t(lang, 'account.password.mismatch'));
            start(async () => {
              const r = await props.changePasswordAction(current, next);
              if (!r.ok) return fail(accountErrorText(lang, r.error));
              form.reset();
              setMessage({ ok: true, text: t(lang, 'account.password.done') });
            });
          }}
        >
          <label className="text-sm">
            {t(lang, 'account.password.current')}
            <input name="current" type="password" autoComplete="current-password" required className={input} />
          </label>
          <label className="text-sm">
            {t(lang, 'account.password.new')}
            <input name="next" type="password" autoComplete="new-password" minLength={12} maxLength={256} required className={input} />
          </label>
          <label className="text-sm">
            {t(lang, 'account.password.confirm')}
            <input name="confirm" type="password" autoComplete="new-password" required className={input} />
          </label>
          <div>
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-line px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            >
              {t(lang, 'account.password.submit')}
            </button>
          </div>
        </form>
      )}
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`mt-3 text-sm ${message.ok ? 'text-emerald-700' : 'text-rose-700'}`}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
