// 配信を予約 / 今すぐ配信: refuses a time in the past and an audience of nobody (nothing saved, nothing sent), then saves
// the final draft and publishes it with the engine's own publish, whose dispatch row schedules the segment broadcast.
import 'server-only';
import { getAccountQuietHours } from '@/db/queries/account-settings';
import { editorAttributeDefinitions } from '@/db/queries/scenarios';
import { broadcastGraph, resolveSchedule } from '@/scenario/broadcast-draft';
import { compileOrIssues } from '@/scenario/compile';
import type { EngineDeps } from '../engine/deps';
import { publishScenario } from '../engine/publish';
import { AppError } from '../errors';
import { countAudience } from './audience-count';
import { TIME_ZONE, saveBroadcastDraft, type BroadcastForm } from './save';

export interface Published {
  id: string;
  version: number;
  versionId: string;
  hash: string;
  at: number;
  /** Friends in the audience when it was scheduled. */
  audience: number;
  /** Whether this call made the draft (the screen had not saved it yet). */
  created: boolean;
}

export async function publishBroadcast(
  deps: Pick<EngineDeps, 'db'>,
  form: BroadcastForm,
  opts: { now: number; publishedBy: string },
): Promise<Published> {
  const when = resolveSchedule(form.schedule, opts.now, TIME_ZONE);
  if (!when.ok) {
    const path = ['schedule', 'at'];
    if (when.reason === 'past') throw new AppError('invalid:send_at_past', 'the send time is in the past', [{ path, message: 'past' }]);
    throw new AppError('invalid:send_at', 'the send time is not a date and time in Japan', [{ path, message: 'invalid' }]);
  }
  // Every problem is reported before anything is saved (a new draft's id is not lost to a refused publish).
  const [attributes, accountQuietHours] = await Promise.all([editorAttributeDefinitions(deps.db), getAccountQuietHours(deps.db)]);
  const fields = { send: form.send, audience: form.audience, quietHours: form.quietHours ?? undefined, sendAt: when.sendAt };
  const checked = compileOrIssues(broadcastGraph(fields, 'check', TIME_ZONE), { attributes, accountQuietHours });
  if (!checked.ok) {
    throw new AppError('invalid:graph', `the broadcast has ${checked.issues.length} problem(s) to fix`, checked.issues);
  }
  const audience = await countAudience(deps.db, form.audience, new Date(opts.now), TIME_ZONE);
  if (audience === 0) {
    throw new AppError('invalid:audience_empty', 'no friend matches the audience', [{ path: ['audience'], message: 'matches nobody' }]);
  }
  const saved = await saveBroadcastDraft(deps.db, form, { now: opts.now, sendAt: when.sendAt });
  const p = await publishScenario(deps, { scenarioId: saved.id, publishedBy: opts.publishedBy });
  return { id: saved.id, version: p.version, versionId: p.versionId, hash: p.hash, at: when.at, audience, created: saved.created };
}
