// `npm run forecast:backtest`: the forecast made from the data up to 30 days ago vs what the last 30 days sent, on the demo
// scenarios (seed them with a past to forecast from: `npm run seed:demo -- --days 60`); prints the error per scenario.
import { pathToFileURL } from 'node:url';
import { createDb } from '../db/client';
import { backtest, formatBacktest } from '../lib/forecast/backtest';
import { env } from '../lib/env';

export async function runBacktest(url: string, now = new Date()): Promise<string> {
  const { db, close } = createDb(url);
  try {
    return formatBacktest(await backtest(db, { now, days: 30, namePrefix: '【デモ】' }));
  } finally {
    await close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runBacktest(env().DATABASE_URL ?? 'postgres://kizuna:kizuna@127.0.0.1:54329/kizuna'));
}
