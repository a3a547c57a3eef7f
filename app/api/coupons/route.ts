// GET /api/coupons: the account's coupons on LINE (id, title, status) for the send step's coupon picker and preview.
// policy: session, scenarios:read
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { listCoupons } from '@/lib/coupons/coupons';

export const dynamic = 'force-dynamic';

export const GET = sessionRoute('scenarios:read', async () => {
  return Response.json({ coupons: await listCoupons(appDeps().line) });
});
