// Zod schemas of the sandbox's admin API (/__sandbox/*): request bodies it parses and the JSON a phone UI reads.
// Pure zod, no Node built-ins, so a browser-side client can parse answers with the same shapes.
import { z } from 'zod';

const userId = z.string().regex(/^U[0-9a-f]{32}$/, 'a LINE user id: U followed by 32 hex digits');
const httpUrl = z.url({ protocol: /^https?$/ });

export const CreateFriendBody = z.object({
  userId: userId.optional(),
  displayName: z.string().min(1).max(20),
  pictureUrl: z.url({ protocol: /^https$/ }).optional(),
  statusMessage: z.string().max(500).optional(),
  language: z.string().min(2).max(35).optional(),
  /** false creates the friend without firing `follow` (bulk setup for benchmarks). */
  webhook: z.boolean().default(true),
});
export const TextBody = z.object({ text: z.string().min(1).max(5000) });
export const PostbackBody = z.object({ data: z.string().min(1).max(300), params: z.record(z.string(), z.string()).optional() });
export const TapBody = z.object({ url: httpUrl });
export const AccountLinkBody = z.object({ nonce: z.string().min(1), result: z.enum(['ok', 'failed']).default('ok') });
export const FaultsBody = z.object({
  errorRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  dropAfterAcceptRate: z.number().min(0).max(1).optional(),
  /** Accept a push or multicast (inbox filled, retry key spent), then keep the answer back this long. */
  holdAfterAcceptMs: z.number().int().min(0).max(600_000).optional(),
  failNext: z.number().int().min(0).optional(),
});
export const ConfigBody = z.object({
  webhookUrl: httpUrl.nullable().optional(),
  monthlyQuota: z.number().int().min(0).nullable().optional(),
  acceptUnknownUsers: z.boolean().optional(),
});

export const SentMessageView = z.looseObject({ type: z.string() });
export const InboxEntryView = z.object({
  messageId: z.string(),
  quoteToken: z.string().optional(),
  message: SentMessageView,
  receivedAt: z.string(),
  endpoint: z.enum(['push', 'multicast']),
  requestId: z.string(),
  retryKey: z.string().optional(),
});
export const FriendView = z.object({
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
export const WebhookResultView = z.object({
  seq: z.number(),
  at: z.string(),
  url: z.string().nullable(),
  isRedelivery: z.boolean(),
  status: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().optional(),
  events: z.array(z.looseObject({ type: z.string(), webhookEventId: z.string() })),
});
export const FriendsResponse = z.object({ friends: z.array(FriendView) });
export const FriendActionResponse = z.object({ friend: FriendView.optional(), webhook: WebhookResultView.nullable() });
export const InboxResponse = z.object({ userId, messages: z.array(InboxEntryView) });
export const TapResponse = z.object({ status: z.number(), location: z.string().nullable() });
export const AdminErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.unknown()).optional() }),
});

export type FriendView = z.infer<typeof FriendView>;
export type InboxEntryView = z.infer<typeof InboxEntryView>;
export type WebhookResultView = z.infer<typeof WebhookResultView>;
