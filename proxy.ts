// The first of the two checks: a request without a session cookie to anything outside the public list is sent to
// sign-in (pages) or answered 401 (API). Only the cookie's presence is checked here; every page, action and route
// checks the session and the role itself (lib/auth/guard.ts), since a proxy can be bypassed.
// It also gives every response its Content-Security-Policy, around a nonce made for this request (docs/security.md).
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { isPublicPath } from './lib/auth/policy';
import { contentSecurityPolicy, cspSettings, newNonce } from './lib/content-security-policy';
import { env } from './lib/env';

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, cspSettings(env()));
  // Next reads the nonce from the CSP header of the *request* it renders and puts it on its own scripts, so the policy
  // goes onto the forwarded request too; x-nonce is for a page that adds a <Script> of its own.
  const forwarded = new Headers(request.headers);
  forwarded.set('Content-Security-Policy', csp);
  forwarded.set('x-nonce', nonce);
  const response = sessionGate(request, forwarded);
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

function sessionGate(request: NextRequest, forwarded: Headers): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname) || getSessionCookie(request, { cookiePrefix: 'kizuna' })) {
    return NextResponse.next({ request: { headers: forwarded } });
  }
  if (pathname.startsWith('/api/')) {
    return NextResponse.json({ error: { code: 'unauthorized:session', message: 'sign in first', issues: [] } }, { status: 401 });
  }
  const url = request.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

// Static files pass untouched: the build's assets and the app icon (app/icon.svg), which the sign-in page shows too.
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
