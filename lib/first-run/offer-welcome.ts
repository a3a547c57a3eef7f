// The first run's sample: a fresh install (no scenario yet) gets the welcome scenario as a draft, once; the offer is
// recorded, so a sample the user deleted is never made again.
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { claimOffer, countScenarios, setOfferScenario } from '@/db/queries/onboarding';
import { createScenario } from '@/db/queries/scenarios';
import { WELCOME_SCENARIO_NAME, welcomeGraph } from './welcome-graph';

/** The new sample's id, or null: offered before, or the install already has scenarios of its own. */
export async function offerWelcomeScenario(db: Db): Promise<string | null> {
  return db.transaction(async (tx) => {
    if (!(await claimOffer(tx, 'welcome_scenario'))) return null;
    if ((await countScenarios(tx)) > 0) return null;
    const { id } = await createScenario(tx, { name: WELCOME_SCENARIO_NAME, graph: welcomeGraph(randomUUID()) });
    await setOfferScenario(tx, 'welcome_scenario', id);
    return id;
  });
}
