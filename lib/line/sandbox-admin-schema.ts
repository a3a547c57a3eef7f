// Zod schemas of the LINE sandbox's admin API (/__sandbox/*): the request bodies the sandbox parses and the JSON it
// answers, shared by the sandbox (devstack/line-sandbox) and the dev-mode phone page. Pure zod, safe in the browser.
import { z } from 'zod';

const userId = z.string().regex(/^U[0-9a-f]{32}$/, 'a LINE user id: U followed by 32 hex digits');
const httpUrl = z.url({ protocol: /^https?$/ });

export const SandboxCreateFriendBody = z.object({
  userId: userId.optional(),
  displayName: z.string().min(1).max(20),
  pictureUrl: z.url({ protocol: /^https$/ }).optional(),
  statusMessage: z.string().max(500).optional(),
  language: z.string().min(2).max(35).optional(),
  /** false creates the friend without firing `follow` (bulk setup for benchmarks). */
  webhook: z.boolean().default(true),
});
export const SandboxTextBody = z.object({ text: z.string().min(1).max(5000) });
export const SandboxPostbackBody = z.object({ data: z.string().min(1).max(300), params: z.record(z.string(), z.string()).optional() });
export const SandboxTapBody = z.object({ url: httpUrl });
export const SandboxAccountLinkBody = z.object({ nonce: z.string().min(1), result: z.enum(['ok', 'failed']).default('ok') });
export const SandboxFaultsBody = z.object({
  errorRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  dropAfterAcceptRate: z.number().min(0).max(1).optional(),
  /** Accept a push or multicast (inbox filled, retry key spent), then keep the answer back this long. */
  holdAfterAcceptMs: z.number().int().min(0).max(600_000).optional(),
  failNext: z.number().int().min(0).optional(),
});
const perSecond = z.number().positive().max(1_000_000);
export const SandboxConfigBody = z.object({
  webhookUrl: httpUrl.nullable().optional(),
  monthlyQuota: z.number().int().min(0).nullable().optional(),
  acceptUnknownUsers: z.boolean().optional(),
  /** Rate limits (LINE's: push 2,000/s, multicast 200/s, other 2,000/s); a changed limit starts afresh. */
  pushPerSecond: perSecond.optional(),
  multicastPerSecond: perSecond.optional(),
  otherPerSecond: perSecond.optional(),
  /** `token-bucket` (default: a second's worth of burst) or `sliding-window` (never more than the rate in any second). */
  rateLimitMode: z.enum(['token-bucket', 'sliding-window']).optional(),
});

/** A message as the bot sent it (any LINE message object). */
export const SandboxMessageSchema = z.looseObject({ type: z.string() });
export type SandboxMessage = z.infer<typeof SandboxMessageSchema>;

/** The coupon a coupon message names, as the phone renders it (null fields: not set on the coupon). */
export const SandboxCouponViewSchema = z.object({
  couponId: z.string(),
  title: z.string(),
  status: z.enum(['DRAFT', 'RUNNING', 'CLOSED']),
  rewardType: z.string().nullable(),
  priceInfo: z
    .object({
      type: z.string(),
      fixedAmount: z.number().optional(),
      percentage: z.number().optional(),
      originalPrice: z.number().optional(),
      priceAfterDiscount: z.number().optional(),
    })
    .nullable(),
  description: z.string().nullable(),
  imageUrl: z.string().nullable(),
  startTimestamp: z.number(),
  endTimestamp: z.number(),
  lottery: z.boolean(),
});
export type SandboxCouponView = z.infer<typeof SandboxCouponViewSchema>;

/** One message in a friend's inbox; quoteToken only for the message types LINE lets a later message quote. */
export const SandboxInboxEntrySchema = z.object({
  messageId: z.string(),
  quoteToken: z.string().optional(),
  message: SandboxMessageSchema,
  receivedAt: z.string(),
  endpoint: z.enum(['push', 'multicast']),
  requestId: z.string(),
  retryKey: z.string().optional(),
  /** For a coupon message: the coupon it names. */
  coupon: SandboxCouponViewSchema.optional(),
});
export type SandboxInboxEntry = z.infer<typeof SandboxInboxEntrySchema>;

export const SandboxFriendSchema = z.object({
  userId,
  displayName: z.string(),
  pictureUrl: z.string().optional(),
  statusMessage: z.string().optional(),
  language: z.string().optional(),
  status: z.enum(['friend', 'blocked']),
  addedAt: z.string(),
  blockedAt: z.string().optional(),
  inboxCount: z.number(),
  undelivered: z.number(),
});
export type SandboxFriend = z.infer<typeof SandboxFriendSchema>;

/** One webhook delivery the sandbox made for a phone action (status null when the bot could not be reached). */
export const SandboxWebhookResult = z.object({
  seq: z.number(),
  at: z.string(),
  url: z.string().nullable(),
  isRedelivery: z.boolean(),
  status: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().optional(),
  events: z.array(z.looseObject({ type: z.string(), webhookEventId: z.string() })),
});
export type SandboxWebhookResult = z.infer<typeof SandboxWebhookResult>;

export const SandboxFriendsResponse = z.object({ friends: z.array(SandboxFriendSchema) });
export const SandboxActionResponse = z.object({ friend: SandboxFriendSchema.optional(), webhook: SandboxWebhookResult.nullable() });
export const SandboxInboxResponse = z.object({ userId, messages: z.array(SandboxInboxEntrySchema) });
export const SandboxTapResponse = z.object({ status: z.number(), location: z.string().nullable() });
/** GET /friends/:userId/chat: the friend's own messages with when the bot read them (既読), and its loading animation. */
export const SandboxChatStateResponse = z.object({
  userId,
  messages: z.array(z.object({ messageId: z.string(), at: z.string(), readAt: z.string().nullable() })),
  loadingUntil: z.string().nullable(),
});
export const SandboxErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.unknown()).optional() }),
});
