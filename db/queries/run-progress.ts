// A run's bookkeeping as one SQL statement: the run row's position and its steps (entered, left), so a progress
// write costs one round trip and each kind of step write fires the analytics rollup triggers once.
import { sql, type SQL } from 'drizzle-orm';
import { executePrepared, type DbOrTx } from '../client';
import type { RunPosition } from '../../scenario/position';
import type { RunKey } from './runs';

export type StepRecord =
  | { kind: 'node_entered'; nodeId: string; at: number; visit: number }
  | { kind: 'node_left'; nodeId: string; at: number; output: string; reason: string };

export interface RunProgress {
  steps: StepRecord[];
  /** Where the run is now; omitted when only steps are written. */
  /** The run row's position (the core's one position type). */
  position?: RunPosition;
  /** The run's first write: the run row is created (started at this instant) if it does not exist yet. */
  begin?: { startedAt: number };
}

const iso = (ms: number) => new Date(ms).toISOString();
const reasonText = (r: string) => r.slice(0, 500);

interface StepRow {
  nodeId: string;
  visit: number;
  enteredAt: number;
  left?: { at: number; output: string; reason: string };
}

/**
 * Sorts a batch: steps entered in it (complete when also left in it) and steps entered by an earlier batch that it
 * closes. A loop may close a node's earlier visit and enter it again within one batch.
 */
export function splitSteps(records: StepRecord[]): { rows: StepRow[]; leftEarlier: Extract<StepRecord, { kind: 'node_left' }>[] } {
  const rows: StepRow[] = [];
  const open = new Map<string, StepRow>();
  const leftEarlier: Extract<StepRecord, { kind: 'node_left' }>[] = [];
  for (const r of records) {
    if (r.kind === 'node_entered') {
      const row: StepRow = { nodeId: r.nodeId, visit: r.visit, enteredAt: r.at };
      rows.push(row);
      open.set(r.nodeId, row);
      continue;
    }
    const row = open.get(r.nodeId);
    if (row) {
      row.left = { at: r.at, output: r.output, reason: r.reason };
      open.delete(r.nodeId);
    } else leftEarlier.push(r);
  }
  return { rows, leftEarlier };
}

function positionColumns(p: RunPosition) {
  const ended = p.done !== null;
  return {
    status: ended ? (p.done?.reason === 'stopped' ? 'stopped' : 'done') : 'active',
    nodeId: p.nodeId,
    waiting: p.waiting === null ? null : JSON.stringify(p.waiting),
    until: p.waiting && 'until' in p.waiting ? iso(p.waiting.until) : null,
    endReason: p.done ? (p.done.detail ? `${p.done.reason}: ${p.done.detail}` : p.done.reason).slice(0, 500) : null,
    endedAt: p.done ? iso(p.done.at) : null,
  };
}

/**
 * The CTEs of one progress write. Every part is idempotent, so a retried activity writes nothing twice: the run row is
 * inserted once, a step is unique per (run, node, visit) and completed only while it is open, and a step written open
 * by an earlier attempt is completed when the batch is written again whole.
 */
export function progressCtes(key: RunKey, p: RunProgress): SQL[] {
  const ctes: SQL[] = [];
  if (p.position) {
    const c = positionColumns(p.position);
    if (p.begin) {
      ctes.push(sql`run_row AS (
        INSERT INTO runs (id, scenario_id, version_id, friend_id, is_test, started_at, status, current_node_id, waiting_for, waiting_until, end_reason, ended_at)
        VALUES (${key.runId}, ${key.scenarioId}::uuid, ${key.versionId}::uuid, ${key.friendId}::uuid, ${key.isTest}::boolean, ${iso(p.begin.startedAt)}::timestamptz,
          ${c.status}, ${c.nodeId}, ${c.waiting}::jsonb, ${c.until}::timestamptz, ${c.endReason}, ${c.endedAt}::timestamptz)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, current_node_id = excluded.current_node_id, waiting_for = excluded.waiting_for,
          waiting_until = excluded.waiting_until, end_reason = excluded.end_reason, ended_at = excluded.ended_at)`);
    } else {
      ctes.push(sql`run_row AS (
        UPDATE runs SET status = ${c.status}, current_node_id = ${c.nodeId}, waiting_for = ${c.waiting}::jsonb, waiting_until = ${c.until}::timestamptz,
          end_reason = ${c.endReason}, ended_at = ${c.endedAt}::timestamptz
        WHERE id = ${key.runId})`);
    }
  }
  const { rows, leftEarlier } = splitSteps(p.steps);
  if (leftEarlier.length > 0) {
    const values = sql.join(
      leftEarlier.map((r) => sql`(${r.nodeId}, ${iso(r.at)}::timestamptz, ${r.output}, ${reasonText(r.reason)})`),
      sql`, `,
    );
    ctes.push(sql`steps_left AS (
      UPDATE run_steps s SET left_at = v.left_at, output = v.output, reason = v.reason
      FROM (VALUES ${values}) AS v(node_id, left_at, output, reason)
      WHERE s.run_id = ${key.runId} AND s.node_id = v.node_id AND s.left_at IS NULL)`);
  }
  if (rows.length > 0) {
    const values = sql.join(
      rows.map(
        (r) =>
          sql`(${key.runId}, ${key.scenarioId}::uuid, ${key.versionId}::uuid, ${key.friendId}::uuid, ${r.nodeId}, ${r.visit}::int,
            ${iso(r.enteredAt)}::timestamptz, ${r.left ? iso(r.left.at) : null}::timestamptz, ${r.left?.output ?? null}, ${r.left ? reasonText(r.left.reason) : null}, ${key.isTest}::boolean)`,
      ),
      sql`, `,
    );
    ctes.push(sql`steps_new AS (
      INSERT INTO run_steps (run_id, scenario_id, version_id, friend_id, node_id, visit, entered_at, left_at, output, reason, is_test)
      VALUES ${values}
      ON CONFLICT ON CONSTRAINT run_steps_run_node_visit_uq DO UPDATE SET left_at = excluded.left_at, output = excluded.output, reason = excluded.reason
      WHERE run_steps.left_at IS NULL AND excluded.left_at IS NOT NULL)`);
  }
  return ctes;
}

/** Runs the given CTEs as one statement (nothing when there are none). */
export async function executeCtes(db: DbOrTx, ctes: SQL[]): Promise<void> {
  if (ctes.length === 0) return;
  await executePrepared(db, sql`WITH ${sql.join(ctes, sql`, `)} SELECT 1`);
}

/** Writes a progress batch in one statement. */
export function writeRunProgress(db: DbOrTx, key: RunKey, p: RunProgress): Promise<void> {
  return executeCtes(db, progressCtes(key, p));
}
