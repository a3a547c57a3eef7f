// Moving waiting friends to another version: the dry run (per node and per friend), and applying it as a resumable batch.
import { WorkflowNotFoundError } from '@temporalio/client';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import {
  findMigration,
  finishMigration,
  insertMigration,
  markSignalled,
  markSignalledSkipped,
  markSkipped,
  migrationProgress,
  pendingItems,
  signalledItems,
  waitingRunsOfVersion,
} from '@/db/queries/run-migrations';
import { scenarioVersions } from '@/db/schema';
import { parsePlan } from '@/scenario/compile';
import { toLocalIso } from '@/scenario/time';
import {
  DUE_POLICIES,
  checkMapping,
  dryRunFingerprint,
  forecastMove,
  isWaitingKind,
  proposeMapping,
  summarizeMoves,
  type FriendMove,
  type Mapping,
  type MappingIssue,
  type MoveGroup,
} from '@/scenario/migrate';
import { migrateSignal } from '@/workflows/contract';
import { recordAudit, type AuditActor } from '../audit/record';
import { AppError } from '../errors';
import type { EngineDeps } from './deps';
import { signalRun } from './run-control';
import { workflowIdOfRun } from './workflow-ids';

export const MigrationRequestSchema = z.object({
  scenarioId: z.string().uuid(),
  fromVersionId: z.string().uuid(),
  toVersionId: z.string().uuid(),
  /** Omitted: Kizuna's proposal (same id and kind). */
  mapping: z.record(z.string(), z.string().nullable()).optional(),
  policy: z.enum(DUE_POLICIES).default('keep_instant'),
});
export type MigrationRequest = z.input<typeof MigrationRequestSchema>;
export const ApplyMigrationSchema = MigrationRequestSchema.extend({ fingerprint: z.string().min(1) });

export interface DryRunFriend extends FriendMove {
  friendId: string;
  displayName: string;
}

export interface DryRun {
  scenarioId: string;
  from: { id: string; version: number };
  to: { id: string; version: number };
  mapping: Mapping;
  policy: (typeof DUE_POLICIES)[number];
  issues: MappingIssue[];
  /** Confirms an apply against exactly this dry run: any run that moved on since changes it. */
  fingerprint: string;
  groups: MoveGroup[];
  friends: DryRunFriend[];
  total: number;
  moving: number;
  /** The instant the forecast was made at (epoch ms). */
  at: number;
  /** The waiting steps of each version, for editing the mapping. */
  steps: { from: WaitingStep[]; to: WaitingStep[] };
  timeZone: string;
}

export interface WaitingStep {
  id: string;
  kind: string;
}

const waitingSteps = (plan: { nodes: Record<string, { id: string; kind: string }> }): WaitingStep[] =>
  Object.values(plan.nodes)
    .filter((n) => isWaitingKind(n.kind))
    .map((n) => ({ id: n.id, kind: n.kind }))
    .sort((a, b) => a.id.localeCompare(b.id));

async function versionsOf(db: EngineDeps['db'], scenarioId: string, ids: string[]) {
  const rows = await db
    .select({ id: scenarioVersions.id, version: scenarioVersions.version, plan: scenarioVersions.plan })
    .from(scenarioVersions)
    .where(and(eq(scenarioVersions.scenarioId, scenarioId), inArray(scenarioVersions.id, ids)));
  return new Map(rows.map((r) => [r.id, { id: r.id, version: r.version, plan: parsePlan(r.plan) }]));
}

/** The dry run of moving the waiting friends of one version to another: computed by the core from each run's stored state. */
export async function dryRunMigration(deps: Pick<EngineDeps, 'db'>, request: MigrationRequest, now = new Date()): Promise<DryRun> {
  const req = MigrationRequestSchema.parse(request);
  if (req.fromVersionId === req.toVersionId) throw new AppError('invalid:migration', 'choose two different versions');
  const versions = await versionsOf(deps.db, req.scenarioId, [req.fromVersionId, req.toVersionId]);
  const from = versions.get(req.fromVersionId);
  const to = versions.get(req.toVersionId);
  if (!from || !to || from.version < 1 || to.version < 1)
    throw new AppError('not_found:version', 'no such published version of this scenario');
  const mapping: Mapping = { ...proposeMapping(from.plan, to.plan), ...(req.mapping ?? {}) };
  const issues = checkMapping(from.plan, to.plan, mapping);
  const stored = await waitingRunsOfVersion(deps.db, from.id, from.plan.hash, now);
  const at = now.getTime();
  const friends: DryRunFriend[] =
    issues.length > 0
      ? []
      : stored.map((r) => ({
          ...forecastMove(from.plan, to.plan, r, mapping, { policy: req.policy, at, toVersionLabel: `v${to.version}` }),
          friendId: r.friendId,
          displayName: r.displayName,
        }));
  const fingerprint = dryRunFingerprint({ fromHash: from.plan.hash, toHash: to.plan.hash, mapping, policy: req.policy, runs: stored });
  return {
    scenarioId: req.scenarioId,
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    mapping,
    policy: req.policy,
    issues,
    fingerprint,
    groups: summarizeMoves(friends),
    friends,
    total: stored.length,
    moving: friends.filter((f) => f.targetNodeId !== null).length,
    at,
    steps: { from: waitingSteps(from.plan), to: waitingSteps(to.plan) },
    timeZone: to.plan.settings.timeZone,
  };
}

export type MigrationProgress = Awaited<ReturnType<typeof migrationProgress>> & { migrationId: string; total: number; done: boolean };

/**
 * Applies a dry run the operator saw: recomputed now and refused if anything changed since (`conflict:stale_dry_run`,
 * with the new figures to show). The batch and its items are stored before any signal, so `continueMigration` can
 * resume it; a friend already moved to this version gets no item (unique per run and version).
 */
export async function applyMigration(
  deps: Pick<EngineDeps, 'db' | 'temporal'>,
  actor: AuditActor,
  request: z.input<typeof ApplyMigrationSchema>,
  now = new Date(),
): Promise<MigrationProgress> {
  const req = ApplyMigrationSchema.parse(request);
  const fresh = await dryRunMigration(deps, req, now);
  if (fresh.issues.length > 0)
    throw new AppError(
      'invalid:mapping',
      fresh.issues.map((i) => i.message).join('; '),
      fresh.issues.map((i) => ({ path: ['mapping', i.sourceNodeId], message: i.message })),
    );
  if (fresh.fingerprint !== req.fingerprint)
    throw new AppError('conflict:stale_dry_run', 'friends moved on since this dry run: review the new dry run before applying');
  const moving = fresh.friends.filter((f): f is DryRunFriend & { targetNodeId: string } => f.targetNodeId !== null);
  const summary = {
    from: fresh.from.version,
    to: fresh.to.version,
    policy: fresh.policy,
    total: fresh.total,
    moving: fresh.moving,
    groups: fresh.groups,
  };
  const { id } = await deps.db.transaction(async (tx) => {
    const created = await insertMigration(
      tx,
      {
        scenarioId: fresh.scenarioId,
        fromVersionId: fresh.from.id,
        toVersionId: fresh.to.id,
        mapping: fresh.mapping,
        policy: fresh.policy,
        fingerprint: fresh.fingerprint,
        summary,
        total: moving.length,
        createdBy: actor.email ?? actor.id ?? 'system',
      },
      moving.map((f) => ({
        runId: f.runId,
        toVersionId: fresh.to.id,
        fromNodeId: f.sourceNodeId,
        toNodeId: f.targetNodeId,
        dueAt: f.dueAt === null ? null : new Date(f.dueAt),
      })),
    );
    await recordAudit(tx, actor, {
      action: 'scenario_runs_migrated',
      object: { type: 'scenario', id: fresh.scenarioId },
      detail: { ...summary, migrationId: created.id, queued: created.queued },
    });
    return created;
  });
  return continueMigration(deps, id);
}

/** Signals the migration's pending runs, page by page; safe to call again after a crash (it picks up what is pending). */
export async function continueMigration(
  deps: Pick<EngineDeps, 'db' | 'temporal'>,
  migrationId: string,
  pageSize = 200,
): Promise<MigrationProgress> {
  const m = await findMigration(deps.db, migrationId);
  if (!m) throw new AppError('not_found:migration', 'no such migration');
  const [to] = await deps.db
    .select({ version: scenarioVersions.version })
    .from(scenarioVersions)
    .where(eq(scenarioVersions.id, m.toVersionId));
  for (;;) {
    const page = await pendingItems(deps.db, migrationId, pageSize);
    if (page.length === 0) break;
    const results = await Promise.all(
      page.map(async (item) => ({
        item,
        delivered: await signalRun(deps, item.runId, migrateSignal, {
          migrationId,
          fromVersionId: m.fromVersionId,
          toVersionId: m.toVersionId,
          toVersionLabel: `v${to?.version ?? '?'}`,
          fromNodeId: item.fromNodeId,
          toNodeId: item.toNodeId,
          policy: m.policy,
        }),
      })),
    );
    await markSignalled(
      deps.db,
      results.filter((r) => r.delivered).map((r) => r.item.id),
    );
    await markSkipped(
      deps.db,
      results.filter((r) => !r.delivered).map((r) => r.item.id),
      'the run had already ended',
    );
  }
  await reconcileSignalled(deps, migrationId, pageSize);
  await finishMigration(deps.db, migrationId);
  return migrationStatus(deps, migrationId);
}

/** Why an item is skipped when its run closed before handling the migrate signal (it ended, or was stopped). */
export const CLOSED_BEFORE_MOVE = 'the run ended before it could move';

/**
 * Items signalled whose run's workflow has closed since without handling the move (it reached its end, or a stop or
 * block came first) are marked skipped, so the batch can finish. A closed workflow has completed every activity it
 * began, so a move it made is already recorded (moved), and only items still signalled are touched.
 */
export async function reconcileSignalled(deps: Pick<EngineDeps, 'db' | 'temporal'>, migrationId: string, pageSize = 200): Promise<number> {
  let closed = 0;
  for (let after = ''; ;) {
    const page = await signalledItems(deps.db, migrationId, pageSize, after);
    if (page.length === 0) return closed;
    after = page.at(-1)?.runId ?? after;
    const open = await Promise.all(page.map((item) => workflowOpen(deps, item.runId)));
    const ended = page.filter((_, i) => !open[i]).map((item) => item.id);
    await markSignalledSkipped(deps.db, ended, CLOSED_BEFORE_MOVE);
    closed += ended.length;
  }
}

/**
 * Whether the run's workflow (its latest execution, after any continue-as-new) is still running, and is still this run:
 * a friend who re-entered the scenario since has a new chain under the same workflow id (another first run id).
 */
async function workflowOpen(deps: Pick<EngineDeps, 'temporal'>, runId: string): Promise<boolean> {
  try {
    const d = await deps.temporal.workflow.getHandle(workflowIdOfRun(runId)).describe();
    const firstRunId = d.raw.workflowExecutionInfo?.firstRunId ?? '';
    const own = runId.slice(workflowIdOfRun(runId).length + 1);
    if (firstRunId && own && !firstRunId.startsWith(own)) return false;
    return d.status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** A migration's progress; with `scenarioId`, only a migration of that scenario is found. */
export async function migrationStatus(deps: Pick<EngineDeps, 'db'>, migrationId: string, scenarioId?: string): Promise<MigrationProgress> {
  const m = await findMigration(deps.db, migrationId);
  if (!m || (scenarioId !== undefined && m.scenarioId !== scenarioId)) throw new AppError('not_found:migration', 'no such migration');
  const counts = await migrationProgress(deps.db, migrationId);
  return { ...counts, migrationId, total: m.total, done: counts.pending === 0 && counts.signalled === 0 };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;
};

/**
 * The dry run per friend as CSV (UTF-8 with BOM for Excel): where each friend goes, when, what next, and warnings; when
 * quiet hours or the frequency cap would hold the next send, `deferred_to` says until when.
 */
export function dryRunCsv(d: DryRun): string {
  const iso = (ms: number | null) => (ms === null ? '' : toLocalIso(ms, d.timeZone));
  const head = [
    'friend_id',
    'display_name',
    'from_node',
    'to_node',
    'due_at',
    'next_node',
    'next_at',
    'next_text',
    'warnings',
    'deferred_to',
  ];
  const rows = d.friends.map((f) => {
    const first = f.next?.messages[0];
    const text = first && 'text' in first && typeof first.text === 'string' ? first.text : (first?.type ?? '');
    const deferred = f.warnings.flatMap((w) => (w.until === undefined ? [] : [w.until]));
    return [
      f.friendId,
      f.displayName,
      f.sourceNodeId,
      f.targetNodeId,
      iso(f.dueAt),
      f.next?.nodeId ?? '',
      iso(f.next?.at ?? null),
      text,
      f.warnings.map((w) => w.code).join(' '),
      iso(deferred.length > 0 ? Math.max(...deferred) : null),
    ];
  });
  return '\uFEFF' + [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
