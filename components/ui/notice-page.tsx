// A centred notice with a title, a help line and a link back to the scenarios (the 404 and 403 pages).
import Link from 'next/link';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';

export function NoticePage({ lang, testId, title, help }: { lang: Lang; testId: string; title: MessageKey; help: MessageKey }) {
  return (
    <div className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-6" data-testid={testId}>
      <h1 className="mb-2 text-lg font-bold">{t(lang, title)}</h1>
      <p className="mb-4 text-sm text-slate-600">{t(lang, help)}</p>
      <Link href="/scenarios" className="text-sm text-line-dark underline">
        {t(lang, 'forbidden.back')}
      </Link>
    </div>
  );
}
