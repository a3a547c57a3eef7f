// A new 一斉配信: the composer, empty (message, audience with its live count, send time, quiet hours, test send).
import Link from 'next/link';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { composerData } from '@/lib/broadcasts/composer-data';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { ComposerSection } from '../composer-section';

export const dynamic = 'force-dynamic';

export default async function NewBroadcastPage() {
  const { operator } = await requirePage('scenarios:edit', '/broadcasts/new');
  const lang = await currentLang();
  const data = await composerData(appDeps().db, null, Date.now());
  return (
    <div className="mx-auto max-w-6xl p-8">
      <Link href="/broadcasts" className="text-sm text-slate-500 hover:underline">
        ← {t(lang, 'broadcasts.back')}
      </Link>
      <h1 className="mb-6 mt-2 text-2xl font-bold">{t(lang, 'broadcasts.new')}</h1>
      {data ? <ComposerSection lang={lang} operator={operator} data={data} /> : null}
    </div>
  );
}
