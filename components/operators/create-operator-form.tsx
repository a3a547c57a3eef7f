'use client';
// Adds an operator: email, name, role and how they sign in; a generated password is shown here once, then never again.
import { useState, useTransition } from 'react';
import { isRole, ROLES } from '@/lib/auth/roles';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { CopyButton } from '../settings/copy-button';
import { operatorErrorText } from './error-text';
import type { CreateOperatorAction, SignInMode } from './types';

export function CreateOperatorForm({
  lang,
  ssoEnabled,
  createOperatorAction,
}: {
  lang: Lang;
  ssoEnabled: boolean;
  createOperatorAction: CreateOperatorAction;
}) {
  const [signIn, setSignIn] = useState<SignInMode>('generate');
  const [done, setDone] = useState<{ email: string; password: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const modes: SignInMode[] = ssoEnabled ? ['generate', 'set', 'sso'] : ['generate', 'set'];
  const input = 'rounded-md border border-slate-300 px-2 py-1.5 text-sm';

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="create-operator">
      <h2 className="mb-3 text-lg font-semibold">{t(lang, 'operators.create.title')}</h2>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          const email = String(f.get('email') ?? '');
          const role = f.get('role');
          const password = signIn === 'set' ? String(f.get('password') ?? '') : undefined;
          if (!isRole(role)) return;
          if (password !== undefined && password.length < 12) return setError(t(lang, 'error.password.short'));
          start(async () => {
            const r = await createOperatorAction({ email, name: String(f.get('name') ?? ''), role, signIn, password });
            if (!r.ok) return setError(operatorErrorText(lang, r.error));
            setError(null);
            setDone({ email, password: r.generatedPassword });
            form.reset();
            setSignIn('generate');
          });
        }}
      >
        <div className="flex flex-wrap gap-3">
          <label className="flex min-w-56 flex-1 flex-col gap-1 text-sm">
            {t(lang, 'operators.create.email')}
            <input name="email" type="email" required autoComplete="off" className={input} />
          </label>
          <label className="flex min-w-40 flex-1 flex-col gap-1 text-sm">
            {t(lang, 'operators.create.name')}
            <input name="name" maxLength={100} autoComplete="off" className={input} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t(lang, 'operators.create.role')}
            <select name="role" defaultValue="editor" className={input}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(lang, `role.${r}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset className="flex flex-wrap items-center gap-4 text-sm">
          <legend className="mb-1">{t(lang, 'operators.create.signIn')}</legend>
          {modes.map((m) => (
            <label key={m} className="flex items-center gap-1.5">
              <input type="radio" name="signIn" value={m} checked={signIn === m} onChange={() => setSignIn(m)} />
              {t(lang, `operators.create.mode.${m}`)}
            </label>
          ))}
        </fieldset>
        {signIn === 'set' ? (
          <label className="flex max-w-sm flex-col gap-1 text-sm">
            {t(lang, 'operators.create.password')}
            <input name="password" type="password" minLength={12} maxLength={256} required autoComplete="new-password" className={input} />
          </label>
        ) : null}
        <div>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-line px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          >
            {t(lang, 'operators.create.submit')}
          </button>
        </div>
      </form>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      {done ? (
        <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="operator-created">
          <p className="font-medium text-amber-900">{t(lang, 'operators.create.done').replace('{email}', done.email)}</p>
          {done.password ? (
            <>
              <p className="mt-1 text-amber-900">{t(lang, 'operators.create.generated')}</p>
              <div className="mt-1 flex items-center gap-2">
                <code className="min-w-0 flex-1 break-all" data-testid="generated-password">
                  {done.password}
                </code>
                <CopyButton value={done.password} label={t(lang, 'common.copy')} copiedLabel={t(lang, 'common.copied')} />
              </div>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
