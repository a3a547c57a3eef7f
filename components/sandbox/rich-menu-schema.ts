// The sandbox admin API's rich-menu answers (GET /__sandbox/friends/:userId/richmenu), parsed by the phone.
import { z } from 'zod';

const Bounds = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export const SandboxRichMenuAction = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('postback'), data: z.string(), displayText: z.string().optional(), label: z.string().optional() }),
  z.looseObject({ type: z.literal('uri'), uri: z.string(), label: z.string().optional() }),
  z.looseObject({ type: z.literal('message'), text: z.string(), label: z.string().optional() }),
  z.looseObject({ type: z.literal('richmenuswitch'), richMenuAliasId: z.string(), data: z.string(), label: z.string().optional() }),
]);
export type SandboxRichMenuAction = z.infer<typeof SandboxRichMenuAction>;

export const SandboxRichMenuResponse = z.object({
  richMenu: z
    .object({
      richMenuId: z.string(),
      linked: z.boolean(),
      size: z.object({ width: z.number(), height: z.number() }),
      selected: z.boolean(),
      chatBarText: z.string(),
      areas: z.array(z.object({ bounds: Bounds, action: z.looseObject({ type: z.string() }) })),
      imagePath: z.string(),
    })
    .nullable(),
});
export type SandboxRichMenuView = NonNullable<z.infer<typeof SandboxRichMenuResponse>['richMenu']>;
