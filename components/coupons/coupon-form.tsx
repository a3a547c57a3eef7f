'use client';
// The create-coupon form: title, texts, reward, validity (Japan time), visibility, lottery and uses per ticket. The
// create action comes from the page as a prop; the server checks everything again against LINE's limits.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';

const REWARDS = [
  'discount_fixed',
  'discount_percentage',
  'discount_explicit',
  'cashBack_fixed',
  'cashBack_percentage',
  'free',
  'gift',
  'others',
] as const;
type RewardType = (typeof REWARDS)[number];

/** `YYYY-MM-DDTHH:mm` in Japan time (a datetime-local value) → epoch seconds. */
const jstSeconds = (local: string): number => Math.floor(Date.parse(`${local}:00+09:00`) / 1000);

function rewardOf(type: RewardType, n: { amount: string; percentage: string; original: string; after: string }) {
  switch (type) {
    case 'discount_fixed':
    case 'cashBack_fixed':
      return { type, amount: Number(n.amount) };
    case 'discount_percentage':
    case 'cashBack_percentage':
      return { type, percentage: Number(n.percentage) };
    case 'discount_explicit':
      return { type, originalPrice: Number(n.original), priceAfterDiscount: Number(n.after) };
    case 'free':
    case 'gift':
    case 'others':
      return { type };
  }
}

export function CouponForm(props: {
  lang: Lang;
  /** Defaults for the validity period (datetime-local values, Japan time). */
  defaults: { start: string; end: string };
  create: (input: unknown) => Promise<ActionResult<{ couponId: string }>>;
}) {
  const { lang } = props;
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [f, setF] = useState({
    title: '',
    description: '',
    usageCondition: '',
    imageUrl: '',
    couponCode: '',
    reward: 'discount_fixed' as RewardType,
    amount: '500',
    percentage: '10',
    original: '1000',
    after: '800',
    start: props.defaults.start,
    end: props.defaults.end,
    visibility: 'UNLISTED' as 'UNLISTED' | 'PUBLIC',
    lottery: false,
    probability: '50',
    maxAcquireCount: '-1',
    maxUse: '1' as '1' | '-1',
  });
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF({ ...f, [k]: v });

  const submit = () =>
    start(async () => {
      const r = await props.create({
        title: f.title,
        description: f.description,
        usageCondition: f.usageCondition,
        imageUrl: f.imageUrl.trim(),
        couponCode: f.couponCode.trim(),
        reward: rewardOf(f.reward, f),
        startTimestamp: jstSeconds(f.start),
        endTimestamp: jstSeconds(f.end),
        visibility: f.visibility,
        lottery: f.lottery ? { probability: Number(f.probability), maxAcquireCount: Number(f.maxAcquireCount) } : null,
        maxUseCountPerTicket: Number(f.maxUse),
      });
      if (!r.ok) {
        setMessage([r.error.message, ...r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)].join(' / '));
        return;
      }
      setMessage(t(lang, 'coupons.created'));
      set('title', '');
      router.refresh();
    });

  const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm';
  const field = (key: MessageKey, el: React.ReactNode) => (
    <label className="block text-sm">
      {t(lang, key)}
      {el}
    </label>
  );
  const num = (k: 'amount' | 'percentage' | 'original' | 'after' | 'probability' | 'maxAcquireCount', testId: string) => (
    <input type="number" className={input} value={f[k]} onChange={(e) => set(k, e.target.value)} data-testid={testId} />
  );
  return (
    <form
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="coupon-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 className="text-lg font-semibold">{t(lang, 'coupons.new')}</h2>
      {field(
        'coupons.form.title',
        <input
          className={input}
          value={f.title}
          maxLength={60}
          onChange={(e) => set('title', e.target.value)}
          data-testid="coupon-title"
          required
        />,
      )}
      {field(
        'coupons.form.description',
        <textarea className={input} value={f.description} maxLength={1000} onChange={(e) => set('description', e.target.value)} />,
      )}
      {field(
        'coupons.form.usageCondition',
        <input className={input} value={f.usageCondition} maxLength={100} onChange={(e) => set('usageCondition', e.target.value)} />,
      )}
      {field('coupons.form.imageUrl', <input className={input} value={f.imageUrl} onChange={(e) => set('imageUrl', e.target.value)} />)}
      {field(
        'coupons.form.couponCode',
        <input className={input} value={f.couponCode} onChange={(e) => set('couponCode', e.target.value)} />,
      )}
      <div className="grid grid-cols-2 gap-3">
        {field(
          'coupons.form.reward',
          <select
            className={input}
            value={f.reward}
            onChange={(e) => set('reward', e.target.value as RewardType)}
            data-testid="coupon-reward"
          >
            {REWARDS.map((r) => (
              <option key={r} value={r}>
                {t(lang, `coupons.reward.${r}`)}
              </option>
            ))}
          </select>,
        )}
        {(f.reward === 'discount_fixed' || f.reward === 'cashBack_fixed') && field('coupons.form.amount', num('amount', 'coupon-amount'))}
        {(f.reward === 'discount_percentage' || f.reward === 'cashBack_percentage') &&
          field('coupons.form.percentage', num('percentage', 'coupon-percentage'))}
        {f.reward === 'discount_explicit' && field('coupons.form.originalPrice', num('original', 'coupon-original'))}
        {f.reward === 'discount_explicit' && field('coupons.form.priceAfterDiscount', num('after', 'coupon-after'))}
      </div>
      <div className="grid grid-cols-2 gap-3">
        {field(
          'coupons.form.start',
          <input
            type="datetime-local"
            className={input}
            value={f.start}
            onChange={(e) => set('start', e.target.value)}
            data-testid="coupon-start"
          />,
        )}
        {field(
          'coupons.form.end',
          <input
            type="datetime-local"
            className={input}
            value={f.end}
            onChange={(e) => set('end', e.target.value)}
            data-testid="coupon-end"
          />,
        )}
      </div>
      <div className="grid grid-cols-2 gap-3">
        {field(
          'coupons.form.visibility',
          <select
            className={input}
            value={f.visibility}
            onChange={(e) => set('visibility', e.target.value === 'PUBLIC' ? 'PUBLIC' : 'UNLISTED')}
          >
            <option value="UNLISTED">{t(lang, 'coupons.visibility.UNLISTED')}</option>
            <option value="PUBLIC">{t(lang, 'coupons.visibility.PUBLIC')}</option>
          </select>,
        )}
        {field(
          'coupons.form.maxUse',
          <select className={input} value={f.maxUse} onChange={(e) => set('maxUse', e.target.value === '-1' ? '-1' : '1')}>
            <option value="1">{t(lang, 'coupons.maxUse.once')}</option>
            <option value="-1">{t(lang, 'coupons.maxUse.unlimited')}</option>
          </select>,
        )}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={f.lottery} onChange={(e) => set('lottery', e.target.checked)} data-testid="coupon-lottery" />
        {t(lang, 'coupons.form.lottery')}
      </label>
      {f.lottery && (
        <div className="grid grid-cols-2 gap-3">
          {field('coupons.form.probability', num('probability', 'coupon-probability'))}
          {field('coupons.form.maxAcquireCount', num('maxAcquireCount', 'coupon-max-acquire'))}
        </div>
      )}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark disabled:opacity-50"
          data-testid="coupon-create"
        >
          {t(lang, 'coupons.create')}
        </button>
        {message && (
          <span className="text-sm text-slate-700" role="status" data-testid="coupon-form-message">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
