// One line of text for a LINE message object (text, or a flex/template's alt text, or its type), for lists and chat views.
import { z } from 'zod';
import { t, type Lang, type MessageKey } from '../i18n/dictionary';

const PreviewSchema = z.looseObject({ type: z.string(), text: z.string().optional(), altText: z.string().optional() });

export function messagePreview(message: unknown): string {
  const m = PreviewSchema.safeParse(message);
  if (!m.success) return '?';
  if (m.data.type === 'text' && m.data.text !== undefined) return m.data.text;
  if (m.data.altText) return m.data.altText;
  return `[${m.data.type}]`;
}

/** LINE's message types that carry no text of their own, each with its name in the operator's language. */
const KIND_KEYS: Record<string, MessageKey> = {
  sticker: 'inbox.kind.sticker',
  image: 'inbox.kind.image',
  video: 'inbox.kind.video',
  audio: 'inbox.kind.audio',
  location: 'inbox.kind.location',
  file: 'inbox.kind.file',
  imagemap: 'inbox.kind.imagemap',
  template: 'inbox.kind.template',
  flex: 'inbox.kind.flex',
  coupon: 'inbox.kind.coupon',
};

/** A message without text, named by its kind: `（スタンプ）`, `(Sticker)`; an unknown type is just "a message". */
export function messageKindLabel(lang: Lang, type: string): string {
  const key = Object.hasOwn(KIND_KEYS, type) ? KIND_KEYS[type] : undefined;
  return t(lang, 'inbox.nonText').replace('{type}', t(lang, key ?? 'inbox.kind.other'));
}

/** messagePreview, with a message that has no text named by its kind in `lang` rather than LINE's `[type]`. */
export function messagePreviewIn(lang: Lang, message: unknown): string {
  const preview = messagePreview(message);
  const type = PreviewSchema.safeParse(message).data?.type;
  return type !== undefined && preview === `[${type}]` ? messageKindLabel(lang, type) : preview;
}
