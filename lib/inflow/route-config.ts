// An inflow route's settings as an operator submits them (zod at the edge), the random code of its URL, and the rule
// that says what a completed LINE Login visit was (a new friend, a re-follow, an existing friend, or none).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const AttributeValueSchema = z.union([z.string().max(500), z.number().finite(), z.boolean()]);

export const RouteInputSchema = z.object({
  name: z.string().trim().min(1, 'name the route').max(100),
  tags: z
    .array(z.string().trim().min(1).max(100))
    .max(20)
    .default([])
    .transform((tags) => [...new Set(tags)]),
  attributes: z.record(z.string().min(1).max(100), AttributeValueSchema).default({}),
  scenarioId: z.uuid().nullable().default(null),
  reattribute: z.boolean().default(false),
  /** Where the friend lands after LINE Login instead of Kizuna's thank-you page. */
  redirectUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .max(2000)
    .nullable()
    .default(null),
});
export type RouteInput = z.infer<typeof RouteInputSchema>;

/** 12 characters of base64url (72 random bits): short enough for a QR code, not guessable. */
export const newRouteCode = (): string => randomBytes(9).toString('base64url');
export const ROUTE_CODE = /^[A-Za-z0-9_-]{4,32}$/;

/** The public URL a route hands out (and its QR code encodes). */
export const routeUrl = (appBaseUrl: string, code: string): string => new URL(`/in/${code}`, appBaseUrl).toString();

export type VisitOutcome = 'added' | 'refollow' | 'existing' | 'not_friend';

/**
 * What a visit was, from LINE's `friendship_status_changed` and the friend row as the callback finds it. The follow
 * webhook may have been handled before or after the callback: a friend added during this visit has a friend-added time
 * at or after the visit started (or no row yet); a re-follow keeps its old friend-added time (or is still blocked).
 */
export function classifyVisit(
  friendshipChanged: boolean,
  friend: { friendAddedAt: Date; blockedAt: Date | null } | null,
  visitStartedAt: Date,
): VisitOutcome {
  if (friendshipChanged) {
    if (!friend) return 'added';
    if (friend.blockedAt === null && friend.friendAddedAt.getTime() >= visitStartedAt.getTime()) return 'added';
    return 'refollow';
  }
  return friend && friend.blockedAt === null ? 'existing' : 'not_friend';
}
