// The shape of one friend in POST /api/friends and in a CSV row: who (LINE user id or member id) and what to set.
import { z } from 'zod';
import { AttributeKeySchema } from '@/scenario/friend';

export const LineUserIdSchema = z.string().regex(/^U[0-9a-f]{32}$/, 'expected a LINE user id: U followed by 32 hex digits');
export const MemberIdSchema = z.string().trim().min(1).max(128);
export const TagSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^,;|\n\r\t]+$/, 'a tag may not contain , ; | or line breaks');

export const FriendInputSchema = z
  .object({
    lineUserId: LineUserIdSchema.optional(),
    memberId: MemberIdSchema.optional(),
    displayName: z.string().trim().max(100).optional(),
    /** Values are checked against the attribute definitions; null clears an attribute. */
    attributes: z.record(AttributeKeySchema, z.unknown()).optional(),
    tags: z.object({ add: z.array(TagSchema).max(100).default([]), remove: z.array(TagSchema).max(100).default([]) }).optional(),
    isTest: z.boolean().optional(),
  })
  .strict()
  .refine((f) => f.lineUserId !== undefined || f.memberId !== undefined, {
    path: ['lineUserId'],
    message: 'give lineUserId or memberId to say which friend',
  });
export type FriendInput = z.infer<typeof FriendInputSchema>;
