// What the broadcast pages show: each broadcast's state, send time, audience, message and figures, read in a few
// queries (the live version when published, else the draft).
import type { DbOrTx } from '@/db/client';
import { getAccountQuietHours } from '@/db/queries/account-settings';
import {
  NO_FIGURES,
  broadcastFigures,
  findBroadcast,
  listBroadcasts,
  type BroadcastFigures,
  type BroadcastRow,
} from '@/db/queries/broadcasts';
import { localInstant, readBroadcast } from '@/scenario/broadcast-draft';
import { CompiledPlanSchema } from '@/scenario/compile';
import type { Condition } from '@/scenario/conditions';
import { resolveQuietHours, type AccountQuietHours, type QuietHoursSetting, type QuietWindow } from '@/scenario/quiet-hours';
import { ScenarioGraphSchema, type LineMessage } from '@/scenario/schema';
import { localDateTimeIsValid } from '@/scenario/time';
import { broadcastState, type BroadcastState } from './state';

export interface BroadcastView {
  id: string;
  name: string;
  state: BroadcastState;
  /** The send time (epoch ms) and the zone it was typed in. */
  at: number | null;
  timeZone: string;
  audience: Condition | null;
  /** The first send step's messages (a one-step broadcast has only that one). */
  messages: LineMessage[];
  quiet: QuietWindow | null;
  /** Made on the broadcast screen (one step): a draft reopens there; otherwise it is edited on the canvas. */
  oneStep: boolean;
  /** The draft as the screen edits it (drafts made on the screen only). */
  draft: { revision: number; quietHours: QuietHoursSetting | null; trackLinks: boolean } | null;
  version: number | null;
  figures: BroadcastFigures;
}

function toView(r: BroadcastRow, figures: BroadcastFigures, account: AccountQuietHours, now: number): BroadcastView {
  const parsed = ScenarioGraphSchema.safeParse(r.liveGraph ?? r.draft);
  const graph = parsed.success ? parsed.data : null;
  const trigger = graph?.nodes.find((n) => n.kind === 'trigger');
  const spec = trigger?.kind === 'trigger' && trigger.data.trigger.type === 'segment_broadcast' ? trigger.data.trigger : null;
  const timeZone = graph?.settings.timeZone ?? 'Asia/Tokyo';
  const at = spec && localDateTimeIsValid(spec.sendAt, timeZone) ? localInstant(spec.sendAt, timeZone) : null;
  const send = graph?.nodes.find((n) => n.kind === 'send');
  const plan = r.livePlan ? CompiledPlanSchema.safeParse(r.livePlan) : null;
  const quiet = plan?.success ? plan.data.settings.quietHours : resolveQuietHours(graph?.settings.quietHours, account);
  const fields = graph ? readBroadcast(graph) : null;
  return {
    id: r.id,
    name: r.name,
    state: broadcastState({ status: r.status, at, figures }, now),
    at,
    timeZone,
    audience: spec?.audience ?? null,
    messages: send?.kind === 'send' ? send.data.messages : [],
    quiet: quiet ?? null,
    oneStep: fields !== null,
    draft:
      fields && r.status === 'draft'
        ? { revision: r.draftRevision, quietHours: fields.quietHours ?? null, trackLinks: fields.send.trackLinks }
        : null,
    version: r.liveVersion,
    figures,
  };
}

export async function loadBroadcastList(db: DbOrTx, now: number): Promise<BroadcastView[]> {
  const rows = await listBroadcasts(db);
  const [figures, account] = await Promise.all([
    broadcastFigures(
      db,
      rows.map((r) => r.id),
    ),
    getAccountQuietHours(db),
  ]);
  return rows.map((r) => toView(r, figures.get(r.id) ?? NO_FIGURES, account, now));
}

export async function loadBroadcast(db: DbOrTx, id: string, now: number): Promise<BroadcastView | null> {
  const row = await findBroadcast(db, id);
  if (!row) return null;
  const [figures, account] = await Promise.all([broadcastFigures(db, [id]), getAccountQuietHours(db)]);
  return toView(row, figures.get(id) ?? NO_FIGURES, account, now);
}
