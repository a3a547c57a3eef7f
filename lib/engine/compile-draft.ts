// A scenario's saved draft validated and compiled on the server, as publishing and test runs need it.
import { getAccountQuietHours } from '@/db/queries/account-settings';
import { editorAttributeDefinitions, findScenario } from '@/db/queries/scenarios';
import type { DbOrTx } from '@/db/client';
import { compileOrIssues } from '@/scenario/compile';
import { hasCouponMessages, type CouponRef } from '@/scenario/coupons';
import { AppError } from '../errors';

/** `loadCoupons`: the account's coupons on LINE, asked only when the draft sends a coupon (unknown or closed ones are issues). */
export async function compileDraft(db: DbOrTx, scenarioId: string, loadCoupons?: () => Promise<CouponRef[]>) {
  const row = await findScenario(db, scenarioId);
  if (!row) throw new AppError('not_found:scenario', `scenario ${scenarioId} does not exist`);
  if (row.archivedAt) throw new AppError('conflict:archived', 'the scenario is archived: unarchive it first');
  // A draft following the account's quiet hours gets today's default pinned into the version it publishes.
  const [attributes, accountQuietHours] = await Promise.all([editorAttributeDefinitions(db), getAccountQuietHours(db)]);
  const coupons = loadCoupons && hasCouponMessages(row.draft) ? await loadCoupons() : undefined;
  const result = compileOrIssues(row.draft, { attributes, accountQuietHours, ...(coupons ? { coupons } : {}) });
  if (!result.ok) {
    throw new AppError('invalid:graph', `the scenario has ${result.issues.length} problem(s) to fix before it can run`, result.issues);
  }
  return { row, plan: result.plan };
}
