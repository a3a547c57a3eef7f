// keepLine: a real `npm run dev` start-up (Next 16, Temporal SDK, sandbox) leaves nothing but what needs acting on.
import { describe, expect, it } from 'vitest';
import { keepLine, workerReady, type ServiceName } from './quiet-logs';

const startUp: [ServiceName, string][] = [
  ['postgres', '2026-12-05 08:44:55.563 UTC [29652] LOG:  database system is ready to accept connections'],
  ['postgres', '2026-12-05 08:52:53.986 UTC [3986] LOG:  received fast shutdown request'],
  ['postgres', '2026-12-05 08:52:53.986 UTC [4199] FATAL:  terminating connection due to administrator command'],
  ['postgres', '2026-12-05 08:44:55.601 UTC [29661] FATAL:  the database system is shutting down'],
  ['sandbox', 'LINE sandbox listening on http://127.0.0.1:3100'],
  ['next', '▲ Next.js 16.4.6 (Turbopack)'],
  ['next', '- Local:         http://localhost:3000'],
  ['next', '- Network:       http://192.0.2.2:3000'],
  ['next', '✓ Ready in 552ms'],
  ['next', '✓ Running next.config.mjs took 53ms'],
  ['next', '- Experiments (use with caution):'],
  ['next', '  ✓ authInterrupts'],
  ['next', '  · proxyClientMaxBodySize: "21mb"'],
  ['next', '○ Compiling /sign-in ...'],
  ['next', ' GET /sign-in 200 in 9.5s (next.js: 8.6s, proxy.ts: 163ms, application-code: 783ms)'],
  ['next', '\x1b[?25h'],
  [
    'next',
    '⚠ Slow filesystem detected. The benchmark took 916ms. If /tmp/fresh/.next/dev is a network drive, consider moving it to a local folder.',
  ],
  ['next', 'See more: https://nextjs.org/docs/app/guides/local-development'],
  ['worker', "2026-12-05T08:44:42.252Z [INFO] Worker state changed { sdkComponent: 'worker', taskQueue: 'kizuna', state: 'RUNNING' }"],
  ['worker', "2026-12-05T08:44:42.257Z [INFO] No Nexus services registered, not polling for Nexus tasks { sdkComponent: 'worker' }"],
  ['worker', "2026-12-05T08:44:42.263Z [WARN] No workflows registered, not polling for workflow tasks { taskQueue: 'kizuna-send' }"],
  ['worker', 'worker polling kizuna and kizuna-send (≤ 1500/s) on 127.0.0.1:7233; LINE at http://127.0.0.1:3100'],
];

describe('keepLine', () => {
  it('drops every line of a normal start-up and stop', () => {
    expect(startUp.filter(([s, l]) => keepLine(s, l) !== null)).toEqual([]);
  });

  it('keeps errors, failed requests and warnings that need acting on', () => {
    const kept: [ServiceName, string][] = [
      ['next', ' GET /scenarios/x 500 in 120ms'],
      ['next', '⚠ Found multiple lockfiles. Selecting /work/package-lock.json.'],
      ['next', 'Error: connect ECONNREFUSED 127.0.0.1:54329'],
      ['worker', '2026-12-05T08:44:42.263Z [WARN] Activity failed { activityType: "sendMessages" }'],
      ['worker', 'could not create or update the retention schedule (kizuna-retention)'],
      ['sandbox', 'webhook delivery failed: 500'],
      ['postgres', '2026-12-05 08:44:55.601 UTC [29661] FATAL:  password authentication failed for user "kizuna"'],
    ];
    expect(kept.map(([s, l]) => keepLine(s, l))).toEqual(kept.map(([, l]) => l));
  });

  it('knows the worker is up from its polling line', () => {
    expect(workerReady('worker polling kizuna and kizuna-send (≤ 1500/s)')).toBe(true);
    expect(workerReady('[INFO] Worker state changed')).toBe(false);
  });
});
