// The admin shell: sidebar navigation (only what the operator's role may open), who is signed in, sign-out and the
// language switch. Pages check their own permission (requirePage); this layout only decides what to show.
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { signOutAction } from '@/app/sign-in/actions';
import { ChannelPausedBanner } from '@/components/settings/channel-paused-banner';
import { LangSwitch } from '@/components/ui/lang-switch';
import { appDeps } from '@/lib/app-deps';
import { currentOperator } from '@/lib/auth/guard';
import { needsTotpEnrolment } from '@/lib/auth/operator';
import { can, type Permission } from '@/lib/auth/roles';
import { t, type MessageKey } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { channelBanner } from '@/lib/line/channel-banner';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const lang = await currentLang();
  const operator = await currentOperator();
  if (!operator) redirect('/sign-in');
  const items: { href: string; label: MessageKey; permission: Permission; dev?: boolean }[] = [
    { href: '/scenarios', label: 'nav.scenarios', permission: 'scenarios:read' },
    { href: '/broadcasts', label: 'nav.broadcasts', permission: 'scenarios:read' },
    { href: '/auto-replies', label: 'nav.autoReplies', permission: 'scenarios:read' },
    { href: '/friends', label: 'nav.friends', permission: 'friends:read' },
    { href: '/forms', label: 'nav.forms', permission: 'scenarios:read' },
    { href: '/rich-menus', label: 'nav.richMenus', permission: 'scenarios:read' },
    { href: '/coupons', label: 'nav.coupons', permission: 'scenarios:read' },
    { href: '/routes', label: 'nav.inflow', permission: 'scenarios:read' },
    { href: '/inbox', label: 'nav.inbox', permission: 'friends:read_details' },
    { href: '/settings', label: 'nav.settings', permission: 'attributes:manage' },
    { href: '/operators', label: 'nav.operators', permission: 'operators:manage' },
    { href: '/audit', label: 'nav.audit', permission: 'audit:read' },
    { href: '/operations', label: 'nav.operations', permission: 'scenarios:publish' },
    { href: '/sandbox', label: 'nav.sandbox', permission: 'sandbox:use', dev: true },
  ];
  const devMode = appDeps().devMode;
  // While the LINE channel is paused (token refused, monthly quota reached) every page says sends are held.
  const banner = await channelBanner(appDeps());
  // Until a required TOTP is set up only the account page opens, so the nav offers nothing else.
  const nav = needsTotpEnrolment(operator) ? [] : items.filter((n) => can(operator, n.permission) && (!n.dev || devMode));
  return (
    <>
      <aside className="flex w-52 shrink-0 flex-col border-r border-slate-200 bg-white">
        <Link href="/scenarios" className="px-5 pb-4 pt-5">
          <div className="text-xl font-bold text-line-dark">絆 Kizuna</div>
          <div className="text-xs text-slate-500">{t(lang, 'app.tagline')}</div>
        </Link>
        <nav className="flex flex-col gap-1 px-3" aria-label={t(lang, 'common.mainNav')} data-testid="main-nav">
          {nav.map((n) => (
            <Link key={n.href} href={n.href} className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
              {t(lang, n.label)}
            </Link>
          ))}
        </nav>
        <div className="mt-auto flex flex-col gap-2 border-t border-slate-100 p-4 text-xs">
          <Link href="/account" className="block min-w-0 hover:underline" data-testid="operator-box">
            <div className="truncate font-medium text-slate-800">{operator.name}</div>
            <div className="truncate text-slate-500">{operator.email}</div>
            <div className="text-slate-500">{t(lang, `role.${operator.role}`)}</div>
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="text-slate-500 underline hover:text-slate-800">
              {t(lang, 'signout')}
            </button>
          </form>
          <LangSwitch lang={lang} label={t(lang, 'lang.switch')} />
        </div>
      </aside>
      <main className="min-w-0 flex-1 overflow-auto">
        {banner ? <ChannelPausedBanner lang={lang} banner={banner} showQuotaLink={can(operator, 'settings:manage')} /> : null}
        {children}
      </main>
    </>
  );
}
