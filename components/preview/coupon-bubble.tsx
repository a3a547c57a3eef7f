'use client';
// The editor preview's coupon message: the card with the title and status of the coupon it names (from LINE).
import type { Lang } from '@/lib/i18n/dictionary';
import { CouponCard } from './coupon-card';
import { useCoupons } from './use-coupons';

export function CouponBubble({ couponId, lang }: { couponId: string; lang: Lang }) {
  const coupon = useCoupons()?.find((c) => c.couponId === couponId);
  return (
    <CouponCard lang={lang} coupon={{ couponId, title: coupon?.title ?? null, closed: coupon ? coupon.status !== 'RUNNING' : false }} />
  );
}
