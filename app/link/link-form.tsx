'use client';
// The dev sign-in form of /link: a member id is enough (in production the shop's own login proves the member).
import { useActionState } from 'react';
import type { ActionError } from '@/lib/errors';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { linkAccountAction } from './actions';
import { actionErrorKey } from './link-errors';

export function LinkForm({ lang, linkToken, state }: { lang: Lang; linkToken: string; state: string }) {
  const [error, action, pending] = useActionState<ActionError | null, FormData>(linkAccountAction, null);
  const errorKey = error ? actionErrorKey(error.code) : null;
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="linkToken" value={linkToken} />
      <input type="hidden" name="state" value={state} />
      <label className="flex flex-col gap-1 text-sm">
        {t(lang, 'link.memberId')}
        <input name="memberId" required autoComplete="username" className="rounded-md border border-slate-300 px-3 py-2" />
      </label>
      <button type="submit" disabled={pending} className="rounded-md bg-line px-4 py-2 font-medium text-white disabled:opacity-50">
        {t(lang, 'link.submit')}
      </button>
      {error ? (
        <p className="text-sm text-rose-700" role="alert">
          {errorKey ? t(lang, errorKey) : error.message}
        </p>
      ) : null}
    </form>
  );
}
