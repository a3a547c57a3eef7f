// The app shell: sidebar navigation, language switch, Japanese by default.
import type { Metadata } from 'next';
import Link from 'next/link';
import { LangSwitch } from '@/components/ui/lang-switch';
import { env } from '@/lib/env';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import './globals.css';

export const metadata: Metadata = {
  title: 'Kizuna',
  description: 'Step-LINE scenarios on a canvas, delivered durably',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const lang = await currentLang();
  const devMode = env().KIZUNA_DEV_MODE;
  const nav = [
    { href: '/scenarios', label: t(lang, 'nav.scenarios') },
    { href: '/friends', label: t(lang, 'nav.friends') },
    { href: '/settings', label: t(lang, 'nav.settings') },
    ...(devMode ? [{ href: '/sandbox', label: t(lang, 'nav.sandbox') }] : []),
  ];
  return (
    <html lang={lang}>
      <body className="flex h-full bg-slate-50 text-slate-900 antialiased">
        <aside className="flex w-52 shrink-0 flex-col border-r border-slate-200 bg-white">
          <Link href="/scenarios" className="px-5 pb-4 pt-5">
            <div className="text-xl font-bold text-line-dark">絆 Kizuna</div>
            <div className="text-xs text-slate-500">{t(lang, 'app.tagline')}</div>
          </Link>
          <nav className="flex flex-col gap-1 px-3" aria-label="main">
            {nav.map((n) => (
              <Link key={n.href} href={n.href} className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
                {n.label}
              </Link>
            ))}
          </nav>
          <div className="mt-auto p-4">
            <LangSwitch lang={lang} label={t(lang, 'lang.switch')} />
          </div>
        </aside>
        <main className="min-w-0 flex-1 overflow-auto">{children}</main>
      </body>
    </html>
  );
}
