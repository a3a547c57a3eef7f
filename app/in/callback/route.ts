// policy: public, LINE Login state cookie and verified ID token (listed in docs/security.md).
// GET /in/callback: LINE Login sends the visitor back here. The state must match the signed cookie and the ID token
// must verify (JWKS signature, iss, aud, exp, nonce) before anything is recorded; then the thank-you page or the
// route's own URL. A refused callback is 400 and records nothing.
import { appDeps } from '@/lib/app-deps';
import { publicRoute } from '@/lib/auth/guard';
import { loginCookie, LOGIN_COOKIE, readCookie } from '@/lib/inflow/login-session';
import { visitorLang, visitorPage } from '@/lib/inflow/pages';
import { completeVisit } from '@/lib/inflow/visit';
import { logWarning } from '@/lib/log';

export const GET = publicRoute('line_login', async (request: Request) => {
  const deps = appDeps();
  const lang = visitorLang(request.headers.get('accept-language'));
  // No LINE Login channel configured (allowed in production): inflow routes are off.
  if (!deps.lineLogin) return visitorPage(lang, 'unavailable', 503);
  const result = await completeVisit(
    { ...deps, lineLogin: deps.lineLogin },
    { cookie: readCookie(request.headers.get('cookie'), LOGIN_COOKIE), query: new URL(request.url).searchParams },
  );
  const clear = loginCookie('', deps.appBaseUrl.startsWith('https://'), 0);
  if (!result.ok) {
    // The reason only: never the code, the token or who it was.
    logWarning(`inflow callback refused: ${result.reason}`);
    const res = visitorPage(lang, 'refused', 400);
    res.headers.set('set-cookie', clear);
    return res;
  }
  const location = result.route.redirectUrl ?? new URL(`/in/thanks?lang=${lang}`, deps.appBaseUrl).toString();
  return new Response(null, { status: 302, headers: { location, 'set-cookie': clear, 'cache-control': 'no-store' } });
});
