#!/usr/bin/env node
// `npm test`: installs node modules when needed, then runs every vitest layer (unit, integration, browser); a full run
// then runs the unit tests and the time-skipping engine tests once more with the machine's clock at 23:30 JST (libfaketime),
// the hour when quiet hours move sends to the next day: a test that leaned on the wall clock fails here, not at night.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureNodeModules, root } from './ensure-deps.mjs';

/** Engine tests on the time-skipping server, whose clock starts from the machine's. */
const CLOCK_SENSITIVE = [
  'workflows/friend-scenario.int.test.ts',
  'workflows/timing.int.test.ts',
  'workflows/segment-broadcast.int.test.ts',
  'workflows/send-expiry.int.test.ts',
];

ensureNodeModules();
const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
const args = process.argv.slice(2);
const r = spawnSync(vitest, ['run', ...args], { cwd: root, stdio: 'inherit' });
if ((r.status ?? 1) !== 0 || args.length > 0) process.exit(r.status ?? 1);

if (spawnSync('faketime', ['--version'], { stdio: 'ignore' }).error) {
  console.warn('[test] faketime is not installed (Debian: apt-get install faketime): the 23:30 JST pass is skipped; CI runs it.');
  process.exit(0);
}
// Today's date in Japan, at 23:30 there (faketime reads the instant in TZ).
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
  new Date(),
);
const at = `@${day} 23:30:00`;
console.log(`\n[test] once more at ${at} JST (faketime): the unit tests and the time-skipping engine tests`);
const env = { ...process.env, TZ: 'Asia/Tokyo' };
for (const run of [
  ['run', '--project', 'unit'],
  ['run', ...CLOCK_SENSITIVE],
]) {
  const again = spawnSync('faketime', ['-f', at, vitest, ...run], { cwd: root, stdio: 'inherit', env });
  if ((again.status ?? 1) !== 0) {
    console.error(`[test] failed with the clock at ${at} JST: a test depends on the wall clock (pin its instants).`);
    process.exit(again.status ?? 1);
  }
}
