// Duplicating a scenario (Lステップ's コピー): a new draft named 「<name> のコピー」 / "Copy of <name>" holding the source's
// current draft graph and settings, created and audited in one transaction.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { createScenario, findScenario } from '@/db/queries/scenarios';
import { DraftGraphSchema } from '@/scenario/draft';
import { recordAudit, type AuditActor } from '../audit/record';
import { AppError } from '../errors';
import { t, type Lang } from '../i18n/dictionary';

/** The longest name a scenario may have (the create and save routes' limit). */
export const MAX_SCENARIO_NAME = 100;

/** 「<name> のコピー」 in `lang`, the source's name shortened (with …) so the whole stays within the limit. */
export function copyName(name: string, lang: Lang): string {
  const pattern = t(lang, 'scenarios.copyName');
  const room = MAX_SCENARIO_NAME - (pattern.length - '{name}'.length);
  const chars = [...name];
  const fitted = chars.length <= room ? name : `${chars.slice(0, room - 1).join('')}…`;
  return pattern.replace('{name}', fitted);
}

export async function duplicateScenario(
  db: Db,
  actor: AuditActor,
  input: { id: string; lang: Lang },
): Promise<{ id: string; name: string }> {
  return db.transaction(async (tx) => {
    const source = await findScenario(tx, input.id);
    if (!source) throw new AppError('not_found:scenario', 'no such scenario');
    const draft = DraftGraphSchema.safeParse(source.draft);
    if (!draft.success) throw new AppError('unprocessable:draft', 'the scenario’s draft is not a scenario graph and cannot be copied');
    const name = copyName(source.name, input.lang);
    // A salt of its own: the copy's A/B splits must not put each friend in the same variant as the source's do.
    const graph = { ...draft.data, settings: { ...draft.data.settings, splitSalt: randomUUID() } };
    const { id } = await createScenario(tx, { name, graph });
    await recordAudit(tx, actor, {
      action: 'scenario_duplicated',
      object: { type: 'scenario', id },
      detail: { sourceId: source.id, name },
    });
    return { id, name };
  });
}
