// Tracked links: `${APP_BASE_URL}/r/{token}` where the signed token names run, node, friend and target.
import { z } from 'zod';
import { env } from '../env';
import { signToken, verifyToken } from './signed-token';

export const TrackedLinkSchema = z.object({
  runId: z.string().min(1),
  nodeId: z.string().min(1),
  friendId: z.uuid(),
  target: z.url({ protocol: /^https?$/ }),
  isTest: z.boolean(),
});
export type TrackedLink = z.infer<typeof TrackedLinkSchema>;

// Short keys keep the URL compact (LINE limits action URIs to 1,000 characters).
const WireSchema = z.object({ r: z.string(), n: z.string(), f: z.string(), u: z.string(), t: z.literal(1).optional() });

export function trackedToken(link: TrackedLink, secret = env().KIZUNA_SECRET): string {
  const l = TrackedLinkSchema.parse(link);
  return signToken(secret, 'tracked-link', { r: l.runId, n: l.nodeId, f: l.friendId, u: l.target, ...(l.isTest ? { t: 1 } : {}) });
}

/** The URL to put in a message in place of `target`. */
export function trackedUrl(link: TrackedLink, opts: { baseUrl?: string; secret?: string } = {}): string {
  const base = (opts.baseUrl ?? env().APP_BASE_URL).replace(/\/$/, '');
  return `${base}/r/${trackedToken(link, opts.secret)}`;
}

/** The link a token names, or null when it is tampered with, malformed or not ours. */
export function readTrackedToken(token: string, secret = env().KIZUNA_SECRET): TrackedLink | null {
  const w = verifyToken(secret, 'tracked-link', token, WireSchema);
  if (!w) return null;
  const r = TrackedLinkSchema.safeParse({ runId: w.r, nodeId: w.n, friendId: w.f, target: w.u, isTest: w.t === 1 });
  return r.success ? r.data : null;
}
