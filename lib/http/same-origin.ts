// CSRF defence for session-authenticated route handlers: a state-changing request must come from Kizuna's own pages
// (judged by the browser-set Sec-Fetch-Site and Origin headers) and carry its body as JSON, which no cross-site
// form or "simple" fetch can send without a CORS preflight that Kizuna never grants.
import { AppError } from '../errors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `same-origin`, or `none` (typed into the address bar, a bookmark): the only Sec-Fetch-Site values let through. */
const SAME_SITE_FETCH = new Set(['same-origin', 'none']);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The host the request was sent to, as Next's own server-action check reads it: `x-forwarded-host` (set by a proxy in
 * front; a cross-site page cannot set it without a preflight), else `host`, else the request URL's (in-process tests).
 */
function requestHost(req: Request): string {
  const forwarded = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || req.headers.get('host') || new URL(req.url).host;
}

/** Whether the Origin header names Kizuna: APP_BASE_URL's origin, or the host this request was addressed to. */
function isOwnOrigin(origin: string, req: Request, appBaseUrl: string): boolean {
  if (origin === originOf(appBaseUrl)) return true;
  const parsed = originOf(origin);
  // `null` (sandboxed frames, opaque redirects) and anything unparsable are foreign.
  if (!parsed || parsed === 'null') return false;
  return new URL(parsed).host === requestHost(req);
}

/** application/json with any parameters (`; charset=utf-8`). */
function isJson(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Whether the request carries a body (an in-process Request has no content-length; Next's does). */
function hasBody(req: Request): boolean {
  return req.body !== null && req.headers.get('content-length') !== '0';
}

/**
 * Throws 403 `forbidden:cross_site` for a state-changing request from another site, and 415
 * `unsupported:content_type` for one whose body is not JSON. Requests without Sec-Fetch-Site and Origin are not from
 * a browser page (scripts, tests) and need only the session. Safe methods pass untouched.
 */
export function assertSameOriginJson(req: Request, appBaseUrl: string): void {
  if (!STATE_CHANGING.has(req.method.toUpperCase())) return;
  const site = req.headers.get('sec-fetch-site');
  const origin = req.headers.get('origin');
  if ((site !== null && !SAME_SITE_FETCH.has(site.toLowerCase())) || (origin !== null && !isOwnOrigin(origin, req, appBaseUrl))) {
    throw new AppError('forbidden:cross_site', 'cross-site requests are refused: send this from Kizuna itself');
  }
  const contentType = req.headers.get('content-type');
  if ((contentType !== null || hasBody(req)) && !isJson(contentType)) {
    throw new AppError('unsupported:content_type', 'send the body as application/json');
  }
}
