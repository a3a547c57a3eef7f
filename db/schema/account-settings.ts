// Account-wide defaults set once on the settings page: the quiet hours (配信停止時間) new scenarios follow. One row;
// without it the product defaults apply (on, 21:00–09:00, see scenario/quiet-hours.ts).
import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The single row's id. */
export const ACCOUNT_SETTINGS_ID = 'account';

export const accountSettings = pgTable('account_settings', {
  id: text('id').primaryKey(),
  quietHoursEnabled: boolean('quiet_hours_enabled').notNull().default(true),
  /** HH:mm, in each scenario's own time zone (Asia/Tokyo unless the scenario says otherwise). */
  quietHoursStart: text('quiet_hours_start').notNull().default('21:00'),
  quietHoursEnd: text('quiet_hours_end').notNull().default('09:00'),
  /** Whether 対応中 (an operator handling the friend in the inbox) holds that friend's automated scenario sends. */
  chatHandlingHoldsSends: boolean('chat_handling_holds_sends').notNull().default(true),
  /** The operator who last changed it. */
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
