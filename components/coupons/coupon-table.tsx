'use client';
// The account's coupons (title, status, id) with a close button on open ones for publishers; the close action comes
// from the page as a prop.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import type { CouponRef } from '@/scenario/coupons';

const STATUS_TONE: Record<CouponRef['status'], string> = {
  RUNNING: 'bg-line/15 text-line-dark',
  DRAFT: 'bg-slate-100 text-slate-600',
  CLOSED: 'bg-slate-200 text-slate-500',
};

export function CouponTable(props: {
  lang: Lang;
  coupons: CouponRef[];
  canClose: boolean;
  close: (couponId: string) => Promise<ActionResult>;
}) {
  const { lang } = props;
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const close = (couponId: string) => {
    if (!window.confirm(t(lang, 'coupons.closeConfirm'))) return;
    start(async () => {
      const r = await props.close(couponId);
      setMessage(r.ok ? t(lang, 'coupons.closedDone') : r.error.message);
      router.refresh();
    });
  };
  return (
    <div>
      {message && (
        <p className="mb-2 text-sm text-slate-700" role="status">
          {message}
        </p>
      )}
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="coupon-list">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2">{t(lang, 'coupons.col.title')}</th>
            <th className="px-4 py-2">{t(lang, 'coupons.col.status')}</th>
            <th className="px-4 py-2">{t(lang, 'coupons.col.id')}</th>
            <th className="px-4 py-2" />
          </tr>
        </thead>
        <tbody>
          {props.coupons.map((c) => (
            <tr key={c.couponId} className="border-t border-slate-100" data-testid="coupon-row" data-coupon-id={c.couponId}>
              <td className="px-4 py-2 font-medium">{c.title}</td>
              <td className="px-4 py-2">
                <span className={`rounded px-1.5 text-xs ${STATUS_TONE[c.status]}`} data-testid="coupon-status">
                  {t(lang, `coupons.status.${c.status}`)}
                </span>
              </td>
              <td className="px-4 py-2 font-mono text-xs text-slate-500">{c.couponId}</td>
              <td className="px-4 py-2 text-right">
                {props.canClose && c.status === 'RUNNING' ? (
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => close(c.couponId)}
                    className="rounded-md border border-rose-300 px-3 py-1 text-xs text-rose-700 hover:bg-rose-50 disabled:opacity-50"
                    data-testid="coupon-close"
                  >
                    {t(lang, 'coupons.close')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
