// Rewrites every http(s) URL a message opens (actions, image maps, flex) into a tracked link.
import type { LineMessage } from '@/scenario/messages';

const URL_IN_TEXT = /https?:\/\/[^\s<>"'「」（）()]+/g;

export function rewriteLinks(messages: LineMessage[], rewrite: (url: string) => string): LineMessage[] {
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    // Only link targets: `uri` of URI actions (and `linkUri` of image maps), never image sources…
    if (typeof v === 'string' && (key === 'uri' || key === 'linkUri') && /^https?:\/\//.test(v)) return rewrite(v);
    // …and URLs written in a text message (LINE makes them tappable).
    if (typeof v === 'string' && key === 'text') return v.replace(URL_IN_TEXT, (url) => rewrite(url));
    return v;
  };
  // The walk keeps each message's shape; only string leaves change.
  return walk(messages) as LineMessage[];
}
