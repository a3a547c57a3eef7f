// What the first run has offered, once each: the sample welcome scenario (`welcome_scenario`); the row stays after the
// user deletes the sample, so it is never made again.
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { scenarios } from './scenarios';

export const onboardingOffers = pgTable('onboarding_offers', {
  key: text('key').primaryKey(),
  /** The scenario the offer made; null once it is deleted (or when the install already had scenarios). */
  scenarioId: uuid('scenario_id').references(() => scenarios.id, { onDelete: 'set null' }),
  offeredAt: timestamp('offered_at', { withTimezone: true }).notNull().defaultNow(),
});
