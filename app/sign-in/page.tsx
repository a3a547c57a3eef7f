// /sign-in: operators sign in with email + password (and TOTP when on), or with SSO when an issuer is configured.
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/access/sign-in-form';
import { appDeps } from '@/lib/app-deps';
import { currentOperator } from '@/lib/auth/guard';
import { countOperators } from '@/lib/auth/manage-operators';
import { safeNextPath } from '@/lib/auth/safe-next';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { signInAction, ssoSignInAction, verifyTotpAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNextPath(sp.next);
  if (await currentOperator()) redirect(next);
  const lang = await currentLang();
  const deps = appDeps();
  const noOperators = (await countOperators(deps.db)) === 0;
  return (
    <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="mb-1 text-xl font-bold text-line-dark">絆 Kizuna</div>
      <h1 className="mb-4 text-lg font-semibold">{t(lang, 'signin.title')}</h1>
      {noOperators ? (
        <p className="mb-4 rounded bg-amber-50 p-3 text-sm text-amber-900">
          {t(lang, 'signin.setupHint')}{' '}
          <Link href="/setup" className="underline">
            {t(lang, 'setup.title')}
          </Link>
        </p>
      ) : null}
      <SignInForm
        lang={lang}
        next={next}
        sso={deps.ssoEnabled}
        initialError={([] as (string | undefined)[]).concat(sp.error).includes('sso') ? 'sso' : null}
        signInAction={signInAction}
        verifyTotpAction={verifyTotpAction}
        ssoSignInAction={ssoSignInAction}
      />
    </div>
  );
}
