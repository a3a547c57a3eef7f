// The broadcast list: each broadcast's state, send time (JST), audience in words and how far it got.
import Link from 'next/link';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { BroadcastView } from '@/lib/ui-types';
import { describeCondition } from '@/scenario/conditions';
import { BroadcastStateBadge } from './state-badge';

export function audienceText(lang: Lang, b: Pick<BroadcastView, 'audience'>): string {
  if (!b.audience) return '—';
  const empty = b.audience.type === 'all' && b.audience.conditions.length === 0;
  return empty ? t(lang, 'broadcasts.audience.everyone') : describeCondition(b.audience, lang);
}

export function BroadcastTable({ lang, rows }: { lang: Lang; rows: BroadcastView[] }) {
  const num = 'px-4 py-2 text-right tabular-nums';
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="broadcast-list">
      <thead className="bg-slate-50 text-left text-xs text-slate-500">
        <tr>
          <th className="px-4 py-2">{t(lang, 'broadcasts.col.name')}</th>
          <th className="px-4 py-2">{t(lang, 'broadcasts.col.state')}</th>
          <th className="px-4 py-2">{t(lang, 'broadcasts.col.at')}</th>
          <th className="px-4 py-2 text-right">{t(lang, 'broadcasts.col.entered')}</th>
          <th className="px-4 py-2 text-right">{t(lang, 'broadcasts.col.sent')}</th>
          <th className="px-4 py-2 text-right">{t(lang, 'broadcasts.col.held')}</th>
          <th className="px-4 py-2 text-right">{t(lang, 'broadcasts.col.failed')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={b.id} className="border-t border-slate-100 hover:bg-slate-50" data-testid="broadcast-row">
            <td className="px-4 py-2">
              <Link href={`/broadcasts/${b.id}`} className="font-medium text-line-dark hover:underline">
                {b.name}
              </Link>
              <div className="max-w-72 truncate text-xs text-slate-500" title={audienceText(lang, b)}>
                {audienceText(lang, b)}
                {b.oneStep ? null : ` · ${t(lang, 'broadcasts.canvas')}`}
              </div>
            </td>
            <td className="px-4 py-2">
              <BroadcastStateBadge state={b.state} lang={lang} />
            </td>
            <td className="whitespace-nowrap px-4 py-2 text-slate-600">{b.at === null ? '—' : formatInstant(b.at, lang, b.timeZone)}</td>
            <td className={num}>{b.state === 'draft' || b.state === 'scheduled' ? '—' : b.figures.entered}</td>
            <td className={num}>{b.figures.sent}</td>
            <td className={num}>{b.figures.held}</td>
            <td className={`${num} ${b.figures.failed > 0 ? 'text-rose-700' : ''}`}>{b.figures.failed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
