// Next's 403 page (forbidden() from requirePage): the operator is signed in but their role lacks the permission.
import Link from 'next/link';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';

export default async function Forbidden() {
  const lang = await currentLang();
  return (
    <div className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-6" data-testid="forbidden">
      <h1 className="mb-2 text-lg font-bold">{t(lang, 'forbidden.title')}</h1>
      <p className="mb-4 text-sm text-slate-600">{t(lang, 'forbidden.help')}</p>
      <Link href="/scenarios" className="text-sm text-line-dark underline">
        {t(lang, 'forbidden.back')}
      </Link>
    </div>
  );
}
