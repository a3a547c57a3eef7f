// The Content-Security-Policy of every response, built by proxy.ts around a fresh script nonce per request.
import type { Env } from './env';
import { accountLinkDialogUrl } from './line/account-link-url';

export interface CspSettings {
  /** `next dev`: React rebuilds server error stacks in the browser with eval; the production build never does. */
  dev: boolean;
  /** Served over https: any plain-http subresource is upgraded rather than loaded in clear. */
  https: boolean;
  /** Origins besides our own that browser code fetches: the LINE sandbox's admin API behind /sandbox in dev mode. */
  connect: string[];
  /**
   * Origins besides our own that a form submission may end at: LINE's account-link dialog. The /link form posts to us
   * and is answered with a redirect there; without JavaScript that redirect is the form's, and Chrome checks it.
   */
  formAction: string[];
}

/** What the policy depends on in the configuration. */
export function cspSettings(
  e: Pick<Env, 'NODE_ENV' | 'APP_BASE_URL' | 'KIZUNA_DEV_MODE' | 'LINE_SANDBOX_URL' | 'LINE_API_BASE_URL' | 'LINE_ACCOUNT_LINK_DIALOG_URL'>,
): CspSettings {
  return {
    dev: e.NODE_ENV === 'development',
    https: e.APP_BASE_URL.startsWith('https://'),
    connect: e.KIZUNA_DEV_MODE && e.LINE_SANDBOX_URL ? [new URL(e.LINE_SANDBOX_URL).origin] : [],
    formAction: [new URL(accountLinkDialogUrl(e)).origin],
  };
}

/**
 * The policy for one request. Scripts run only with this request's nonce (Next puts it on its own scripts when the
 * request carries this header) and what those scripts load ('strict-dynamic'). Styles may be inline: React Flow
 * positions nodes with style attributes, components set inline widths and colours, and `next dev` injects its CSS as
 * style tags; a nonce beside 'unsafe-inline' would turn 'unsafe-inline' off, so styles get none. Images come from any
 * https host because marketers paste any image URL into messages.
 */
export function contentSecurityPolicy(nonce: string, s: CspSettings): string {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce)) throw new Error('a CSP nonce must be base64');
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(s.dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', 'https:'],
    ['font-src', "'self'"],
    // 'self' covers the dev server's websocket (ws: on the same host and port) as well.
    ['connect-src', "'self'", ...s.connect],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    // Posts go to ourselves; a post answered with a redirect may end only at LINE's account-link dialog.
    ['form-action', "'self'", ...s.formAction],
    ['frame-ancestors', "'none'"],
  ];
  if (s.https) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** 128 random bits, base64: unguessable, and new for every request. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
