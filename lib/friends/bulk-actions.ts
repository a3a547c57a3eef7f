// Bulk actions on "these N friends", the friends list's current filter: tag, untag, start a live scenario. Each acts on
// the filter inside one transaction, refuses when the filter no longer selects the N the operator confirmed, and writes
// one audit row (filter keys only: a typed name or attribute value is personal data). Runs start through the trigger
// outbox (tag_added and scenario_start dispatch rows), never from the request.
import 'server-only';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { startableScenarios } from '@/db/queries/broadcasts';
import { countMatching, enqueueScenarioStarts, tagMatching, untagMatching } from '@/db/queries/friend-bulk';
import { friendSearchWhere } from '@/db/queries/friends';
import type { AuditActor } from '../audit/record';
import { recordAudit } from '../audit/record';
import type { LineClient } from '../line/client';
import { syncRichMenusQuietly } from '../rich-menus/after-actions';
import { AppError, parseOrThrow } from '../errors';
import { TagSchema } from './friend-input';
import { parseFriendsSearchParams, toFriendSearch, type FriendsSearchParams } from './search-params';

const FilterSchema = z.record(z.string(), z.string().max(200)).default({});
const Base = { filter: FilterSchema, expected: z.number().int().min(0) };
const TagInput = z.object({ ...Base, tag: TagSchema, remove: z.boolean().default(false) });
const StartInput = z.object({ ...Base, scenarioId: z.uuid() });

/** What the audit row says of the filter: which filters were set, never what was typed into the search or value box. */
function auditFilter(p: FriendsSearchParams) {
  return { tag: p.tag ?? null, attribute: p.attr ?? null, status: p.status ?? null, search: Boolean(p.q), value: Boolean(p.val) };
}

function whereOf(raw: Record<string, string>) {
  const params = parseFriendsSearchParams(raw);
  const { limit: _l, offset: _o, ...search } = toFriendSearch(params);
  return { params, where: friendSearchWhere(search) };
}

/** The filter must select exactly the friends the operator confirmed. */
async function confirmedCount(tx: DbOrTx, where: ReturnType<typeof friendSearchWhere>, expected: number): Promise<number> {
  const n = await countMatching(tx, where);
  if (n === 0) throw new AppError('invalid:no_friends', 'the filter selects no friend');
  if (n !== expected) throw new AppError('conflict:filter_changed', `the filter now selects ${n} friends, not ${expected}: confirm again`);
  return n;
}

export async function bulkTag(deps: { db: Db; now: () => Date; line: LineClient | null }, actor: AuditActor, input: unknown) {
  const { filter, expected, tag, remove } = parseOrThrow(TagInput, input);
  const { params, where } = whereOf(filter);
  const done = await deps.db.transaction(async (tx) => {
    const friends = await confirmedCount(tx, where, expected);
    const ids = remove ? await untagMatching(tx, where, tag) : await tagMatching(tx, where, tag, deps.now());
    const changed = ids.length;
    await recordAudit(tx, actor, {
      action: remove ? 'friends_bulk_untagged' : 'friends_bulk_tagged',
      detail: { tag, friends, changed, filter: auditFilter(params) },
    });
    return { friends, changed, ids };
  });
  // After the commit: the friends whose tags changed get the menu the rules now pick (lib/rich-menus/sync.ts).
  await syncRichMenusQuietly(deps, done.ids);
  return { friends: done.friends, changed: done.changed };
}

export async function bulkStartScenario(deps: { db: Db; now: () => Date }, actor: AuditActor, input: unknown) {
  const { filter, expected, scenarioId } = parseOrThrow(StartInput, input);
  const { params, where } = whereOf(filter);
  if (!(await startableScenarios(deps.db)).some((s) => s.id === scenarioId)) {
    throw new AppError('conflict:not_live', 'only a live scenario (not a broadcast) can be started for friends');
  }
  return deps.db.transaction(async (tx) => {
    const friends = await confirmedCount(tx, where, expected);
    const queued = await enqueueScenarioStarts(tx, where, scenarioId, deps.now());
    if (queued === 0) throw new AppError('invalid:all_blocked', 'every friend the filter selects has blocked the account');
    await recordAudit(tx, actor, {
      action: 'friends_bulk_scenario_started',
      object: { type: 'scenario', id: scenarioId },
      detail: { friends, queued, filter: auditFilter(params) },
    });
    return { friends, queued };
  });
}
