// Zod schemas for what the core knows about a friend: attributes, tags, link state and event history.
import { z } from 'zod';

export const AttributeKeySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits and _ only, not starting with a digit');

export const AttributeTypeSchema = z.enum(['string', 'number', 'boolean', 'date', 'enum']);
export type AttributeType = z.infer<typeof AttributeTypeSchema>;

export const AttributeDefinitionSchema = z.object({
  key: AttributeKeySchema,
  label: z.string(),
  type: AttributeTypeSchema,
  options: z.array(z.string()).optional(),
});
export type AttributeDefinition = z.infer<typeof AttributeDefinitionSchema>;

export const AttributeValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type AttributeValue = z.infer<typeof AttributeValueSchema>;

export const FriendEventSchema = z.object({
  name: z.string().min(1),
  at: z.number().int(),
  properties: z.record(z.string(), z.unknown()).default({}),
});
export type FriendEvent = z.infer<typeof FriendEventSchema>;

export const FriendSnapshotSchema = z.object({
  id: z.string().min(1),
  lineUserId: z.string(),
  displayName: z.string(),
  attributes: z.record(z.string(), AttributeValueSchema).default({}),
  tags: z.array(z.string()).default([]),
  linked: z.boolean().default(false),
  /** The code of the inflow route (流入経路) the friend is attributed to, if any. */
  inflowRoute: z.string().nullable().optional(),
  friendAddedAt: z.number().int(),
  events: z.array(FriendEventSchema).default([]),
});
export type FriendSnapshot = z.infer<typeof FriendSnapshotSchema>;
