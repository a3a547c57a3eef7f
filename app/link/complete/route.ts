// GET /link/complete?assertion=…: the shop's login sends the member back here with an assertion it signed. A good one
// goes on to LINE's account-link dialog (303); anything else back to /link with the reason the customer is shown.
// policy: public, shop-signed assertion (account_link_token; docs/security.md)
import { appDeps } from '@/lib/app-deps';
import { publicRoute } from '@/lib/auth/guard';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { linkMode } from '@/lib/links/link-mode';
import { completeShopLink, type ShopLinkFailure } from '@/lib/links/shop-link';
import { logError } from '@/lib/log';

export const dynamic = 'force-dynamic';

export const GET = publicRoute('account_link_token', async (request: Request) => {
  const mode = linkMode(env());
  if (mode.kind !== 'shop') return new Response('Not Found', { status: 404 });
  const deps = appDeps();
  const assertion = new URL(request.url).searchParams.get('assertion') ?? '';
  let outcome: { ok: true; dialog: string } | { ok: false; reason: ShopLinkFailure };
  try {
    outcome = await completeShopLink(deps, mode.shop, assertion.slice(0, 4000));
  } catch (err) {
    // The friend was deleted meanwhile (not_found:friend): for the customer, a link no longer valid.
    if (!(err instanceof AppError)) logError('shop link completion failed', err);
    outcome = { ok: false, reason: 'invalid' };
  }
  if (outcome.ok) return Response.redirect(outcome.dialog, 303);
  const back = new URL('/link', deps.appBaseUrl);
  back.searchParams.set('error', outcome.reason);
  return Response.redirect(back, 303);
});
