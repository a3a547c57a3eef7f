// Signed, expiring member-link parameters: added to URLs so the shop's site can bind its member id to the friend.
import { z } from 'zod';
import { env } from '../env';
import { signToken, verifyToken } from './signed-token';

/** The query parameter the shop's site reads and passes to POST /api/link/bind. */
export const MEMBER_LINK_PARAM = 'kz_link';
export const DEFAULT_MEMBER_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const WireSchema = z.object({ f: z.uuid(), e: z.number().int() });

export function memberLinkToken(friendId: string, opts: { now: Date; ttlMs?: number; secret?: string }): string {
  const expires = Math.floor((opts.now.getTime() + (opts.ttlMs ?? DEFAULT_MEMBER_LINK_TTL_MS)) / 1000);
  return signToken(opts.secret ?? env().KIZUNA_SECRET, 'member-link', { f: friendId, e: expires });
}

/** `url` with `kz_link=<token>` added, keeping its other parameters. */
export function withMemberLink(url: string, friendId: string, opts: { now: Date; ttlMs?: number; secret?: string }): string {
  const u = new URL(url);
  u.searchParams.set(MEMBER_LINK_PARAM, memberLinkToken(friendId, opts));
  return u.toString();
}

export type MemberLinkCheck = { ok: true; friendId: string } | { ok: false; reason: 'invalid' | 'expired' };

export function readMemberLinkToken(token: string, opts: { now: Date; secret?: string }): MemberLinkCheck {
  const w = verifyToken(opts.secret ?? env().KIZUNA_SECRET, 'member-link', token, WireSchema);
  if (!w) return { ok: false, reason: 'invalid' };
  if (w.e * 1000 <= opts.now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, friendId: w.f };
}
