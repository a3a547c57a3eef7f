// The LINE sandbox's admin API shapes the dev-mode phone page reads (a copy of devstack/line-sandbox/admin-schema.ts,
// which app code may not import). Pure zod, safe in the browser.
import { z } from 'zod';

export const SandboxFriendSchema = z.object({
  userId: z.string(),
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

export const SandboxMessageSchema = z.looseObject({ type: z.string() });
export type SandboxMessage = z.infer<typeof SandboxMessageSchema>;

export const SandboxInboxEntrySchema = z.object({
  messageId: z.string(),
  message: SandboxMessageSchema,
  receivedAt: z.string(),
  endpoint: z.enum(['push', 'multicast']),
  requestId: z.string(),
  retryKey: z.string().optional(),
});
export type SandboxInboxEntry = z.infer<typeof SandboxInboxEntrySchema>;

export const SandboxFriendsResponse = z.object({ friends: z.array(SandboxFriendSchema) });
export const SandboxInboxResponse = z.object({ userId: z.string(), messages: z.array(SandboxInboxEntrySchema) });
export const SandboxWebhookResult = z.object({ status: z.number().nullable(), error: z.string().optional() }).loose();
export const SandboxActionResponse = z.object({ friend: SandboxFriendSchema.optional(), webhook: SandboxWebhookResult.nullable() });
export const SandboxTapResponse = z.object({ status: z.number(), location: z.string().nullable() });
export const SandboxErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
