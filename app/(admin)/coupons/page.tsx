// クーポン: the account's coupons on LINE (open, draft, closed), the create form and the close button for publishers.
import { CouponForm } from '@/components/coupons/coupon-form';
import { CouponTable } from '@/components/coupons/coupon-table';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { listCoupons } from '@/lib/coupons/coupons';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { describeError, logWarning } from '@/lib/log';
import type { CouponRef } from '@/scenario/coupons';
import { closeCouponAction, createCouponAction } from './actions';

export const dynamic = 'force-dynamic';

/** A datetime-local value in Japan time, `days` from now. */
function jstLocal(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 16);
}

export default async function CouponsPage() {
  const { operator } = await requirePage('scenarios:read', '/coupons');
  const lang = await currentLang();
  const deps = appDeps();
  let coupons: CouponRef[] | null = null;
  try {
    coupons = await listCoupons(deps.line);
  } catch (err) {
    logWarning(`coupons: LINE did not list them: ${describeError(err)}`);
  }
  const now = deps.now();
  const mayPublish = can(operator, 'scenarios:publish');
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-8">
      <div>
        <h1 className="mb-2 text-2xl font-bold">{t(lang, 'coupons.title')}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t(lang, 'coupons.help')}</p>
      </div>
      {coupons === null ? (
        <p className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800" role="alert">
          {t(lang, 'coupons.unavailable')}
        </p>
      ) : coupons.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {t(lang, 'coupons.empty')}
        </p>
      ) : (
        <CouponTable lang={lang} coupons={coupons} canClose={mayPublish} close={closeCouponAction} />
      )}
      {mayPublish ? (
        <CouponForm lang={lang} defaults={{ start: jstLocal(now, 0), end: jstLocal(now, 30) }} create={createCouponAction} />
      ) : null}
    </div>
  );
}
