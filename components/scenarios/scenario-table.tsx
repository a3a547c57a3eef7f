// The scenario list's table: name (with 「未公開の変更あり」 when the draft differs from live), status, live version,
// friends inside now, sends today, last change, and the row's actions for operators who may edit.
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { UnpublishedBadge } from '@/components/ui/unpublished-badge';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ScenarioStatus } from '@/lib/ui-types';
import { RowActions, type ScenarioListActions } from './row-actions';

export interface ScenarioTableRow {
  id: string;
  name: string;
  status: ScenarioStatus;
  liveVersion: number | null;
  activeRuns: number;
  sendsToday: number;
  updatedAt: Date;
  archivedAt: Date | null;
  draftDiffers: boolean;
  isBroadcast: boolean;
}

export function ScenarioTable(props: {
  lang: Lang;
  rows: ScenarioTableRow[];
  /** The row actions, for operators with scenarios:edit; null hides the column. */
  actions: ScenarioListActions | null;
  canPublish: boolean;
}) {
  const { lang, rows, actions } = props;
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="scenario-list">
      <thead className="whitespace-nowrap bg-slate-50 text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">{t(lang, 'scenarios.col.name')}</th>
          <th className="px-4 py-2">{t(lang, 'scenarios.col.status')}</th>
          <th className="px-4 py-2">{t(lang, 'scenarios.col.version')}</th>
          <th className="px-4 py-2 text-right">{t(lang, 'scenarios.col.inside')}</th>
          <th className="px-4 py-2 text-right">{t(lang, 'scenarios.col.sendsToday')}</th>
          <th className="px-4 py-2">{t(lang, 'scenarios.col.updated')}</th>
          {actions ? <th className="px-4 py-2 text-right">{t(lang, 'scenarios.col.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-t border-slate-100 hover:bg-slate-50" data-testid={`scenario-row-${r.id}`}>
            <td className="px-4 py-2 font-medium">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/scenarios/${r.id}`} className="text-line-dark hover:underline">
                  {r.name}
                </Link>
                {r.isBroadcast ? (
                  <Link
                    href={`/broadcasts/${r.id}`}
                    className="rounded-full bg-sky-100 px-2 py-0.5 text-xs font-normal text-sky-800 hover:underline"
                    data-testid="broadcast-badge"
                  >
                    {t(lang, 'scenarios.broadcastBadge')}
                  </Link>
                ) : null}
                {r.draftDiffers && !r.archivedAt ? <UnpublishedBadge lang={lang} /> : null}
              </div>
              {r.liveVersion ? (
                <span className="text-xs font-normal">
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
              <div className="flex flex-wrap items-center gap-1">
                <StatusBadge status={r.status} lang={lang} />
                {r.archivedAt ? (
                  <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs text-slate-700">{t(lang, 'scenarios.archivedBadge')}</span>
                ) : null}
              </div>
            </td>
            <td className="px-4 py-2">{r.liveVersion ? `v${r.liveVersion}` : '—'}</td>
            <td className="px-4 py-2 text-right tabular-nums">{r.activeRuns}</td>
            <td className="px-4 py-2 text-right tabular-nums">{r.sendsToday}</td>
            <td className="whitespace-nowrap px-4 py-2 text-slate-500">{formatInstant(r.updatedAt, lang)}</td>
            {actions ? (
              <td className="px-4 py-2">
                <RowActions
                  lang={lang}
                  canPublish={props.canPublish}
                  actions={actions}
                  row={{
                    id: r.id,
                    name: r.name,
                    status: r.status,
                    activeRuns: r.activeRuns,
                    archived: r.archivedAt !== null,
                    published: r.liveVersion !== null,
                  }}
                />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
