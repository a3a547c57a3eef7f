// The root document: language from the cookie (Japanese by default). The admin shell lives in app/(admin)/layout.tsx;
// sign-in, setup and the customer-facing account-link page have their own small layouts.
import type { Metadata } from 'next';
import { currentLang } from '@/lib/i18n/server';
import './globals.css';

export const metadata: Metadata = {
  title: 'Kizuna',
  description: 'Step-LINE scenarios on a canvas, delivered durably',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const lang = await currentLang();
  return (
    <html lang={lang}>
      <body className="flex h-full bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
