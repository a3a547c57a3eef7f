// 一斉配信: every broadcast (drafts, scheduled, sending, sent, cancelled) with its progress, refreshing itself while one
// is moving; "new broadcast" for operators who may edit.
import Link from 'next/link';
import { AutoRefresh } from '@/components/broadcasts/auto-refresh';
import { BroadcastTable } from '@/components/broadcasts/broadcast-table';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { isMoving } from '@/lib/broadcasts/state';
import { loadBroadcastList } from '@/lib/broadcasts/view';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function BroadcastsPage() {
  const { operator } = await requirePage('scenarios:read', '/broadcasts');
  const lang = await currentLang();
  const now = Date.now();
  const rows = await loadBroadcastList(appDeps().db, now);
  return (
    <div className="mx-auto max-w-6xl p-8">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t(lang, 'broadcasts.title')}</h1>
        <div className="flex items-center gap-3">
          {rows.some((r) => isMoving(r.state, r.at, now)) ? <AutoRefresh lang={lang} /> : null}
          {can(operator, 'scenarios:edit') ? (
            <Link
              href="/broadcasts/new"
              className="rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark"
              data-testid="broadcast-new"
            >
              {t(lang, 'broadcasts.new')}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="mb-6 max-w-3xl text-sm text-slate-600">{t(lang, 'broadcasts.help')}</p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {t(lang, 'broadcasts.empty')}
        </p>
      ) : (
        <BroadcastTable lang={lang} rows={rows} />
      )}
    </div>
  );
}
