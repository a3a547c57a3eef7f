// A friend's link to a form: `${APP_BASE_URL}/f/{token}`, the token HMAC-signed with KIZUNA_SECRET naming friend, form and expiry.
import { z } from 'zod';
import { FormSlugSchema } from '@/scenario/forms';
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

export function formLinkUrl(friendId: string, slug: string, opts: FormLinkOptions & { baseUrl: string }): string {
  return `${opts.baseUrl.replace(/\/$/, '')}/f/${formLinkToken(friendId, slug, opts)}`;
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
