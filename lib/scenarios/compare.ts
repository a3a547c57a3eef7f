// What the version compare page needs: the scenario, its published versions, and the two picked (older on the left).
import 'server-only';
import type { DbOrTx } from '@/db/client';
import { findVersion, type StoredVersion } from '@/db/queries/scenario-admin';
import { listVersions } from '@/db/queries/scenario-versions';
import { getScenario, type ScenarioDetail } from '@/db/queries/scenarios';
import { draftDiffersFromLive, graphContentHash } from '@/scenario/content-hash';

export type ComparedVersion = StoredVersion & {
  /** The draft holds exactly this version's content (restoring it would change nothing). */
  isDraft: boolean;
};

export interface VersionCompareView {
  scenario: Pick<ScenarioDetail, 'id' | 'name' | 'status' | 'draftRevision' | 'archivedAt'> & { liveVersion: number | null };
  /** The draft differs from the live version (restoring over it loses those changes). */
  draftDiffers: boolean;
  versions: Awaited<ReturnType<typeof listVersions>>;
  /** Both picked versions, older first; null when fewer than two were published. */
  pair: [ComparedVersion, ComparedVersion] | null;
  /** The one version when only one was published (it can still be restored as the draft). */
  single: ComparedVersion | null;
}

/**
 * `a` and `b` as asked for (version numbers); missing or unknown ones fall back to the live version and the one before
 * it (or the two newest), so the page always opens on a comparison.
 */
export async function loadVersionCompare(
  db: DbOrTx,
  scenarioId: string,
  pick: { a?: number; b?: number },
): Promise<VersionCompareView | null> {
  const scenario = await getScenario(db, scenarioId);
  if (!scenario) return null;
  const versions = await listVersions(db, scenarioId);
  const numbers = versions.map((v) => v.version);
  const live = scenario.live?.version ?? numbers[0] ?? null;
  const fallbackA = numbers.find((n) => live !== null && n < live) ?? numbers.find((n) => n !== live) ?? null;
  const a = pick.a !== undefined && numbers.includes(pick.a) ? pick.a : fallbackA;
  let b = pick.b !== undefined && numbers.includes(pick.b) ? pick.b : live;
  if (b === a) b = numbers.find((n) => n !== a) ?? null;
  const draftHash = graphContentHash(scenario.draft);
  const load = async (n: number | null): Promise<ComparedVersion | null> => {
    const v = n === null ? null : await findVersion(db, scenarioId, n);
    return v ? { ...v, isDraft: v.graph !== null && graphContentHash(v.graph) === draftHash } : null;
  };
  const [va, vb] = await Promise.all([load(a), load(b)]);
  return {
    scenario: {
      id: scenario.id,
      name: scenario.name,
      status: scenario.status,
      draftRevision: scenario.draftRevision,
      archivedAt: scenario.archivedAt,
      liveVersion: scenario.live?.version ?? null,
    },
    draftDiffers: draftDiffersFromLive(scenario.draft, scenario.live?.graph ?? null),
    versions,
    pair: va && vb ? (va.version < vb.version ? [va, vb] : [vb, va]) : null,
    single: va && vb ? null : (va ?? vb),
  };
}
