// A coupon message as LINE shows it: a ticket-like card with the coupon's title, reward, lottery mark and end date.
import { Ticket } from 'lucide-react';
import { t, type Lang } from '@/lib/i18n/dictionary';

export type CouponCardView = {
  couponId: string;
  /** Null when the coupon's details are not known (only its id). */
  title: string | null;
  rewardType?: string | null;
  priceInfo?: {
    type: string;
    fixedAmount?: number | undefined;
    percentage?: number | undefined;
    originalPrice?: number | undefined;
    priceAfterDiscount?: number | undefined;
  } | null;
  lottery?: boolean;
  /** Epoch seconds. */
  endTimestamp?: number | null;
  closed?: boolean;
  imageUrl?: string | null;
};

const REWARD_KEYS = {
  discount: 'coupons.reward.discount_fixed',
  cashBack: 'coupons.reward.cashBack_fixed',
  free: 'coupons.reward.free',
  gift: 'coupons.reward.gift',
  others: 'coupons.reward.others',
} as const;

const isRewardKey = (k: string): k is keyof typeof REWARD_KEYS => k in REWARD_KEYS;

function endDate(sec: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo', dateStyle: 'medium' }).format(sec * 1000);
}

const yen = (n: number, lang: Lang) => (lang === 'ja' ? `${n.toLocaleString('ja-JP')}円` : `¥${n.toLocaleString('en-US')}`);

/** The reward in a few words: 「10%オフ」, 「500円キャッシュバック」, 「1,000円 → 800円」, or its kind. */
function rewardLine(c: CouponCardView, lang: Lang): string | null {
  const p = c.priceInfo;
  const ja = lang === 'ja';
  if ((c.rewardType === 'discount' || c.rewardType === 'cashBack') && p) {
    const back = c.rewardType === 'cashBack';
    const amount =
      p.type === 'percentage' && p.percentage !== undefined
        ? `${p.percentage}%`
        : p.type === 'fixed' && p.fixedAmount !== undefined
          ? yen(p.fixedAmount, lang)
          : null;
    if (amount !== null) {
      if (back) return ja ? `${amount}キャッシュバック` : `${amount} cash back`;
      return ja ? `${amount}${p.type === 'fixed' ? '引き' : 'オフ'}` : `${amount} off`;
    }
    if (p.type === 'explicit' && p.originalPrice !== undefined && p.priceAfterDiscount !== undefined)
      return `${yen(p.originalPrice, lang)} → ${yen(p.priceAfterDiscount, lang)}`;
  }
  return c.rewardType && isRewardKey(c.rewardType) ? t(lang, REWARD_KEYS[c.rewardType]).replace(/（.*）|\s*\(.*\)/, '') : null;
}

export function CouponCard({ coupon, lang }: { coupon: CouponCardView; lang: Lang }) {
  const reward = rewardLine(coupon, lang);
  return (
    <div className="w-60 overflow-hidden rounded-2xl bg-white text-sm shadow-sm" data-testid="coupon-card" data-coupon-id={coupon.couponId}>
      <div className="flex items-center justify-between bg-gradient-to-r from-orange-500 to-amber-400 px-3 py-1.5 text-xs font-bold text-white">
        <span className="flex items-center gap-1">
          <Ticket aria-hidden className="h-3.5 w-3.5" />
          {t(lang, 'coupons.card.label')}
        </span>
        {coupon.lottery ? <span className="rounded bg-white/25 px-1.5">{t(lang, 'coupons.card.lottery')}</span> : null}
      </div>
      <div className="space-y-1 px-3 py-2">
        <div className="font-bold" data-testid="coupon-card-title">
          {coupon.title ?? t(lang, 'coupons.card.unknown')}
        </div>
        {reward ? <div className="text-xs text-orange-700">{reward}</div> : null}
        {coupon.endTimestamp ? (
          <div className="text-xs text-slate-500">
            {t(lang, 'coupons.card.until')}: {endDate(coupon.endTimestamp, lang)}
          </div>
        ) : null}
        {coupon.closed ? <div className="text-xs font-medium text-rose-700">{t(lang, 'coupons.card.closed')}</div> : null}
      </div>
    </div>
  );
}
