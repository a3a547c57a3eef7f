'use client';
// The sign-in form: email + password, then the TOTP code when the operator has two-factor on, and the SSO button.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { SignInResultView } from '@/lib/ui-types';

export function SignInForm(props: {
  lang: Lang;
  next: string;
  sso: boolean;
  initialError: 'sso' | null;
  signInAction: (email: string, password: string, next: string) => Promise<SignInResultView>;
  verifyTotpAction: (code: string, next: string) => Promise<SignInResultView>;
  ssoSignInAction: (next: string) => Promise<void>;
}) {
  const { lang } = props;
  const router = useRouter();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<string | null>(props.initialError === 'sso' ? t(lang, 'signin.ssoFailed') : null);
  const [pending, start] = useTransition();
  const input = 'w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

  function handle(r: SignInResultView, failedKey: 'signin.failed' | 'signin.totp.failed') {
    if (!r.ok) return setError(t(lang, r.error === 'rate_limited' ? 'signin.rateLimited' : failedKey));
    if ('twoFactor' in r) return (setError(null), setStep('totp'));
    router.replace(r.next);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-4">
      {step === 'password' ? (
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            start(async () =>
              handle(await props.signInAction(String(f.get('email')), String(f.get('password')), props.next), 'signin.failed'),
            );
          }}
        >
          <label className="text-sm">
            {t(lang, 'signin.email')}
            <input name="email" type="email" autoComplete="username" required className={input} />
          </label>
          <label className="text-sm">
            {t(lang, 'signin.password')}
            <input name="password" type="password" autoComplete="current-password" required className={input} />
          </label>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-line px-3 py-2 text-sm font-semibold text-white disabled:opacity-50"
          >
            {t(lang, 'signin.submit')}
          </button>
        </form>
      ) : (
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            start(async () => handle(await props.verifyTotpAction(String(f.get('code')), props.next), 'signin.totp.failed'));
          }}
        >
          <h2 className="font-semibold">{t(lang, 'signin.totp.title')}</h2>
          <p className="text-sm text-slate-600">{t(lang, 'signin.totp.help')}</p>
          <label className="text-sm">
            {t(lang, 'signin.totp.code')}
            <input name="code" autoComplete="one-time-code" required autoFocus maxLength={40} className={input} />
          </label>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-line px-3 py-2 text-sm font-semibold text-white disabled:opacity-50"
          >
            {t(lang, 'signin.totp.submit')}
          </button>
        </form>
      )}
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      {props.sso && step === 'password' ? (
        <>
          <div className="text-center text-xs text-slate-400">{t(lang, 'signin.or')}</div>
          <button
            type="button"
            disabled={pending}
            onClick={() => start(() => props.ssoSignInAction(props.next))}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50"
          >
            {t(lang, 'signin.sso')}
          </button>
        </>
      ) : null}
    </div>
  );
}
