// The shared send schedule: one row per send queue holding its next free push slot (booked by db/queries/send-pacer.ts).
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const sendPacer = pgTable('send_pacer', {
  /** The send task queue whose workers share the schedule (one LINE channel's pushes). */
  key: text('key').primaryKey(),
  /** The first slot no worker has booked yet; in the past when the queue is idle. */
  nextSlotAt: timestamp('next_slot_at', { withTimezone: true }).notNull(),
});
