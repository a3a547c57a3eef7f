// The node figures as CSV (one row per step, UTF-8 with a BOM so spreadsheet apps read Japanese correctly).
import 'server-only';
import Papa from 'papaparse';
import { escapeCell } from '@/lib/friends/csv-cells';
import { NODE_LABELS } from '@/scenario/nodes';
import type { Lang } from '@/lib/i18n/dictionary';
import type { AnalyticsView } from './load';

export const ANALYTICS_CSV_COLUMNS = [
  'node_id',
  'step',
  'kind',
  'in_shown_version',
  'entered_friends',
  'visits',
  'waiting_now',
  'converted',
  'conversion_rate',
  'sent',
  'sent_friends',
  'failed',
  'skipped',
  'pending',
  'failed_by_reason',
  'skipped_by_reason',
  'tracked_link_clickers',
  'tracked_link_taps',
  'click_rate',
  'blocked_within_72h',
  'left_by_output',
] as const;

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(4) : '');
const reasons = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

export function analyticsCsv(view: AnalyticsView, lang: Lang): string {
  const graphNodes = view.graph?.nodes ?? [];
  const ids = [...graphNodes.map((n) => n.id), ...view.otherNodeIds];
  const rows = ids.map((id) => {
    const n = graphNodes.find((x) => x.id === id);
    const f = view.figures[id];
    const s = f?.sends;
    return [
      id,
      escapeCell(n ? (n.label ?? NODE_LABELS[n.kind][lang]) : ''),
      n?.kind ?? '',
      n ? 'yes' : 'no',
      f?.entered ?? 0,
      f?.visits ?? 0,
      f?.waitingNow ?? 0,
      f?.converted ?? '',
      f && f.converted !== null ? ratio(f.converted, f.entered) : '',
      s?.sent ?? '',
      s?.sentFriends ?? '',
      s?.failed ?? '',
      s?.skipped ?? '',
      s?.pending ?? '',
      s ? reasons(s.failedByReason) : '',
      s ? reasons(s.skippedByReason) : '',
      s?.uniqueClicks ?? '',
      s?.clicks ?? '',
      s ? ratio(s.uniqueClicks, s.sentFriends) : '',
      s?.blockedAfter ?? '',
      f
        ? Object.entries(f.outputs)
            .map(([o, v]) => `${o}=${v.friends}`)
            .join('; ')
        : '',
    ];
  });
  return `\ufeff${Papa.unparse({ fields: [...ANALYTICS_CSV_COLUMNS], data: rows }, { newline: '\r\n' })}\r\n`;
}
