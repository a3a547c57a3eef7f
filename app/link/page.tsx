// /link?linkToken=…&state=…: where a friend lands from LINE to link their shop membership (LINE's account-link flow).
// With the shop's login configured it sends the member there; without it, a typed member id in development only (404
// in production, where nothing could prove who the member is). /link?error=… shows why /link/complete refused.
import { notFound, redirect } from 'next/navigation';
import { appDeps } from '@/lib/app-deps';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { linkMode } from '@/lib/links/link-mode';
import { shopLoginUrl } from '@/lib/links/shop-link';
import { LinkForm } from './link-form';
import { linkErrorKey } from './link-errors';

export const dynamic = 'force-dynamic';

export default async function LinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const mode = linkMode(env());
  if (mode.kind === 'off') notFound();
  const lang = await currentLang();
  const sp = await searchParams;
  const error = linkErrorKey(sp.error);
  if (error) return <Card lang={lang} alert={t(lang, error)} />;
  const linkToken = typeof sp.linkToken === 'string' ? sp.linkToken : '';
  const state = typeof sp.state === 'string' ? sp.state : '';
  if (!linkToken || !state || linkToken.length > 200 || state.length > 500) return <Card lang={lang} alert={t(lang, 'link.missing')} />;
  if (mode.kind === 'shop') {
    let shopUrl: string;
    try {
      shopUrl = shopLoginUrl(appDeps(), mode.shop, { linkToken, state });
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid:state') return <Card lang={lang} alert={t(lang, 'link.error.expired')} />;
      throw err;
    }
    redirect(shopUrl);
  }
  return (
    <Card lang={lang}>
      <p className="mb-3 rounded-md bg-amber-50 p-2 text-xs text-amber-800">{t(lang, 'link.devOnly')}</p>
      <LinkForm lang={lang} linkToken={linkToken} state={state} />
    </Card>
  );
}

function Card({ lang, alert, children }: { lang: Lang; alert?: string; children?: React.ReactNode }) {
  return (
    <div className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
      <h1 className="mb-2 text-xl font-bold">{t(lang, 'link.title')}</h1>
      <p className="mb-4 text-sm text-slate-500">{t(lang, 'link.help')}</p>
      {alert ? (
        <p className="text-sm text-rose-700" role="alert">
          {alert}
        </p>
      ) : null}
      {children}
    </div>
  );
}
