// The publish dialog's quota warning: a projection past the quota warns with the yen figure (ja and en); within it, nothing.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ForecastViewSchema, type QuotaView } from '@/lib/forecast/view';
import type { Forecast } from '@/scenario/forecast';
import { DEFAULT_LINE_PLANS } from '@/scenario/line-plans';
import { quotaOutlook } from '@/scenario/quota-outlook';
import { QuotaWarning } from './quota-warning';

const NOW = Date.parse('2026-03-11T00:00:00+09:00');
const r = (n: number) => ({ expected: n, low: Math.round(n * 0.9), high: Math.round(n * 1.1) });

function view(used: number, scenario: number, type: 'none' | 'limited', limit: number | null): QuotaView {
  const forecast: Forecast = {
    start: NOW,
    days: 30,
    level: 0.9,
    sampleSize: 100,
    entriesPerDay: r(10),
    perDay: [],
    perNode: {},
    byMonth: [{ month: '2026-03', messages: r(scenario) }],
    total: r(scenario),
  };
  const o = quotaOutlook({ table: DEFAULT_LINE_PLANS, reading: { type, limit, used }, forecast, now: NOW, timeZone: 'Asia/Tokyo' });
  const quota = { ...o, plan: { ...o.plan }, readAt: NOW, live: true };
  // What the editor gets passes the wire schema.
  return ForecastViewSchema.shape.quota.parse(quota)!;
}

const html = (q: QuotaView, lang: 'ja' | 'en') => renderToStaticMarkup(createElement(QuotaWarning, { quota: q, lang, compact: true }));

describe('QuotaWarning in the publish dialog', () => {
  it('warns with the yen beyond スタンダード’s quota', () => {
    // 10,000 used in 10 days (1,000/day for 21 more days) + 20,000 from the scenario → 51,000: 21,000 beyond.
    const q = view(10_000, 20_000, 'none', null);
    expect(q.verdict).toBe('over');
    const ja = html(q, 'ja');
    expect(ja).toContain('data-verdict="over"');
    // The account's other sending passes 30,000 by itself (31,000): the title does not blame the publish.
    expect(ja).toContain('今月はメッセージ上限（30,000 通）を超える見込みです');
    expect(ja).not.toContain('このまま公開すると');
    expect(ja).toContain('約 ¥62,800');
    expect(ja).toContain('スタンダードプラン');
    expect(ja).toContain('2023-06-01');
    expect(html(q, 'en')).toContain('about ¥62,800');
    // The account passes the quota by 1,000 without the scenario: what the scenario adds is said apart, and that.
    expect(ja).toContain('うち、このシナリオによる分：約 ¥59,800');
    expect(ja).toContain('このシナリオがなくても、ほかの配信だけで約 31,000 通');
  });

  it('blames the publish when the scenario is what passes the quota', () => {
    // 5,000 used in 10 days: 15,500 by the month's end without the scenario, 35,500 with its 20,000.
    const ja = html(view(5000, 20_000, 'none', null), 'ja');
    expect(ja).toContain('このまま公開すると、今月のメッセージ上限（30,000 通）を超える見込みです');
    expect(ja).toContain('約 ¥16,500');
    expect(ja).not.toContain('data-testid="quota-without"');
    expect(ja).not.toContain('data-testid="quota-scenario-yen"');
  });

  it('names the coming 30 days when only a whole month at the coming pace passes the quota', () => {
    // 1,000 used in 10 days, none of it beyond: this month stays within, a whole month of 40,000 from the scenario does not.
    const q = view(1000, 40_000, 'none', null);
    const ja = html({ ...q, thisMonth: { ...q.thisMonth, messages: { expected: 1000, low: 900, high: 1100 } } }, 'ja');
    expect(ja).toContain('今後30日でメッセージ上限（月 30,000 通）を超えるペースです');
    expect(ja).not.toContain('このシナリオがなくても');
  });

  it('on ライト says messages would be refused rather than charged', () => {
    const out = html(view(4000, 3000, 'limited', 5000), 'ja');
    expect(out).toContain('data-testid="quota-refused"');
    expect(out).not.toContain('data-testid="quota-yen"');
  });

  it('says nothing in the dialog when the projection fits', () => {
    expect(html(view(100, 200, 'limited', 5000), 'ja')).toBe('');
  });
});
