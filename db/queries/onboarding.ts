// Named queries for the first run: claim an offer once, remember its scenario, and what the first-run checklist ticks.
import { eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { attributeDefinitions, onboardingOffers, scenarios, scenarioVersions, webhookEvents } from '../schema';

export type OfferKey = 'welcome_scenario';

/** True for the one caller that records the offer first; every later call (and every later start-up) gets false. */
export async function claimOffer(db: DbOrTx, key: OfferKey): Promise<boolean> {
  const rows = await db.insert(onboardingOffers).values({ key }).onConflictDoNothing().returning({ key: onboardingOffers.key });
  return rows.length > 0;
}

export async function setOfferScenario(db: DbOrTx, key: OfferKey, scenarioId: string): Promise<void> {
  await db.update(onboardingOffers).set({ scenarioId }).where(eq(onboardingOffers.key, key));
}

export async function countScenarios(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(scenarios);
  return row?.n ?? 0;
}

export interface FirstRunFacts {
  /** LINE reached the webhook at least once (an event was accepted: a friend added, a message sent). */
  channelConnected: boolean;
  attributesDefined: boolean;
  /** Some scenario has a published version. */
  published: boolean;
  /** The sample welcome scenario, while it exists. */
  welcome: { id: string; published: boolean } | null;
}

export async function firstRunFacts(db: DbOrTx): Promise<FirstRunFacts> {
  const exists = (q: { limit: (n: number) => Promise<unknown[]> }) => q.limit(1).then((r) => r.length > 0);
  const [channelConnected, attributesDefined, published, welcome] = await Promise.all([
    exists(
      db
        .select({ x: sql`1` })
        .from(webhookEvents)
        .where(isNull(webhookEvents.error)),
    ),
    exists(db.select({ x: sql`1` }).from(attributeDefinitions)),
    exists(db.select({ x: sql`1` }).from(scenarioVersions)),
    db
      .select({ id: scenarios.id, live: scenarios.liveVersionId })
      .from(onboardingOffers)
      .innerJoin(scenarios, eq(scenarios.id, onboardingOffers.scenarioId))
      .where(eq(onboardingOffers.key, 'welcome_scenario'))
      .limit(1),
  ]);
  const w = welcome[0];
  return { channelConnected, attributesDefined, published, welcome: w ? { id: w.id, published: w.live !== null } : null };
}
