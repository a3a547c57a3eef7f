'use client';
// First-run form: the first owner's email, name and password.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionError } from '@/lib/ui-types';

export function SetupForm(props: {
  lang: Lang;
  createOwnerAction: (input: {
    email: string;
    name: string;
    password: string;
  }) => Promise<{ ok: true } | { ok: false; error: ActionError }>;
}) {
  const { lang } = props;
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const input = 'w-full rounded-md border border-slate-300 px-3 py-2 text-sm';
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const password = String(f.get('password'));
        if (password.length < 12) return setError(t(lang, 'error.password.short'));
        start(async () => {
          const r = await props.createOwnerAction({ email: String(f.get('email')), name: String(f.get('name')), password });
          if (!r.ok)
            return setError(
              r.error.code === 'conflict:setup_done'
                ? t(lang, 'setup.done')
                : [r.error.message, ...r.error.issues.map((i) => i.message)].join(' / '),
            );
          router.replace('/scenarios');
          router.refresh();
        });
      }}
    >
      <label className="text-sm">
        {t(lang, 'signin.email')}
        <input name="email" type="email" autoComplete="username" required className={input} />
      </label>
      <label className="text-sm">
        {t(lang, 'setup.name')}
        <input name="name" required maxLength={100} className={input} />
      </label>
      <label className="text-sm">
        {t(lang, 'signin.password')}
        <input name="password" type="password" autoComplete="new-password" minLength={12} required className={input} />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-line px-3 py-2 text-sm font-semibold text-white disabled:opacity-50"
      >
        {t(lang, 'setup.submit')}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
