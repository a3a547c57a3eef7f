// 「この版を下書きに戻す」: a published version's graph becomes the draft again, if nobody saved the draft since the caller
// read it (the editor's revision check); the live version is untouched. Audited in the same transaction.
import 'server-only';
import type { Db } from '@/db/client';
import { findVersion, lockScenarioRow } from '@/db/queries/scenario-admin';
import { saveDraft } from '@/db/queries/scenarios';
import { recordAudit, type AuditActor } from '../audit/record';
import { AppError, assertNever } from '../errors';

export async function restoreVersionAsDraft(
  db: Db,
  actor: AuditActor,
  input: { id: string; version: number; expectedRevision: number },
): Promise<{ revision: number }> {
  return db.transaction(async (tx) => {
    const row = await lockScenarioRow(tx, input.id);
    if (!row) throw new AppError('not_found:scenario', 'no such scenario');
    const v = await findVersion(tx, input.id, input.version);
    if (!v) throw new AppError('not_found:version', `the scenario has no version ${input.version}`);
    if (!v.graph) throw new AppError('unprocessable:version', `version ${input.version} is not a readable scenario graph`);
    const saved = await saveDraft(tx, { id: input.id, graph: v.graph, expectedRevision: input.expectedRevision });
    if (!saved.ok) {
      switch (saved.reason) {
        case 'not_found':
          throw new AppError('not_found:scenario', 'no such scenario');
        case 'archived':
          throw new AppError('conflict:archived', 'the scenario is archived: unarchive it first');
        case 'conflict':
          throw new AppError(
            'conflict:draft',
            `the draft was saved elsewhere (revision ${saved.currentRevision}, yours was based on ${input.expectedRevision})`,
          );
        default:
          return assertNever(saved);
      }
    }
    await recordAudit(tx, actor, {
      action: 'scenario_version_restored',
      object: { type: 'scenario', id: input.id },
      detail: { version: v.version, versionId: v.id, hash: v.hash, revision: saved.revision },
    });
    return { revision: saved.revision };
  });
}
