// The settings page's quota gauge: the month's quota and consumption read from LINE (kept, so the last reading shows
// when LINE cannot be asked), and whether the channel is paused for it.
import type { DbOrTx } from '@/db/client';
import { readChannelState } from '@/db/queries/channel-state';
import { logError } from '../log';
import { noteQuota, readQuota } from './channel-probe';
import type { LineClient } from './client';

/** What the gauge (components/settings/quota-gauge.tsx) shows (epoch ms for instants). */
export interface QuotaGaugeView {
  status: 'active' | 'paused';
  pausedFor: 'credentials' | 'quota' | null;
  pausedAt: number | null;
  /** The last reading; null when LINE has never answered. */
  quota: { type: 'none' | 'limited'; limit: number | null; used: number; readAt: number } | null;
  /** False when LINE could not be asked just now (the reading shown is an older one). */
  live: boolean;
}

export async function quotaGauge(db: DbOrTx, line: LineClient): Promise<QuotaGaugeView> {
  let live = false;
  try {
    // A reading with room left also resumes a channel paused for its quota.
    await noteQuota(db, await readQuota(line));
    live = true;
  } catch (err) {
    logError('reading the LINE message quota', err);
  }
  const s = await readChannelState(db);
  return {
    status: s.status,
    pausedFor: s.pausedFor,
    pausedAt: s.pausedAt?.getTime() ?? null,
    quota: s.quota ? { type: s.quota.type, limit: s.quota.limit, used: s.quota.used, readAt: s.quota.readAt.getTime() } : null,
    live,
  };
}
