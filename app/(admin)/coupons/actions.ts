'use server';
// Coupons: create one on LINE (reward, validity, lottery, limits) and close one. Both change what friends can receive,
// so publishers only; each is audited with the coupon id.
// policy: session, scenarios:publish (create, close)
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { guardedAction } from '@/lib/auth/guard';
import { closeCoupon, createCoupon } from '@/lib/coupons/coupons';
import { parseOrThrow, toActionError } from '@/lib/errors';
import type { ActionResult } from '@/lib/ui-types';

export const createCouponAction = guardedAction(
  'scenarios:publish',
  async (caller, input: unknown): Promise<ActionResult<{ couponId: string }>> => {
    try {
      const deps = appDeps();
      const { couponId } = await createCoupon(deps.line, input);
      await recordAudit(deps.db, actorOf(caller), { action: 'coupon_created', object: { type: 'coupon', id: couponId } });
      revalidatePath('/coupons');
      return { ok: true, couponId };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);

export const closeCouponAction = guardedAction('scenarios:publish', async (caller, couponId: unknown): Promise<ActionResult> => {
  try {
    const deps = appDeps();
    const id = parseOrThrow(z.string().min(1).max(100), couponId, 'coupon_id');
    await closeCoupon(deps.line, id);
    await recordAudit(deps.db, actorOf(caller), { action: 'coupon_closed', object: { type: 'coupon', id } });
    revalidatePath('/coupons');
    return { ok: true };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
});
