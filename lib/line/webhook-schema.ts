// Zod schemas of the LINE webhook body (webhook.yml): the envelope, and the event types Kizuna acts on.
import { z } from 'zod';

/**
 * LINE user ids are `U` + 32 lowercase hex digits. Anything else is refused before use: the id goes into LINE API paths
 * (profile, push), so a crafted one like `../../v2/bot/message/push` must never reach a URL.
 */
export const LINE_USER_ID = /^U[0-9a-f]{32}$/;
const userSource = z.looseObject({
  type: z.literal('user'),
  userId: z.string().regex(LINE_USER_ID, 'expected a LINE user id (U + 32 hex digits)'),
});
// A group or room event names its member too: whatever the source, a user id present must be one.
const anySource = z.looseObject({
  type: z.string(),
  userId: z.string().regex(LINE_USER_ID, 'expected a LINE user id (U + 32 hex digits)').optional(),
});

/**
 * Every event LINE sends has these; unknown types (LINE adds new ones) are stored and then ignored. An event failing
 * this is stored as an error record, without its payload (lib/line/receive-webhook.ts).
 */
export const WebhookEventBaseSchema = z.looseObject({
  type: z.string().min(1).max(64),
  webhookEventId: z.string().min(1).max(128),
  timestamp: z.number().int(),
  mode: z.string().optional(),
  source: anySource.optional(),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }).optional(),
});

export type WebhookEventBase = z.infer<typeof WebhookEventBaseSchema>;

/** The body, read loosely: each event is checked on its own, so one bad event never spoils the batch. */
export const WebhookEnvelopeSchema = z.object({
  destination: z.string(),
  events: z.array(z.unknown()),
});

const common = { webhookEventId: z.string(), timestamp: z.number().int(), source: userSource };

export const FollowEventSchema = z.looseObject({
  type: z.literal('follow'),
  ...common,
  follow: z.looseObject({ isUnblocked: z.boolean() }).optional(),
});
export const UnfollowEventSchema = z.looseObject({ type: z.literal('unfollow'), ...common });
/** Message and postback events carry a single-use reply token (lib/line/reply-or-push.ts). */
const replyToken = { replyToken: z.string().max(1000).optional() };
export const MessageEventSchema = z.looseObject({
  type: z.literal('message'),
  ...common,
  ...replyToken,
  // markAsReadToken: newer API versions send it with each message (POST /v2/bot/chat/markAsRead).
  message: z.looseObject({
    type: z.string(),
    id: z.string(),
    text: z.string().optional(),
    markAsReadToken: z.string().max(1000).optional(),
  }),
});
export const PostbackEventSchema = z.looseObject({
  type: z.literal('postback'),
  ...common,
  ...replyToken,
  postback: z.looseObject({ data: z.string(), params: z.record(z.string(), z.string()).optional() }),
});
export const AccountLinkEventSchema = z.looseObject({
  type: z.literal('accountLink'),
  ...common,
  link: z.looseObject({ result: z.enum(['ok', 'failed']), nonce: z.string() }),
});

/** The events Kizuna processes; anything else (or a group/room source) parses to nothing and is skipped. */
export const HandledEventSchema = z.discriminatedUnion('type', [
  FollowEventSchema,
  UnfollowEventSchema,
  MessageEventSchema,
  PostbackEventSchema,
  AccountLinkEventSchema,
]);
export type HandledEvent = z.infer<typeof HandledEventSchema>;
