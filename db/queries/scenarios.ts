// Named queries over scenarios, each taking the database (or a transaction) first.
import { and, asc, desc, eq, gte, ilike, isNotNull, isNull, sql } from 'drizzle-orm';
import { DraftGraphSchema } from '@/scenario/draft';
import { emptyGraph } from '@/scenario/empty';
import { AttributeDefinitionSchema, type AttributeDefinition, type ScenarioGraph } from '@/scenario/schema';
import type { DbOrTx } from '../client';
import { attributeDefinitions, friends, outbox, runs, scenarioVersions, scenarios } from '../schema';
import { isBroadcast } from './broadcasts';
import { notErased } from './erase-friend';

export interface ScenarioListRow {
  id: string;
  name: string;
  status: 'draft' | 'live' | 'paused' | 'stopped';
  liveVersion: number | null;
  activeRuns: number;
  sendsToday: number;
  updatedAt: Date;
  archivedAt: Date | null;
  /** A 一斉配信 (its draft or live graph starts with a segment broadcast): the list marks it and links its own screen. */
  isBroadcast: boolean;
}

/** Which scenarios the list shows: by default every one not archived; `archived` shows only those. */
export interface ScenarioListFilter {
  /** Part of the name, any case. */
  q?: string;
  status?: ScenarioListRow['status'] | 'archived';
}

const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

export async function listScenarios(db: DbOrTx, opts: { sendsSince: Date } & ScenarioListFilter): Promise<ScenarioListRow[]> {
  const active = db
    .select({ scenarioId: runs.scenarioId, n: sql<number>`count(*)::int`.as('active_n') })
    .from(runs)
    .where(and(eq(runs.status, 'active'), eq(runs.isTest, false)))
    .groupBy(runs.scenarioId)
    .as('active');
  const sends = db
    .select({ scenarioId: outbox.scenarioId, n: sql<number>`count(*)::int`.as('sends_n') })
    .from(outbox)
    .where(and(eq(outbox.status, 'sent'), eq(outbox.isTest, false), gte(outbox.sentAt, opts.sendsSince)))
    .groupBy(outbox.scenarioId)
    .as('sends');
  return db
    .select({
      id: scenarios.id,
      name: scenarios.name,
      status: scenarios.status,
      liveVersion: scenarioVersions.version,
      activeRuns: sql<number>`coalesce(${active.n}, 0)`,
      sendsToday: sql<number>`coalesce(${sends.n}, 0)`,
      updatedAt: scenarios.updatedAt,
      archivedAt: scenarios.archivedAt,
      isBroadcast: sql<boolean>`(${isBroadcast(scenarios.draft)} OR coalesce(${isBroadcast(scenarioVersions.graph)}, false))`,
    })
    .from(scenarios)
    .leftJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.liveVersionId))
    .leftJoin(active, eq(active.scenarioId, scenarios.id))
    .leftJoin(sends, eq(sends.scenarioId, scenarios.id))
    .where(
      and(
        opts.status === 'archived' ? isNotNull(scenarios.archivedAt) : isNull(scenarios.archivedAt),
        opts.status && opts.status !== 'archived' ? eq(scenarios.status, opts.status) : undefined,
        opts.q ? ilike(scenarios.name, likePattern(opts.q)) : undefined,
      ),
    )
    .orderBy(desc(scenarios.updatedAt));
}

// ── the editor: one scenario, its draft with optimistic concurrency, and what the preview needs ──

export interface ScenarioDetail {
  id: string;
  name: string;
  status: 'draft' | 'live' | 'paused' | 'stopped';
  draft: ScenarioGraph;
  draftRevision: number;
  live: { id: string; version: number; graph: ScenarioGraph | null; publishedAt: Date; publishedBy: string } | null;
  updatedAt: Date;
  /** Archived scenarios open read-only (unarchive to edit or publish them). */
  archivedAt: Date | null;
}

export async function getScenario(db: DbOrTx, id: string): Promise<ScenarioDetail | null> {
  const [row] = await db
    .select({
      id: scenarios.id,
      name: scenarios.name,
      status: scenarios.status,
      draft: scenarios.draft,
      draftRevision: scenarios.draftRevision,
      updatedAt: scenarios.updatedAt,
      archivedAt: scenarios.archivedAt,
      liveId: scenarioVersions.id,
      liveVersion: scenarioVersions.version,
      liveGraph: scenarioVersions.graph,
      livePublishedAt: scenarioVersions.publishedAt,
      livePublishedBy: scenarioVersions.publishedBy,
    })
    .from(scenarios)
    .leftJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.liveVersionId))
    .where(eq(scenarios.id, id));
  if (!row) return null;
  const draft = DraftGraphSchema.safeParse(row.draft);
  const liveGraph = DraftGraphSchema.safeParse(row.liveGraph);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    // A draft that is not a graph at all (hand-inserted rows) opens as a fresh one rather than not at all.
    draft: draft.success ? draft.data : emptyGraph(row.id),
    draftRevision: row.draftRevision,
    live:
      row.liveId !== null && row.liveVersion !== null && row.livePublishedAt !== null && row.livePublishedBy !== null
        ? {
            id: row.liveId,
            version: row.liveVersion,
            graph: liveGraph.success ? liveGraph.data : null,
            publishedAt: row.livePublishedAt,
            publishedBy: row.livePublishedBy,
          }
        : null,
    updatedAt: row.updatedAt,
    archivedAt: row.archivedAt,
  };
}

export async function createScenario(
  db: DbOrTx,
  input: { name: string; graph: ScenarioGraph },
): Promise<{ id: string; draftRevision: number }> {
  const [row] = await db
    .insert(scenarios)
    .values({ name: input.name, draft: DraftGraphSchema.parse(input.graph) })
    .returning({ id: scenarios.id, draftRevision: scenarios.draftRevision });
  if (!row) throw new Error('inserting a scenario returned nothing');
  return row;
}

export type SaveDraftResult =
  | { ok: true; revision: number }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'archived' }
  | { ok: false; reason: 'conflict'; currentRevision: number };

/**
 * Saves a draft only if nobody saved since `expectedRevision` (optimistic concurrency); each save bumps the revision.
 * An archived scenario's draft is not changed.
 */
export async function saveDraft(
  db: DbOrTx,
  input: { id: string; graph: ScenarioGraph; expectedRevision: number; name?: string },
): Promise<SaveDraftResult> {
  const [row] = await db
    .update(scenarios)
    .set({
      draft: DraftGraphSchema.parse(input.graph),
      draftRevision: sql`${scenarios.draftRevision} + 1`,
      updatedAt: new Date(),
      ...(input.name === undefined ? {} : { name: input.name }),
    })
    .where(and(eq(scenarios.id, input.id), eq(scenarios.draftRevision, input.expectedRevision), isNull(scenarios.archivedAt)))
    .returning({ revision: scenarios.draftRevision });
  if (row) return { ok: true, revision: row.revision };
  const [current] = await db
    .select({ revision: scenarios.draftRevision, archivedAt: scenarios.archivedAt })
    .from(scenarios)
    .where(eq(scenarios.id, input.id));
  if (!current) return { ok: false, reason: 'not_found' };
  if (current.archivedAt) return { ok: false, reason: 'archived' };
  return { ok: false, reason: 'conflict', currentRevision: current.revision };
}

/** Friend-field definitions, for placeholders, conditions and validate()'s attribute checks in the editor. */
export async function editorAttributeDefinitions(db: DbOrTx): Promise<AttributeDefinition[]> {
  const rows = await db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.key));
  return rows.map((r) =>
    AttributeDefinitionSchema.parse({ key: r.key, label: r.label, type: r.type, ...(r.options ? { options: r.options } : {}) }),
  );
}

/** Real friends the preview may be run for, newest first, optionally matching a name. */
export async function previewFriendChoices(db: DbOrTx, opts: { search?: string; limit?: number } = {}) {
  const q = opts.search?.trim();
  return db
    .select({ id: friends.id, displayName: friends.displayName, isTest: friends.isTest, friendAddedAt: friends.friendAddedAt })
    .from(friends)
    .where(and(notErased(), q ? ilike(friends.displayName, likePattern(q)) : undefined))
    .orderBy(desc(friends.isTest), desc(friends.friendAddedAt))
    .limit(opts.limit ?? 50);
}

// ── publishing and run control ──

export type ScenarioRow = typeof scenarios.$inferSelect;

export async function findScenario(db: DbOrTx, id: string): Promise<ScenarioRow | null> {
  const [row] = await db.select().from(scenarios).where(eq(scenarios.id, id));
  return row ?? null;
}

/** Holds the scenario's row until the transaction ends: publishes of one scenario run one at a time. */
export async function lockScenario(tx: DbOrTx, id: string): Promise<void> {
  await tx.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.id, id)).for('update');
}

/** Points the scenario at its newly published version. */
export async function setLiveVersion(db: DbOrTx, id: string, change: { versionId: string; status: 'live' | 'paused' }): Promise<void> {
  await db
    .update(scenarios)
    .set({ liveVersionId: change.versionId, status: change.status, updatedAt: new Date() })
    .where(eq(scenarios.id, id));
}

export async function setScenarioStatus(db: DbOrTx, id: string, status: 'live' | 'paused' | 'stopped'): Promise<void> {
  await db.update(scenarios).set({ status, updatedAt: new Date() }).where(eq(scenarios.id, id));
}
