'use client';
// The account's coupons (id, title, status) from GET /api/coupons, fetched once per page and shared by the send step's
// coupon picker and the preview's coupon cards.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { CouponRef } from '@/scenario/coupons';

const CouponsSchema = z.object({
  coupons: z.array(z.object({ couponId: z.string(), title: z.string(), status: z.enum(['DRAFT', 'RUNNING', 'CLOSED']) })),
});

let shared: Promise<CouponRef[] | null> | null = null;

function load(): Promise<CouponRef[] | null> {
  shared ??= fetch('/api/coupons', { cache: 'no-store' })
    .then(async (res) => {
      const parsed = CouponsSchema.safeParse(res.ok ? await res.json() : null);
      return parsed.success ? parsed.data.coupons : null;
    })
    .catch(() => null)
    .finally(() => {
      // Asked again on the next mount: a coupon created or closed meanwhile shows.
      setTimeout(() => (shared = null), 10_000);
    });
  return shared;
}

/** The coupons, `undefined` while loading, `null` when LINE could not be asked. */
export function useCoupons(): CouponRef[] | null | undefined {
  const [coupons, setCoupons] = useState<CouponRef[] | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void load().then((c) => live && setCoupons(c));
    return () => {
      live = false;
    };
  }, []);
  return coupons;
}
