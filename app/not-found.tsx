// Next's 404 page (unknown paths and notFound() from a page), in the reader's language.
import Link from 'next/link';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';

export default async function NotFound() {
  const lang = await currentLang();
  return (
    <div className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-6" data-testid="not-found">
      <h1 className="mb-2 text-lg font-bold">{t(lang, 'notFound.title')}</h1>
      <p className="mb-4 text-sm text-slate-600">{t(lang, 'notFound.help')}</p>
      <Link href="/scenarios" className="text-sm text-line-dark underline">
        {t(lang, 'forbidden.back')}
      </Link>
    </div>
  );
}
