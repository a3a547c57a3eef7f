// Finds what a friend can press in a LINE message (template and flex actions, URLs in text), for the phone view.
import { z } from 'zod';

export type PhoneAction =
  | { kind: 'postback'; label: string; data: string }
  | { kind: 'uri'; label: string; uri: string }
  | { kind: 'message'; label: string; text: string };

const ActionSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('postback'), label: z.string().optional(), data: z.string(), displayText: z.string().optional() }),
  z.looseObject({ type: z.literal('uri'), label: z.string().optional(), uri: z.string() }),
  z.looseObject({ type: z.literal('message'), label: z.string().optional(), text: z.string() }),
]);

/** Every action object anywhere inside the message (buttons, confirm, carousel, flex boxes), in document order. */
export function actionsOf(message: unknown): PhoneAction[] {
  const found: PhoneAction[] = [];
  const take = (v: unknown) => {
    const a = ActionSchema.safeParse(v);
    if (!a.success) return;
    const d = a.data;
    if (d.type === 'postback') found.push({ kind: 'postback', label: d.label ?? d.displayText ?? d.data, data: d.data });
    else if (d.type === 'uri') found.push({ kind: 'uri', label: d.label ?? d.uri, uri: d.uri });
    else found.push({ kind: 'message', label: d.label ?? d.text, text: d.text });
  };
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'quickReply') continue; // shown under the last message instead (quickRepliesOf)
      if (k === 'action' || k === 'defaultAction') take(x);
      else if (k === 'actions' && Array.isArray(x)) x.forEach(take);
      else visit(x);
    }
  };
  visit(message);
  return found;
}

const QuickReplySchema = z.looseObject({ quickReply: z.looseObject({ items: z.array(z.looseObject({ action: z.unknown() })) }) });

/** The quick-reply buttons of a message (LINE shows them under the chat's last message until the friend answers). */
export function quickRepliesOf(message: unknown): PhoneAction[] {
  const q = QuickReplySchema.safeParse(message);
  if (!q.success) return [];
  return q.data.quickReply.items.flatMap((item) => actionsOf({ action: item.action }));
}

const URL_RE = /https?:\/\/[^\s<>"'）」。、]+/g;

/** Splits text into plain parts and URLs, so URLs can be tapped. */
export function linkify(text: string): { text: string; url?: string }[] {
  const parts: { text: string; url?: string }[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const i = m.index ?? 0;
    if (i > last) parts.push({ text: text.slice(last, i) });
    parts.push({ text: m[0], url: m[0] });
    last = i + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
