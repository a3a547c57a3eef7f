// The signed-in operator's own account: who they are, their password and two-factor authentication. Every operator
// may open it, including one an owner requires to enrol TOTP first (requirePage sends them here with ?totp=required).
import { headers } from 'next/headers';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { TotpPanel } from '@/components/account/totp-panel';
import { TotpRequiredBanner } from '@/components/account/totp-required-banner';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { needsTotpEnrolment } from '@/lib/auth/operator';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { changePasswordAction, confirmTotpAction, disableTotpAction, startTotpAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { operator: me } = await requirePage('self', '/account');
  const lang = await currentLang();
  const accounts = await appDeps().auth.api.listUserAccounts({ headers: await headers() });
  const hasPassword = accounts.some((a) => a.providerId === 'credential');
  const mustEnrol = needsTotpEnrolment(me) || ((await searchParams).totp === 'required' && !me.twoFactorEnabled);
  const facts = [
    ['account.name', me.name],
    ['account.email', me.email],
    ['account.role', t(lang, `role.${me.role}`)],
  ] as const;
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 p-8">
      <h1 className="text-2xl font-bold">{t(lang, 'account.title')}</h1>
      {mustEnrol ? <TotpRequiredBanner lang={lang} /> : null}
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm" data-testid="account-facts">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{t(lang, k)}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <TotpPanel
        lang={lang}
        enabled={me.twoFactorEnabled}
        required={me.totpRequired}
        hasPassword={hasPassword}
        startTotpAction={startTotpAction}
        confirmTotpAction={confirmTotpAction}
        disableTotpAction={disableTotpAction}
      />
      <ChangePasswordForm lang={lang} hasPassword={hasPassword} changePasswordAction={changePasswordAction} />
    </div>
  );
}
