// The backtest command's function on the demo data (60 days of history): it runs, forecasts every rate-driven demo
// scenario from the data before the cutoff and prints the error against what was sent after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/seed-demo';
import { runBacktest } from '../../scripts/forecast-backtest';
import { createTestDatabase, type TestDatabase } from '../../test/db';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.url, () => {}, { historyDays: 60 });
});
afterAll(async () => tdb?.drop());

describe('forecast backtest on the demo data', () => {
  it('prints each demo scenario’s forecast against what it sent, and the overall error', async () => {
    const out = await runBacktest(tdb.url);
    if (process.env.KIZUNA_PRINT_BACKTEST) console.log(out);
    expect(out).toContain('Forecast backtest');
    const rows = out.split('\n').filter((l) => l.startsWith('| 【デモ】'));
    expect(rows.length).toBeGreaterThan(1);
    const forecast = rows.filter((l) => !l.includes('skipped'));
    expect(forecast.length).toBeGreaterThan(0);
    // The event-triggered scenarios are forecast from their trigger events (the seed writes one per entry, as the
    // engine's runs start from stored events), not left at the in-flight runs alone.
    for (const name of ['cart-abandonment', 'restock-notice']) {
      const row = forecast.find((l) => l.startsWith(`| 【デモ】${name} | event |`));
      expect(row, name).toBeDefined();
      const error = /\| ([+-]\d+\.\d)% \|/.exec(row ?? '');
      expect(Math.abs(Number(error?.[1])), `${name}: ${row}`).toBeLessThan(35);
    }
    const overall = /Weighted absolute error over the scenarios forecast: (\d+\.\d)%/.exec(out);
    expect(overall).not.toBeNull();
  });
});
