// policy: public, the route's unguessable code (listed in docs/security.md).
// GET /in/{token}: an inflow route's URL and QR code (the token is the route's random code). Starts LINE Login with
// bot_prompt=aggressive; the state, nonce and PKCE verifier ride in a signed 10-minute cookie. An unknown code is 404.
import { appDeps } from '@/lib/app-deps';
import { publicRoute } from '@/lib/auth/guard';
import { loginCookie } from '@/lib/inflow/login-session';
import { visitorLang, visitorPage } from '@/lib/inflow/pages';
import { startVisit } from '@/lib/inflow/visit';

export const GET = publicRoute('line_login', async (request: Request, { params }: { params: Promise<{ token: string }> }) => {
  const { token: code } = await params;
  const deps = appDeps();
  const lang = visitorLang(request.headers.get('accept-language'));
  // No LINE Login channel configured (allowed in production): inflow routes are off.
  if (!deps.lineLogin) return visitorPage(lang, 'unavailable', 503);
  const visit = await startVisit({ ...deps, lineLogin: deps.lineLogin }, code);
  if (!visit) return visitorPage(lang, 'refused', 404);
  return new Response(null, {
    status: 302,
    headers: {
      location: visit.location,
      'set-cookie': loginCookie(visit.session, deps.appBaseUrl.startsWith('https://')),
      'cache-control': 'no-store',
    },
  });
});
