// The account's quiet-hours default: read (product defaults when never saved) and saved in one upsert.
import { eq } from 'drizzle-orm';
import { AccountQuietHoursSchema, DEFAULT_ACCOUNT_QUIET_HOURS, type AccountQuietHours } from '@/scenario/quiet-hours';
import type { DbOrTx } from '../client';
import { ACCOUNT_SETTINGS_ID, accountSettings } from '../schema';

export async function getAccountQuietHours(db: DbOrTx): Promise<AccountQuietHours> {
  const [row] = await db.select().from(accountSettings).where(eq(accountSettings.id, ACCOUNT_SETTINGS_ID));
  if (!row) return DEFAULT_ACCOUNT_QUIET_HOURS;
  return AccountQuietHoursSchema.parse({ enabled: row.quietHoursEnabled, start: row.quietHoursStart, end: row.quietHoursEnd });
}

export async function saveAccountQuietHours(db: DbOrTx, q: AccountQuietHours, updatedBy: string): Promise<void> {
  const values = { quietHoursEnabled: q.enabled, quietHoursStart: q.start, quietHoursEnd: q.end, updatedBy, updatedAt: new Date() };
  await db
    .insert(accountSettings)
    .values({ id: ACCOUNT_SETTINGS_ID, ...values })
    .onConflictDoUpdate({ target: accountSettings.id, set: values });
}
