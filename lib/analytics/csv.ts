// The node figures as CSV (one row per step, UTF-8 with a BOM so spreadsheet apps read Japanese correctly).
import 'server-only';
import Papa from 'papaparse';
import { escapeCell } from '@/lib/friends/csv-cells';
import { NODE_LABELS, outputLabelOf } from '@/scenario/nodes';
import type { ScenarioNode } from '@/scenario/schema';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import { sendReasonText } from '@/lib/i18n/reasons';
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

type Column = (typeof ANALYTICS_CSV_COLUMNS)[number];

/** Headers in the reader's language (a spreadsheet is read by people; no import reads this file). */
const HEADERS: Record<Column, { ja: string; en: string }> = {
  node_id: { ja: 'ステップID', en: 'Step id' },
  step: { ja: 'ステップ', en: 'Step' },
  kind: { ja: '種類', en: 'Kind' },
  in_shown_version: { ja: '表示中のバージョンにある', en: 'In the shown version' },
  entered_friends: { ja: '到達した友だち', en: 'Friends reached' },
  visits: { ja: '到達回数', en: 'Visits' },
  waiting_now: { ja: '現在待機中', en: 'Waiting now' },
  converted: { ja: 'コンバージョン', en: 'Converted' },
  conversion_rate: { ja: 'CV率', en: 'Conversion rate' },
  sent: { ja: '配信成功', en: 'Sent' },
  sent_friends: { ja: '配信した友だち', en: 'Friends sent' },
  failed: { ja: '配信失敗', en: 'Failed' },
  skipped: { ja: 'スキップ', en: 'Skipped' },
  pending: { ja: '送信待ち', en: 'Pending' },
  failed_by_reason: { ja: '失敗の理由別', en: 'Failed by reason' },
  skipped_by_reason: { ja: 'スキップの理由別', en: 'Skipped by reason' },
  tracked_link_clickers: { ja: 'クリックした友だち', en: 'Friends who clicked' },
  tracked_link_taps: { ja: 'タップ総数', en: 'All taps' },
  click_rate: { ja: 'クリック率', en: 'Click rate' },
  blocked_within_72h: { ja: '配信後72時間以内にブロック', en: 'Blocked within 72 h' },
  left_by_output: { ja: '出口別の友だち', en: 'Friends by way out' },
};
export const analyticsCsvHeaders = (lang: Lang): string[] => ANALYTICS_CSV_COLUMNS.map((c) => HEADERS[c][lang]);

const PLAIN_OUTPUTS: Record<string, MessageKey> = {
  next: 'analytics.output.next',
  else: 'analytics.output.else',
  event: 'analytics.output.event',
  timeout: 'analytics.output.timeout',
};
/** An output by its words ('次へ', a case's label or condition, a variant's label), never its internal name. */
function wayOut(n: ScenarioNode | undefined, output: string, lang: Lang): string {
  const plain = PLAIN_OUTPUTS[output];
  if (plain) return t(lang, plain);
  return n ? outputLabelOf(n, output, lang) : output;
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(4) : '');
const reasons = (r: Record<string, number>, lang: Lang) =>
  Object.entries(r)
    .map(([k, v]) => `${sendReasonText(lang, k)}=${v}`)
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
      n ? NODE_LABELS[n.kind][lang] : '',
      n ? t(lang, 'common.yes') : t(lang, 'common.no'),
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
      s ? reasons(s.failedByReason, lang) : '',
      s ? reasons(s.skippedByReason, lang) : '',
      s?.uniqueClicks ?? '',
      s?.clicks ?? '',
      s ? ratio(s.uniqueClicks, s.sentFriends) : '',
      s?.blockedAfter ?? '',
      f
        ? Object.entries(f.outputs)
            .map(([o, v]) => `${wayOut(n, o, lang)}=${v.friends}`)
            .join('; ')
        : '',
    ];
  });
  return `\ufeff${Papa.unparse({ fields: analyticsCsvHeaders(lang), data: rows }, { newline: '\r\n' })}\r\n`;
}
