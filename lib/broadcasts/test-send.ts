// テスト送信: the saved draft's message, for real, to every test friend at once, as a test run of a test version (the
// same engine path as the editor's テスト配信; test traffic never counts in figures).
import 'server-only';
import { getAccountQuietHours } from '@/db/queries/account-settings';
import { reachableTestFriends } from '@/db/queries/audience';
import { findBroadcast } from '@/db/queries/broadcasts';
import { insertVersion } from '@/db/queries/scenario-versions';
import { editorAttributeDefinitions } from '@/db/queries/scenarios';
import { readBroadcast, testSendGraph } from '@/scenario/broadcast-draft';
import { compileOrIssues } from '@/scenario/compile';
import { ScenarioGraphSchema } from '@/scenario/schema';
import type { EngineDeps } from '../engine/deps';
import { startFriendRun } from '../engine/start-run';
import { AppError } from '../errors';

export async function testSendBroadcast(
  deps: EngineDeps,
  args: { id: string; now: number; publishedBy: string },
): Promise<{ friends: { id: string; displayName: string; runId: string }[] }> {
  const row = await findBroadcast(deps.db, args.id);
  const draft = row ? ScenarioGraphSchema.safeParse(row.draft) : null;
  if (!row || !draft?.success || !readBroadcast(draft.data)) throw new AppError('not_found:broadcast', 'no such broadcast draft');
  const friends = await reachableTestFriends(deps.db);
  if (friends.length === 0) throw new AppError('conflict:no_test_friends', 'mark a friend as a test friend first');
  const graph = testSendGraph(draft.data);
  const [attributes, accountQuietHours] = await Promise.all([editorAttributeDefinitions(deps.db), getAccountQuietHours(deps.db)]);
  const compiled = compileOrIssues(graph, { attributes, accountQuietHours });
  if (!compiled.ok) throw new AppError('invalid:graph', `the broadcast has ${compiled.issues.length} problem(s) to fix`, compiled.issues);
  const v = await insertVersion(deps.db, { scenarioId: args.id, graph, plan: compiled.plan, publishedBy: args.publishedBy, isTest: true });
  const out: { id: string; displayName: string; runId: string }[] = [];
  for (const f of friends) {
    const r = await startFriendRun(deps, {
      scenarioId: args.id,
      versionId: v.id,
      plan: compiled.plan,
      friendId: f.id,
      entryKey: 'test',
      test: { compress: 1, at: args.now },
    });
    if (r.started) out.push({ ...f, runId: r.workflowId });
  }
  return { friends: out };
}
