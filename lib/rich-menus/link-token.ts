// Tracked URI areas of a rich menu: `${APP_BASE_URL}/r/{token}`, the token signed over menu, area and target. A rich
// menu is one object for every friend, so the token names no friend: a tap is counted per area, anonymously.
import { z } from 'zod';
import { RICH_MENU_LIMITS } from '@/scenario/rich-menu';
import { signBytes, verifyBytes } from '../links/signed-token';

export const RichMenuLinkSchema = z.object({
  menuId: z.uuid(),
  area: z.number().int().min(0).max(255),
  target: z.url({ protocol: /^https?$/ }),
});
export type RichMenuLink = z.infer<typeof RichMenuLinkSchema>;

// Binary, to keep URIs short (LINE allows 1,000 characters): version (1) · menu uuid (16) · area (1) · target (rest).
const VERSION = 1;

export function richMenuLinkToken(link: RichMenuLink, secret: string): string {
  const l = RichMenuLinkSchema.parse(link);
  const bytes = Buffer.concat([
    Buffer.from([VERSION]),
    Buffer.from(l.menuId.replaceAll('-', ''), 'hex'),
    Buffer.from([l.area]),
    Buffer.from(l.target, 'utf8'),
  ]);
  return signBytes(secret, 'rich-menu-link', bytes);
}

/** The link a token names, or null when it is tampered with, malformed or not a rich-menu link. */
export function readRichMenuLinkToken(token: string, secret: string): RichMenuLink | null {
  const b = verifyBytes(secret, 'rich-menu-link', token);
  if (!b || b.length < 19 || b[0] !== VERSION) return null;
  const hex = b.subarray(1, 17).toString('hex');
  const menuId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const r = RichMenuLinkSchema.safeParse({ menuId, area: b[17], target: b.subarray(18).toString('utf8') });
  return r.success ? r.data : null;
}

/**
 * The URI a published area opens: http(s) targets go through the tracked link; `tel:` and `line://` stay as they are
 * (they leave the browser), and so does a target whose tracked form would pass LINE's 1,000-character limit.
 */
export function trackedRichMenuUri(opts: { appBaseUrl: string; secret: string }, menuId: string, area: number, uri: string): string {
  if (!/^https?:\/\//.test(uri)) return uri;
  const tracked = `${opts.appBaseUrl.replace(/\/$/, '')}/r/${richMenuLinkToken({ menuId, area, target: uri }, opts.secret)}`;
  return tracked.length <= RICH_MENU_LIMITS.uri ? tracked : uri;
}
