// The sends quiet hours hold for one friend, named by their steps, for the sandbox phone's note (no ids, no message text).
import 'server-only';
import type { DbOrTx } from '@/db/client';
import { findFriendByLineUserId } from '@/db/queries/friends';
import { listHeldRuns } from '@/db/queries/held-runs';
import { versionGraphs } from '@/db/queries/scenario-versions';
import { editorAttributeDefinitions } from '@/db/queries/scenarios';
import { stepKey, stepNames } from '@/lib/friends/step-names';
import type { Lang } from '@/lib/i18n/dictionary';

export interface HeldSend {
  scenarioName: string;
  step: string;
  /** When quiet hours end and the message goes out (epoch ms). */
  until: number;
}

export async function heldSendsOf(db: DbOrTx, lineUserId: string, lang: Lang): Promise<HeldSend[]> {
  const friend = await findFriendByLineUserId(db, lineUserId);
  if (!friend) return [];
  const held = await listHeldRuns(db, friend.id);
  if (held.length === 0) return [];
  const [graphs, attributes] = await Promise.all([
    versionGraphs(
      db,
      held.map((h) => h.versionId),
    ),
    editorAttributeDefinitions(db),
  ]);
  const names = stepNames(graphs, lang, attributes);
  return held.flatMap((h) =>
    h.until && h.nodeId
      ? [{ scenarioName: h.scenarioName ?? '', step: names[stepKey(h.versionId, h.nodeId)] ?? '', until: h.until.getTime() }]
      : [],
  );
}
