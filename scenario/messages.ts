// LINE message objects a send node holds (with {{placeholders}}) and emits rendered, in Messaging API JSON.
import { z } from 'zod';
import { ActionSchema, FlexContainerSchema } from './flex';

export const TextMessageSchema = z.object({ type: z.literal('text'), text: z.string() });
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

export const LineMessageSchema = z.discriminatedUnion('type', [
  TextMessageSchema,
  ImageMessageSchema,
  StickerMessageSchema,
  FlexMessageSchema,
  TemplateMessageSchema,
]);
/** A LINE Messaging API message object (the subset Kizuna builds). */
export type LineMessage = z.infer<typeof LineMessageSchema>;
