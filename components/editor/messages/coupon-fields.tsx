'use client';
// A coupon message's editor: pick one of the account's open coupons (a closed one already picked stays shown, marked).
import type { CouponMessageSchema } from '@/scenario/messages';
import type { z } from 'zod';
import { useCoupons } from '@/components/preview/use-coupons';
import { useT } from '../editor-context';

type CouponMessage = z.infer<typeof CouponMessageSchema>;

export function CouponFields({ testId, m, onChange }: { testId: string; m: CouponMessage; onChange: (m: CouponMessage) => void }) {
  const t = useT();
  const coupons = useCoupons();
  const open = (coupons ?? []).filter((c) => c.status === 'RUNNING');
  const current = coupons?.find((c) => c.couponId === m.couponId);
  const options = current && current.status !== 'RUNNING' ? [current, ...open] : open;
  return (
    <div className="space-y-1">
      <label className="block text-xs text-slate-600">
        {t('editor.coupon.pick')}
        <select
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm"
          value={m.couponId}
          onChange={(e) => onChange({ type: 'coupon', couponId: e.target.value })}
          data-testid={`${testId}-coupon`}
        >
          <option value="">{t('editor.coupon.none')}</option>
          {m.couponId !== '' && !current ? <option value={m.couponId}>{m.couponId}</option> : null}
          {options.map((c) => (
            <option key={c.couponId} value={c.couponId}>
              {c.status === 'RUNNING' ? c.title : `${c.title}（${t(`coupons.status.${c.status}`)}）`}
            </option>
          ))}
        </select>
      </label>
      {coupons && open.length === 0 ? <p className="text-xs text-amber-700">{t('editor.coupon.empty')}</p> : null}
      <p className="text-[11px] text-slate-500">{t('editor.coupon.tagNote')}</p>
    </div>
  );
}
