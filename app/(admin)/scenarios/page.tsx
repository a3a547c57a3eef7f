// Scenario list: status, live version, friends inside now and sends today, read from PostgreSQL. "New scenario" and the
// first-run checklist (until its three steps are done) only for operators who may edit.
import Link from 'next/link';
import { DateTime } from 'luxon';
import { listScenarios } from '@/db/queries/scenarios';
import { NewScenarioButton } from '@/components/editor/new-scenario-button';
import { FirstRunChecklist } from '@/components/first-run/first-run-checklist';
import { StatusBadge } from '@/components/ui/status-badge';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { firstRunChecklist } from '@/lib/first-run/checklist';
import { formatInstant } from '@/lib/format';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function ScenariosPage() {
  const { operator } = await requirePage('scenarios:read', '/scenarios');
  const lang = await currentLang();
  const startOfTodayJst = DateTime.now().setZone('Asia/Tokyo').startOf('day').toJSDate();
  const { db, devMode } = appDeps();
  const canEdit = can(operator, 'scenarios:edit');
  const [rows, firstRun] = await Promise.all([
    listScenarios(db, { sendsSince: startOfTodayJst }),
    canEdit ? firstRunChecklist(db, { devMode }) : null,
  ]);
  return (
    <div className="mx-auto max-w-5xl p-8">
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-bold">{t(lang, 'scenarios.title')}</h1>
        {canEdit && <NewScenarioButton lang={lang} />}
      </div>
      {firstRun ? <FirstRunChecklist lang={lang} items={firstRun} /> : null}
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {t(lang, 'scenarios.empty')}
        </p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="scenario-list">
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">{t(lang, 'scenarios.col.name')}</th>
              <th className="px-4 py-2">{t(lang, 'scenarios.col.status')}</th>
              <th className="px-4 py-2">{t(lang, 'scenarios.col.version')}</th>
              <th className="px-4 py-2 text-right">{t(lang, 'scenarios.col.inside')}</th>
              <th className="px-4 py-2 text-right">{t(lang, 'scenarios.col.sendsToday')}</th>
              <th className="px-4 py-2">{t(lang, 'scenarios.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="px-4 py-2 font-medium">
                  <Link href={`/scenarios/${r.id}`} className="text-line-dark hover:underline">
                    {r.name}
                  </Link>
                  {r.liveVersion ? (
                    <span className="ml-3 text-xs font-normal">
                      <Link href={`/scenarios/${r.id}/analytics`} className="text-slate-500 hover:underline">
                        {t(lang, 'analytics.nav.analytics')}
                      </Link>
                      {' · '}
                      <Link href={`/scenarios/${r.id}/report`} className="text-slate-500 hover:underline">
                        {t(lang, 'analytics.nav.report')}
                      </Link>
                    </span>
                  ) : null}
                </td>
                <td className="px-4 py-2">
                  <StatusBadge status={r.status} lang={lang} />
                </td>
                <td className="px-4 py-2">{r.liveVersion ? `v${r.liveVersion}` : '—'}</td>
                <td className="px-4 py-2 text-right tabular-nums">{r.activeRuns}</td>
                <td className="px-4 py-2 text-right tabular-nums">{r.sendsToday}</td>
                <td className="px-4 py-2 text-slate-500">{formatInstant(r.updatedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
