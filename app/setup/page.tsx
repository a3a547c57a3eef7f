// /setup: the one-time "create the owner" screen; it works only while no operator exists (then it sends to sign-in).
import { redirect } from 'next/navigation';
import { SetupForm } from '@/components/access/setup-form';
import { createOwnerAction } from '@/app/sign-in/actions';
import { appDeps } from '@/lib/app-deps';
import { countOperators } from '@/lib/auth/manage-operators';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  if ((await countOperators(appDeps().db)) > 0) redirect('/sign-in');
  const lang = await currentLang();
  return (
    <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="mb-1 text-xl font-bold text-line-dark">絆 Kizuna</div>
      <h1 className="mb-2 text-lg font-semibold">{t(lang, 'setup.title')}</h1>
      <p className="mb-4 text-sm text-slate-600">{t(lang, 'setup.help')}</p>
      <SetupForm lang={lang} createOwnerAction={createOwnerAction} />
    </div>
  );
}
