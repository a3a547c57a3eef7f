// The dispatcher: runs in the worker, woken by LISTEN/NOTIFY at each commit that wrote dispatch rows and by a periodic
// sweep; claims rows under a lease, hands each to Temporal and marks it done only after Temporal accepted. A failure
// backs the row off (dead-lettered after `maxAttempts`): a fact that arrived is never lost because Temporal was down.
import {
  claimDispatches,
  DISPATCH_CHANNEL,
  expediteRetries,
  markDispatchDone,
  markDispatchFailed,
  type ClaimedDispatch,
} from '@/db/queries/dispatches';
import { describeError, logWarning } from '../log';
import type { EngineDeps } from './deps';
import { dispatchItem } from './dispatch';

export interface DispatcherOptions {
  /** Subscribes to the dispatch channel (postgres.js `sql.listen`); without it the dispatcher only sweeps. */
  listen?: (channel: string, onNotify: () => void) => Promise<{ unlisten(): Promise<void> }>;
  /** How often to look for due rows without a notification (retries, a missed NOTIFY, another process's rows). */
  sweepMs?: number;
  /** Rows per claim. */
  batch?: number;
  /** Rows handed to Temporal at once (distinct friends: a friend's rows go one at a time). */
  concurrency?: number;
  maxAttempts?: number;
  leaseSeconds?: number;
  /** How long one row's calls to Temporal may take before the attempt counts as failed (gRPC would retry far longer). */
  deadlineMs?: number;
}

export interface Dispatcher {
  /** Look now (tests and callers that just wrote rows without NOTIFY). */
  wake(): void;
  /** Dispatches every due row, then resolves (tests; the loop keeps running). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export const DISPATCH_DEFAULTS = {
  sweepMs: 2000,
  batch: 100,
  concurrency: 16,
  maxAttempts: 25,
  leaseSeconds: 60,
  deadlineMs: 10_000,
} as const;

export function startDispatcher(deps: EngineDeps, options: DispatcherOptions = {}): Dispatcher {
  const o = { ...DISPATCH_DEFAULTS, ...options };
  let running = true;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  let failing = false;
  const wake = () => {
    woken = true;
    wakeUp?.();
  };

  async function handle(row: ClaimedDispatch): Promise<void> {
    try {
      const result = await deps.temporal.connection.withDeadline(Date.now() + o.deadlineMs, () => dispatchItem(deps, row.item));
      await markDispatchDone(deps.db, row.id, result);
    } catch (err) {
      const outcome = await markDispatchFailed(deps.db, row.id, describeError(err), o.maxAttempts).catch(() => 'retry' as const);
      if (outcome === 'dead')
        logWarning(`dispatch ${row.id} (${row.item.kind}) gave up after ${row.attempts} attempts: ${describeError(err)}`);
      throw err;
    }
  }

  /** One pass: claims and dispatches until nothing is due. */
  async function pass(): Promise<void> {
    for (;;) {
      const rows = await claimDispatches(deps.db, { limit: o.batch, leaseSeconds: o.leaseSeconds });
      if (rows.length === 0) return;
      let failed = 0;
      let firstError: unknown = null;
      for (let i = 0; i < rows.length; i += o.concurrency) {
        const settled = await Promise.allSettled(rows.slice(i, i + o.concurrency).map(handle));
        for (const s of settled) {
          if (s.status === 'rejected') {
            failed++;
            firstError ??= s.reason;
          }
        }
      }
      if (failed > 0) {
        if (!failing) logWarning(`dispatch failing (${failed} of ${rows.length} rows; retried with backoff): ${describeError(firstError)}`);
        failing = true;
        // The failed rows back off; what else is due is taken on the next wake or sweep.
        return;
      }
      if (failing) logWarning('dispatch recovered: rows are reaching Temporal again');
      failing = false;
    }
  }

  async function probe(): Promise<void> {
    try {
      await deps.temporal.connection.withDeadline(Date.now() + 2000, () => deps.temporal.workflowService.getSystemInfo({}));
      await expediteRetries(deps.db);
    } catch {
      // Still away: the rows keep their backoff.
    }
  }

  let drainWaiters: (() => void)[] = [];
  const loop = (async () => {
    const subscription = o.listen ? await o.listen(DISPATCH_CHANNEL, wake).catch(() => null) : null;
    while (running) {
      woken = false;
      // While failing, each sweep asks Temporal whether it is back; when it is, rows backing off are retried at once.
      if (failing) await probe();
      // A drain asked for before this pass started is answered when it ends (so it saw the caller's rows).
      const waiters = drainWaiters;
      drainWaiters = [];
      await pass().catch((err: unknown) => {
        if (!failing) logWarning(`dispatch could not read its rows (retried): ${describeError(err)}`);
        failing = true;
      });
      for (const w of waiters) w();
      if (!running) break;
      if (woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, o.sweepMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
    await subscription?.unlisten().catch(() => {});
    for (const w of drainWaiters) w();
  })();

  return {
    wake,
    drain: () =>
      new Promise<void>((resolve) => {
        drainWaiters.push(resolve);
        wake();
      }),
    stop: async () => {
      running = false;
      wake();
      await loop;
    },
  };
}
