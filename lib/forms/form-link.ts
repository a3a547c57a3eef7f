// A friend's link to a form: `${APP_BASE_URL}/f/{token}`, or `https://liff.line.me/{liffId}?t={token}` when a LIFF app
// is configured (KIZUNA_LIFF_ID); the token HMAC-signed with KIZUNA_SECRET naming friend, form and expiry either way.
import { z } from 'zod';
import { FormSlugSchema } from '@/scenario/forms';
import type { LineMessage } from '@/scenario/messages';
import { signToken, verifyToken } from '../links/signed-token';

/** How long a link in a message stays usable. */
export const FORM_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const WireSchema = z.object({ f: z.uuid(), s: FormSlugSchema, e: z.number().int() });

export interface FormLinkOptions {
  secret: string;
  now: Date;
  ttlMs?: number;
}

export function formLinkToken(friendId: string, slug: string, opts: FormLinkOptions): string {
  const e = Math.floor((opts.now.getTime() + (opts.ttlMs ?? FORM_LINK_TTL_MS)) / 1000);
  return signToken(opts.secret, 'form-link', { f: friendId, s: slug, e });
}

/** LIFF's own host: a LIFF URL opens the LIFF app's endpoint (`${APP_BASE_URL}/f/liff`) inside LINE. */
export const LIFF_URL_BASE = 'https://liff.line.me';
/** The query parameter carrying the signed token through the LIFF URL. */
export const LIFF_TOKEN_PARAM = 't';

export function formLinkUrl(friendId: string, slug: string, opts: FormLinkOptions & { baseUrl: string; liffId?: string | null }): string {
  const token = formLinkToken(friendId, slug, opts);
  if (opts.liffId) return `${LIFF_URL_BASE}/${opts.liffId}?${LIFF_TOKEN_PARAM}=${token}`;
  return `${opts.baseUrl.replace(/\/$/, '')}/f/${token}`;
}

/**
 * The token a request to the LIFF endpoint carries: `?t=` once liff.init() restored the URL, or inside `liff.state`
 * (`?t=…`), which is how LINE's first redirect hands the LIFF URL's query to the endpoint. Null when neither holds one.
 */
export function formTokenFromLiff(query: Record<string, string | string[] | undefined>): string | null {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const direct = first(query[LIFF_TOKEN_PARAM]);
  if (direct) return direct;
  const state = first(query['liff.state']);
  if (!state) return null;
  const q = state.indexOf('?');
  if (q < 0) return null;
  return new URLSearchParams(state.slice(q + 1).split('#')[0]).get(LIFF_TOKEN_PARAM) || null;
}

/** The friend and form a token names, or null when it is forged, malformed or expired (callers answer 404 either way). */
export function readFormLink(token: string, opts: { secret: string; now: Date }): { friendId: string; slug: string } | null {
  if (token.length > 400) return null;
  const w = verifyToken(opts.secret, 'form-link', token, WireSchema);
  if (!w || w.e * 1000 <= opts.now.getTime()) return null;
  return { friendId: w.f, slug: w.s };
}

/** `{{form:<slug>}}` in message text, as scenario/templates.ts leaves it for the sender to fill per friend. */
const FORM_PLACEHOLDER = /\{\{\s*form:([a-z0-9][a-z0-9-]{0,62})\s*\}\}/g;

/** Fills every {{form:<slug>}} in a text with the friend's own signed link. */
export function fillFormLinks(text: string, link: (slug: string) => string): string {
  return text.includes('{{') ? text.replace(FORM_PLACEHOLDER, (_m, slug: string) => link(slug)) : text;
}

/** Fills {{form:<slug>}} in every text of the messages (texts, alt texts, flex texts) with the friend's form link. */
export function fillFormLinksIn(messages: LineMessage[], link: (slug: string) => string): LineMessage[] {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return typeof v === 'string' ? fillFormLinks(v, link) : v;
  };
  // The walk keeps each message's shape; only string leaves change.
  return walk(messages) as LineMessage[];
}
