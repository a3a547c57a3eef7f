// Tracked links: `${APP_BASE_URL}/r/{token}` where the signed token names run, node, friend and target.
import { z } from 'zod';
import { env } from '../env';
import { signBytes, verifyBytes } from './signed-token';

export const TrackedLinkSchema = z.object({
  runId: z.string().min(1).max(255),
  nodeId: z.string().min(1).max(255),
  friendId: z.uuid(),
  target: z.url({ protocol: /^https?$/ }),
  isTest: z.boolean(),
});
export type TrackedLink = z.infer<typeof TrackedLinkSchema>;

/*
 * Binary payload, to keep URLs short (LINE limits action URIs to 1,000 characters and counts text per character):
 * version (1) · flags (1: bit 0 = test) · friend uuid (16) · run id (1-byte length + UTF-8) · node id (same) · target (rest).
 */
const VERSION = 1;

function encode(l: TrackedLink): Buffer {
  const run = Buffer.from(l.runId, 'utf8');
  const node = Buffer.from(l.nodeId, 'utf8');
  if (run.length > 255 || node.length > 255) throw new Error('run and node ids must be under 256 bytes');
  return Buffer.concat([
    Buffer.from([VERSION, l.isTest ? 1 : 0]),
    Buffer.from(l.friendId.replaceAll('-', ''), 'hex'),
    Buffer.from([run.length]),
    run,
    Buffer.from([node.length]),
    node,
    Buffer.from(l.target, 'utf8'),
  ]);
}

function decode(b: Buffer): unknown {
  if (b.length < 20 || b[0] !== VERSION) return null;
  const hex = b.subarray(2, 18).toString('hex');
  const friendId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  let at = 18;
  const field = (): string | null => {
    const len = b[at];
    if (len === undefined || at + 1 + len > b.length) return null;
    const s = b.subarray(at + 1, at + 1 + len).toString('utf8');
    at += 1 + len;
    return s;
  };
  const runId = field();
  const nodeId = field();
  if (runId === null || nodeId === null) return null;
  return { runId, nodeId, friendId, target: b.subarray(at).toString('utf8'), isTest: (b[1] ?? 0) & 1 ? true : false };
}

export function trackedToken(link: TrackedLink, secret = env().KIZUNA_SECRET): string {
  return signBytes(secret, 'tracked-link', encode(TrackedLinkSchema.parse(link)));
}

/** The URL to put in a message in place of `target`. */
export function trackedUrl(link: TrackedLink, opts: { baseUrl?: string; secret?: string } = {}): string {
  const base = (opts.baseUrl ?? env().APP_BASE_URL).replace(/\/$/, '');
  return `${base}/r/${trackedToken(link, opts.secret)}`;
}

/** The link a token names, or null when it is tampered with, malformed or not ours. */
export function readTrackedToken(token: string, secret = env().KIZUNA_SECRET): TrackedLink | null {
  const bytes = verifyBytes(secret, 'tracked-link', token);
  if (!bytes) return null;
  const r = TrackedLinkSchema.safeParse(decode(bytes));
  return r.success ? r.data : null;
}
