// Structural schema of LINE flex containers (bubble, carousel, box, text, image, button …): required fields and nesting.
import { z } from 'zod';

export const ActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('uri'), label: z.string().optional(), uri: z.string().min(1) }),
  z.object({ type: z.literal('message'), label: z.string().optional(), text: z.string().min(1) }),
  z.object({
    type: z.literal('postback'),
    label: z.string().optional(),
    data: z.string(),
    displayText: z.string().optional(),
  }),
]);
export type LineAction = z.infer<typeof ActionSchema>;

// Style properties (margin, color, size …) are passed through as LINE defines many; structure is what we check.
const style = { flex: z.number().int().optional(), action: ActionSchema.optional() };

export type FlexComponent =
  | { type: 'box'; layout: 'horizontal' | 'vertical' | 'baseline'; contents: FlexComponent[]; [k: string]: unknown }
  | { type: 'text'; text?: string; contents?: { type: 'span'; text: string; [k: string]: unknown }[]; [k: string]: unknown }
  | { type: 'image'; url: string; [k: string]: unknown }
  | { type: 'icon'; url: string; [k: string]: unknown }
  | { type: 'button'; action: LineAction; [k: string]: unknown }
  | { type: 'separator'; [k: string]: unknown }
  | { type: 'filler'; [k: string]: unknown }
  | { type: 'video'; url: string; previewUrl: string; altContent: FlexComponent; [k: string]: unknown };

const SpanSchema = z.looseObject({ type: z.literal('span'), text: z.string() });

export const FlexComponentSchema: z.ZodType<FlexComponent, unknown> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.looseObject({
      type: z.literal('box'),
      layout: z.enum(['horizontal', 'vertical', 'baseline']),
      contents: z.array(FlexComponentSchema),
      ...style,
    }),
    z
      .looseObject({ type: z.literal('text'), text: z.string().optional(), contents: z.array(SpanSchema).optional(), ...style })
      .refine((t) => t.text !== undefined || (t.contents?.length ?? 0) > 0, 'a text needs text or spans'),
    z.looseObject({ type: z.literal('image'), url: z.string().min(1), ...style }),
    z.looseObject({ type: z.literal('icon'), url: z.string().min(1) }),
    z.looseObject({ type: z.literal('button'), action: ActionSchema, flex: z.number().int().optional() }),
    z.looseObject({ type: z.literal('separator') }),
    z.looseObject({ type: z.literal('filler') }),
    z.looseObject({
      type: z.literal('video'),
      url: z.string().min(1),
      previewUrl: z.string().min(1),
      altContent: FlexComponentSchema,
    }),
  ]),
);

const BoxSchema = z.lazy(() => FlexComponentSchema).refine((c) => c.type === 'box', 'must be a box');

export const FlexBubbleSchema = z.looseObject({
  type: z.literal('bubble'),
  size: z.enum(['nano', 'micro', 'deca', 'hecto', 'kilo', 'mega', 'giga']).optional(),
  direction: z.enum(['ltr', 'rtl']).optional(),
  header: BoxSchema.optional(),
  hero: z.lazy(() => FlexComponentSchema).optional(),
  body: BoxSchema.optional(),
  footer: BoxSchema.optional(),
  action: ActionSchema.optional(),
});
export type FlexBubble = z.infer<typeof FlexBubbleSchema>;

export const FlexContainerSchema = z.discriminatedUnion('type', [
  FlexBubbleSchema,
  z.looseObject({ type: z.literal('carousel'), contents: z.array(FlexBubbleSchema) }),
]);
export type FlexContainer = z.infer<typeof FlexContainerSchema>;
