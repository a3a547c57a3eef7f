// LINE message objects a send node holds (with {{placeholders}}) and emits rendered, in Messaging API JSON.
import { z } from 'zod';
import { ActionSchema, FlexContainerSchema } from './flex';

/** Quick-reply buttons under a message (a question node's choices): postback or message actions, at most 13. */
export const QuickReplySchema = z.object({
  items: z
    .array(z.object({ type: z.literal('action'), action: ActionSchema }))
    .min(1)
    .max(13),
});
export const TextMessageSchema = z.object({ type: z.literal('text'), text: z.string(), quickReply: QuickReplySchema.optional() });
export const ImageMessageSchema = z.object({
  type: z.literal('image'),
  originalContentUrl: z.string(),
  previewImageUrl: z.string(),
});
export const StickerMessageSchema = z.object({
  type: z.literal('sticker'),
  packageId: z.string().min(1),
  stickerId: z.string().min(1),
});
export const FlexMessageSchema = z.object({ type: z.literal('flex'), altText: z.string(), contents: FlexContainerSchema });
export const ButtonsTemplateSchema = z.object({
  type: z.literal('buttons'),
  thumbnailImageUrl: z.string().optional(),
  imageAspectRatio: z.enum(['rectangle', 'square']).optional(),
  imageSize: z.enum(['cover', 'contain']).optional(),
  title: z.string().optional(),
  text: z.string(),
  defaultAction: ActionSchema.optional(),
  actions: z.array(ActionSchema),
});
export const TemplateMessageSchema = z.object({
  type: z.literal('template'),
  altText: z.string(),
  template: ButtonsTemplateSchema,
});

const ImagemapAreaSchema = z.object({
  x: z.number().int().nonnegative(),
  y: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export const ImagemapActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('uri'), label: z.string().optional(), linkUri: z.string(), area: ImagemapAreaSchema }),
  z.object({ type: z.literal('message'), label: z.string().optional(), text: z.string(), area: ImagemapAreaSchema }),
]);
/** A rich message (リッチメッセージ): LINE fetches `${baseUrl}/${width}` for width 240, 300, 460, 700 and 1040. */
export const ImagemapMessageSchema = z.object({
  type: z.literal('imagemap'),
  baseUrl: z.string(),
  altText: z.string(),
  baseSize: z.object({ width: z.literal(1040), height: z.number().int().positive() }),
  actions: z.array(ImagemapActionSchema),
});

/**
 * A coupon made through LINE's Coupon API. A send node holds only the coupon's id; `deliveryTag` (which LINE's reports
 * split by) is set by the engine from the scenario and the node when it sends (scenario/coupons.ts).
 */
export const CouponMessageSchema = z.object({
  type: z.literal('coupon'),
  couponId: z.string(),
  deliveryTag: z.string().max(30).optional(),
});

export const LineMessageSchema = z.discriminatedUnion('type', [
  TextMessageSchema,
  ImageMessageSchema,
  StickerMessageSchema,
  FlexMessageSchema,
  TemplateMessageSchema,
  ImagemapMessageSchema,
  CouponMessageSchema,
]);
/** A LINE Messaging API message object (the subset Kizuna builds). */
export type LineMessage = z.infer<typeof LineMessageSchema>;
