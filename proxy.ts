// The first of the two checks: a request without a session cookie to anything outside the public list is sent to
// sign-in (pages) or answered 401 (API). Only the cookie's presence is checked here; every page, action and route
// checks the session and the role itself (lib/auth/guard.ts), since a proxy can be bypassed.
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { isPublicPath } from './lib/auth/policy';

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname) || getSessionCookie(request, { cookiePrefix: 'kizuna' })) return NextResponse.next();
  if (pathname.startsWith('/api/')) {
    return NextResponse.json({ error: { code: 'unauthorized:session', message: 'sign in first', issues: [] } }, { status: 401 });
  }
  const url = request.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
