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
    expect(ja).toContain('今月のメッセージ上限（30,000 通）を超える見込みです');
    expect(ja).toContain('約 ¥62,800');
    expect(ja).toContain('スタンダードプラン');
    expect(ja).toContain('2023-06-01');
    expect(html(q, 'en')).toContain('about ¥62,800');
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
