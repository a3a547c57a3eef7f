// /link?linkToken=…&state=…: where a friend lands from LINE to link their shop membership (LINE's account-link flow).
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { LinkForm } from './link-form';

export const dynamic = 'force-dynamic';

export default async function LinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const lang = await currentLang();
  const sp = await searchParams;
  const linkToken = typeof sp.linkToken === 'string' ? sp.linkToken : '';
  const state = typeof sp.state === 'string' ? sp.state : '';
  return (
    <div className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
      <h1 className="mb-2 text-xl font-bold">{t(lang, 'link.title')}</h1>
      <p className="mb-4 text-sm text-slate-500">{t(lang, 'link.help')}</p>
      {linkToken && state ? (
        <LinkForm lang={lang} linkToken={linkToken} state={state} />
      ) : (
        <p className="text-sm text-rose-700">{t(lang, 'link.missing')}</p>
      )}
    </div>
  );
}
