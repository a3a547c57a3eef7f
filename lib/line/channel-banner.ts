// What the admin shell's banner shows while the LINE channel is paused (null while it is active). A paused channel is
// probed first, at most once per interval, so the banner clears by itself once LINE answers again.
import 'server-only';
import type { DbOrTx } from '@/db/client';
import { logError } from '../log';
import { currentChannelState } from './channel-probe';
import type { LineClient } from './client';

/** What the banner (components/settings/channel-paused-banner.tsx) shows: why and since when sends are held (epoch ms). */
export interface ChannelBannerView {
  pausedFor: 'credentials' | 'quota';
  pausedAt: number | null;
  lastProbeAt: number | null;
  lastProbeResult: string | null;
}

export async function channelBanner(deps: { db: DbOrTx; line: LineClient }): Promise<ChannelBannerView | null> {
  try {
    const s = await currentChannelState(deps.db, deps.line);
    if (s.status === 'active' || !s.pausedFor) return null;
    return {
      pausedFor: s.pausedFor,
      pausedAt: s.pausedAt?.getTime() ?? null,
      lastProbeAt: s.lastProbeAt?.getTime() ?? null,
      lastProbeResult: s.lastProbeResult,
    };
  } catch (err) {
    // The shell renders without the banner rather than not at all.
    logError('reading the LINE channel state', err);
    return null;
  }
}
