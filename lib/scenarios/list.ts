// The scenario list as the page shows it: the rows the filter picks, each marked when its draft differs from live.
import 'server-only';
import type { DbOrTx } from '@/db/client';
import { draftAndLiveGraphs } from '@/db/queries/scenario-admin';
import { listScenarios, type ScenarioListFilter, type ScenarioListRow } from '@/db/queries/scenarios';
import { draftDiffersFromLive } from '@/scenario/content-hash';

export type ScenarioListItem = ScenarioListRow & {
  /** 「未公開の変更あり」: the draft's content hash is not the live version's (positions do not count). */
  draftDiffers: boolean;
};

export async function loadScenarioList(db: DbOrTx, opts: { sendsSince: Date } & ScenarioListFilter): Promise<ScenarioListItem[]> {
  const rows = await listScenarios(db, opts);
  // Only published scenarios have a live version to differ from; their graphs are read in one query.
  const graphs = await draftAndLiveGraphs(
    db,
    rows.filter((r) => r.liveVersion !== null).map((r) => r.id),
  );
  return rows.map((r) => {
    const g = graphs.get(r.id);
    return { ...r, draftDiffers: g?.draft && g.live ? draftDiffersFromLive(g.draft, g.live) : false };
  });
}
