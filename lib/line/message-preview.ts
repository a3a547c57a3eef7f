// One line of text for a LINE message object (text, or a flex/template's alt text, or its type), for lists and chat views.
import { z } from 'zod';

const PreviewSchema = z.looseObject({ type: z.string(), text: z.string().optional(), altText: z.string().optional() });

export function messagePreview(message: unknown): string {
  const m = PreviewSchema.safeParse(message);
  if (!m.success) return '?';
  if (m.data.type === 'text' && m.data.text !== undefined) return m.data.text;
  if (m.data.altText) return m.data.altText;
  return `[${m.data.type}]`;
}
