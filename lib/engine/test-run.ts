// Test runs: the current draft run for a test friend for real, with waits compressed and flagged as test traffic.
import 'server-only';
import { findFriendById } from '@/db/queries/friends';
import { insertVersion } from '@/db/queries/scenario-versions';
import { AppError } from '../errors';
import { listCoupons } from '../coupons/coupons';
import { compileDraft } from './compile-draft';
import type { EngineDeps } from './deps';
import { startFriendRun } from './start-run';

export async function startTestRun(
  deps: EngineDeps,
  args: { scenarioId: string; friendId: string; compress: number; publishedBy?: string },
) {
  const friend = await findFriendById(deps.db, args.friendId);
  if (!friend) throw new AppError('not_found:friend', 'no such friend');
  if (!friend.isTest)
    throw new AppError('forbidden:not_test_friend', 'テスト配信 may only target test friends; mark this friend as a test friend first');
  const line = deps.line;
  const { row, plan } = await compileDraft(deps.db, args.scenarioId, line ? () => listCoupons(line) : undefined);
  const v = await insertVersion(deps.db, {
    scenarioId: row.id,
    graph: row.draft,
    plan,
    publishedBy: args.publishedBy ?? 'test',
    isTest: true,
  });
  const r = await startFriendRun(deps, {
    scenarioId: row.id,
    versionId: v.id,
    plan,
    friendId: args.friendId,
    entryKey: 'test',
    test: { compress: args.compress, at: Date.now() },
  });
  if (!r.started) throw new AppError('conflict:test_run', 'a test run for this friend is already going');
  return { runId: r.workflowId };
}
