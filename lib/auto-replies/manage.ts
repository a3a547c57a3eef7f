// Saving, switching and deleting keyword auto-reply rules for operators, each change audited; and what the page shows.
import 'server-only';
import { asc, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import {
  deleteKeywordRule,
  getKeywordRule,
  insertKeywordRule,
  keywordRuleHitCounts,
  listKeywordRules,
  setKeywordRuleActive,
  updateKeywordRule,
} from '@/db/queries/keyword-rules';
import { listMessageTemplates } from '@/db/queries/message-templates';
import { scenarios } from '@/db/schema';
import { KeywordRuleInputSchema, type KeywordRule } from '@/scenario/keyword-rules';
import type { AuditActor } from '../audit/record';
import { recordAudit } from '../audit/record';
import { AppError, parseOrThrow } from '../errors';

export interface AutoReplyPageData {
  rules: (KeywordRule & { hits: { total: number; recent: number } })[];
  templates: { id: string; name: string }[];
  scenarios: { id: string; name: string }[];
  attributes: { key: string; label: string; type: string }[];
}

export async function loadAutoReplyPage(db: Db, now: Date): Promise<AutoReplyPageData> {
  const [rules, hits, templates, scenarioRows, attributes] = await Promise.all([
    listKeywordRules(db),
    keywordRuleHitCounts(db, new Date(now.getTime() - 7 * 86_400_000)),
    listMessageTemplates(db),
    db.select({ id: scenarios.id, name: scenarios.name }).from(scenarios).where(isNull(scenarios.archivedAt)).orderBy(asc(scenarios.name)),
    listAttributeDefinitions(db),
  ]);
  return {
    // Dates stay on the server: the client gets plain rule data.
    rules: rules.map(({ updatedAt: _u, updatedBy: _b, ...r }) => ({ ...r, hits: hits.get(r.id) ?? { total: 0, recent: 0 } })),
    templates: templates.map((t) => ({ id: t.id, name: t.name })),
    scenarios: scenarioRows,
    attributes: attributes.map((a) => ({ key: a.key, label: a.label, type: a.type })),
  };
}

/** Creates (no id) or replaces a rule; an invalid pattern or a rule without action is refused with its path. */
export async function saveAutoReply(db: Db, actor: AuditActor, input: { id?: string | null; rule: unknown }): Promise<{ id: string }> {
  const rule = parseOrThrow(KeywordRuleInputSchema, input.rule, 'rule');
  const by = actor.email ?? 'unknown';
  return db.transaction(async (tx) => {
    let id: string;
    if (input.id) {
      if (!(await updateKeywordRule(tx, input.id, rule, by))) throw new AppError('not_found:auto_reply', 'no such rule');
      id = input.id;
    } else id = await insertKeywordRule(tx, rule, by);
    // The pattern is operator-written configuration, not a friend's data: it goes into the record.
    await recordAudit(tx, actor, {
      action: 'auto_reply_changed',
      object: { type: 'auto_reply', id },
      detail: {
        change: input.id ? 'edited' : 'created',
        name: rule.name,
        mode: rule.match.mode,
        pattern: rule.match.pattern,
        active: rule.active,
      },
    });
    return { id };
  });
}

export async function switchAutoReply(db: Db, actor: AuditActor, id: string, active: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await setKeywordRuleActive(tx, id, active, actor.email ?? 'unknown'))) throw new AppError('not_found:auto_reply', 'no such rule');
    await recordAudit(tx, actor, {
      action: 'auto_reply_changed',
      object: { type: 'auto_reply', id },
      detail: { change: active ? 'activated' : 'deactivated' },
    });
  });
}

export async function removeAutoReply(db: Db, actor: AuditActor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rule = await getKeywordRule(tx, id);
    if (!(await deleteKeywordRule(tx, id))) throw new AppError('not_found:auto_reply', 'no such rule');
    await recordAudit(tx, actor, {
      action: 'auto_reply_changed',
      object: { type: 'auto_reply', id },
      detail: { change: 'deleted', name: rule?.name ?? null },
    });
  });
}
