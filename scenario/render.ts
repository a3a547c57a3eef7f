// Turns a send node's message drafts into the LINE messages one friend receives (placeholders filled).
import type { FlexContainer, LineAction } from './flex';
import type { LineMessage } from './messages';
import { renderTemplate, type TemplateVars } from './templates';

/**
 * Fills every string of a tree except `type` discriminators. The shape is unchanged (strings stay strings; enum-valued
 * fields hold no placeholders, which validation refuses), so no schema runs here: in a workflow the zod schemas are
 * shared, frozen module state (see worker/create-worker.ts `preloadModules`) and must not be used at run time.
 */
function mapStrings(v: unknown, f: (s: string) => string, key = ''): unknown {
  if (typeof v === 'string') return key === 'type' ? v : f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = mapStrings(x, f, k);
    return out;
  }
  return v;
}

function renderAction(a: LineAction, r: (s: string) => string): LineAction {
  const label = a.label === undefined ? {} : { label: r(a.label) };
  switch (a.type) {
    case 'uri':
      return { type: 'uri', ...label, uri: r(a.uri) };
    case 'message':
      return { type: 'message', ...label, text: r(a.text) };
    case 'postback':
      return {
        type: 'postback',
        ...label,
        data: r(a.data),
        ...(a.displayText === undefined ? {} : { displayText: r(a.displayText) }),
      };
  }
}

/** Rebuilds a message with every user-visible string passed through `r`. */
export function mapMessageText(m: LineMessage, r: (s: string) => string): LineMessage {
  switch (m.type) {
    case 'text':
      return { type: 'text', text: r(m.text) };
    case 'image':
      return { type: 'image', originalContentUrl: r(m.originalContentUrl), previewImageUrl: r(m.previewImageUrl) };
    case 'sticker':
    case 'coupon':
      return m;
    case 'imagemap':
      return {
        ...m,
        baseUrl: r(m.baseUrl),
        altText: r(m.altText),
        actions: m.actions.map((a) => (a.type === 'uri' ? { ...a, linkUri: r(a.linkUri) } : { ...a, text: r(a.text) })),
      };
    case 'template': {
      const t = m.template;
      return {
        type: 'template',
        altText: r(m.altText),
        template: {
          ...t,
          ...(t.thumbnailImageUrl === undefined ? {} : { thumbnailImageUrl: r(t.thumbnailImageUrl) }),
          ...(t.title === undefined ? {} : { title: r(t.title) }),
          text: r(t.text),
          ...(t.defaultAction === undefined ? {} : { defaultAction: renderAction(t.defaultAction, r) }),
          actions: t.actions.map((a) => renderAction(a, r)),
        },
      };
    }
    case 'flex':
      // Flex trees are large and open-ended: fill every string.
      return { type: 'flex', altText: r(m.altText), contents: mapStrings(m.contents, r) as FlexContainer };
  }
}

export function renderMessages(messages: readonly LineMessage[], vars: TemplateVars): LineMessage[] {
  const r = (s: string) => renderTemplate(s, vars);
  return messages.map((m) => mapMessageText(m, r));
}

/** Every string in a message that may hold placeholders, with its path inside the message. */
export function messageStrings(m: unknown, path: (string | number)[] = []): { text: string; path: (string | number)[] }[] {
  if (typeof m === 'string') return path[path.length - 1] === 'type' ? [] : [{ text: m, path }];
  if (Array.isArray(m)) return m.flatMap((x, i) => messageStrings(x, [...path, i]));
  if (m !== null && typeof m === 'object') return Object.entries(m).flatMap(([k, x]) => messageStrings(x, [...path, k]));
  return [];
}
