// The per-step CSV: BOM, fixed columns, graph steps then older versions' steps, formula-safe labels.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { chainOf, end, text, trig } from '@/scenario/fixtures';
import { analyticsCsv, analyticsCsvHeaders, ANALYTICS_CSV_COLUMNS } from './csv';
import type { AnalyticsView } from './load';

const graph = chainOf([trig(), { ...text('m1', 'hi'), label: '=HYPERLINK("x")' }, end()], {
  goal: { eventName: 'purchase', windowDays: 7, exitOnGoal: false },
});
const view: AnalyticsView = {
  scenario: { id: 's', name: 'demo', status: 'live', liveVersionId: 'v' },
  versions: [{ id: 'v', version: 1 }],
  shown: { id: 'v', version: 1 },
  graph,
  goal: { eventName: 'purchase', windowDays: 7 },
  goals: [],
  figures: {
    m1: {
      nodeId: 'm1',
      entered: 10,
      visits: 12,
      waitingNow: 1,
      heldNow: 0,
      converted: 2,
      outputs: { next: { friends: 9, converted: 2 } },
      sends: {
        sent: 11,
        failed: 1,
        skipped: 0,
        pending: 0,
        sentFriends: 8,
        failedByReason: { 'LINE 400': 1 },
        skippedByReason: {},
        uniqueClicks: 2,
        clicks: 3,
        blockedAfter: 1,
      },
    },
    old: { nodeId: 'old', entered: 4, visits: 4, waitingNow: 0, heldNow: 0, converted: 0, outputs: {}, sends: null },
  },
  otherNodeIds: ['old'],
  splits: [],
};

describe('analyticsCsv', () => {
  it('writes one row per step with the figures', () => {
    const csv = analyticsCsv(view, 'ja');
    expect(csv.startsWith('\ufeff')).toBe(true);
    // Headers in Japanese for the Japanese UI; read back by column for the checks below.
    expect(csv.slice(1).split('\r\n')[0]?.split(',').slice(0, 3)).toEqual(['ステップID', 'ステップ', '種類']);
    const headers = analyticsCsvHeaders('ja');
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1).trim(), {
      header: true,
      transformHeader: (h) => ANALYTICS_CSV_COLUMNS[headers.indexOf(h)] ?? h,
    });
    expect(parsed.meta.fields).toEqual([...ANALYTICS_CSV_COLUMNS]);
    expect(parsed.data.map((r) => r.node_id)).toEqual(['trigger', 'm1', 'end', 'old']);
    const m1 = parsed.data[1];
    expect(m1).toMatchObject({
      step: `'=HYPERLINK("x")`,
      kind: 'メッセージ配信',
      entered_friends: '10',
      visits: '12',
      converted: '2',
      conversion_rate: '0.2000',
      sent: '11',
      failed_by_reason: 'LINEがエラーを返しました（400）=1',
      tracked_link_clickers: '2',
      click_rate: '0.2500',
      blocked_within_72h: '1',
      left_by_output: '次へ=9',
    });
    expect(parsed.data[3]).toMatchObject({ node_id: 'old', in_shown_version: 'いいえ', entered_friends: '4' });
    expect(parsed.data[0]).toMatchObject({ step: '開始条件', entered_friends: '0', sent: '' });
  });
});
