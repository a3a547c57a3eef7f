// Publishing and run control: validate + compile on the server, store an immutable version, pause/resume/stop.
import { eq } from 'drizzle-orm';
import { attributeDefinitions, scenarios } from '@/db/schema';
import { activeRunsOfScenario } from '@/db/queries/runs';
import { insertVersion } from '@/db/queries/scenario-versions';
import { broadcastInstant } from '@/scenario/broadcast';
import { compileOrIssues, type CompiledPlan } from '@/scenario/compile';
import type { SegmentBroadcastInput } from '@/workflows/segment-broadcast';
import { AttributeDefinitionSchema, type AttributeDefinition } from '@/scenario/friend';
import type { DbOrTx } from '@/db/client';
import { AppError } from '../errors';
import type { EngineDeps } from './deps';
import { SEGMENT_BROADCAST_WORKFLOW, startFriendRun } from './start-run';
import { signalRun } from './triggers';

export async function attributeContext(db: DbOrTx): Promise<AttributeDefinition[]> {
  const rows = await db.select().from(attributeDefinitions);
  return rows.map((r) => AttributeDefinitionSchema.parse({ key: r.key, label: r.label, type: r.type, ...(r.options ? { options: r.options } : {}) }));
}

async function compileDraft(db: DbOrTx, scenarioId: string) {
  const [row] = await db.select().from(scenarios).where(eq(scenarios.id, scenarioId));
  if (!row) throw new AppError('not_found:scenario', `scenario ${scenarioId} does not exist`);
  const result = compileOrIssues(row.draft, { attributes: await attributeContext(db) });
  if (!result.ok) {
    throw new AppError('invalid:graph', `the scenario has ${result.issues.length} problem(s) to fix before it can run`, result.issues);
  }
  return { row, plan: result.plan };
}

export async function publishScenario(deps: EngineDeps, args: { scenarioId: string; publishedBy: string }) {
  const published = await deps.db.transaction(async (tx) => {
    const { row, plan } = await compileDraft(tx, args.scenarioId);
    // Serialise publishes of one scenario (version numbers are per scenario).
    await tx.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.id, args.scenarioId)).for('update');
    const v = await insertVersion(tx, { scenarioId: row.id, graph: row.draft, plan, publishedBy: args.publishedBy });
    await tx
      .update(scenarios)
      .set({ liveVersionId: v.id, status: row.status === 'paused' ? 'paused' : 'live', updatedAt: new Date() })
      .where(eq(scenarios.id, row.id));
    return { versionId: v.id, version: v.version, hash: plan.hash, plan };
  });
  const { plan, ...result } = published;
  await scheduleBroadcast(deps, { scenarioId: args.scenarioId, versionId: result.versionId, plan });
  return result;
}

/** A segment-broadcast version gets one parent workflow that enters its audience at the send time. */
export async function scheduleBroadcast(deps: EngineDeps, args: { scenarioId: string; versionId: string; plan: CompiledPlan }) {
  const at = broadcastInstant(args.plan);
  if (at === null) return null;
  const input: SegmentBroadcastInput = { scenarioId: args.scenarioId, versionId: args.versionId, at, taskQueue: deps.taskQueue, sendTaskQueue: deps.sendTaskQueue };
  const client = await deps.temporal();
  const workflowId = `broadcast-${args.versionId}`;
  await client.workflow.start(SEGMENT_BROADCAST_WORKFLOW, { taskQueue: deps.taskQueue, workflowId, args: [input] });
  return workflowId;
}

async function setStatus(deps: EngineDeps, scenarioId: string, from: readonly string[], to: 'live' | 'paused' | 'stopped') {
  const [row] = await deps.db.select().from(scenarios).where(eq(scenarios.id, scenarioId));
  if (!row) throw new AppError('not_found:scenario', `scenario ${scenarioId} does not exist`);
  if (!row.liveVersionId) throw new AppError('conflict:not_published', 'publish the scenario first');
  if (!from.includes(row.status)) throw new AppError('conflict:status', `a ${row.status} scenario cannot become ${to}`);
  await deps.db.update(scenarios).set({ status: to, updatedAt: new Date() }).where(eq(scenarios.id, scenarioId));
}

/** New entries stop; friends already inside carry on. */
export async function pauseScenario(deps: EngineDeps, scenarioId: string): Promise<void> {
  await setStatus(deps, scenarioId, ['live'], 'paused');
}

export async function resumeScenario(deps: EngineDeps, scenarioId: string): Promise<void> {
  await setStatus(deps, scenarioId, ['paused', 'stopped'], 'live');
}

/** No new entries, and every running friend is stopped (signalled in batches). */
export async function stopScenario(deps: EngineDeps, scenarioId: string, onProgress?: (done: number, total: number) => void) {
  await setStatus(deps, scenarioId, ['live', 'paused'], 'stopped');
  const active = await activeRunsOfScenario(deps.db, scenarioId);
  let stopped = 0;
  for (let i = 0; i < active.length; i += 100) {
    const batch = active.slice(i, i + 100);
    const ok = await Promise.all(batch.map((r) => signalRun(deps, r.id, 'stop', { reason: 'scenario_stopped' })));
    stopped += ok.filter(Boolean).length;
    onProgress?.(Math.min(i + 100, active.length), active.length);
  }
  return { stopped, total: active.length };
}

/** Runs the current draft for a test friend for real, with waits compressed; flagged as test traffic. */
export async function startTestRun(deps: EngineDeps, args: { scenarioId: string; friendId: string; compress: number; publishedBy?: string }) {
  const { row, plan } = await compileDraft(deps.db, args.scenarioId);
  const v = await insertVersion(deps.db, { scenarioId: row.id, graph: row.draft, plan, publishedBy: args.publishedBy ?? 'test', isTest: true });
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
