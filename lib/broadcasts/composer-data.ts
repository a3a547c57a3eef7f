// What the composer page hands the client: the draft's fields (or a new broadcast's), its schedule, the friend-field
// definitions, the account's quiet hours, the test friends' names and a suggested send time (the next full hour, JST).
import type { DbOrTx } from '@/db/client';
import { getAccountQuietHours } from '@/db/queries/account-settings';
import { reachableTestFriends } from '@/db/queries/audience';
import { findBroadcast } from '@/db/queries/broadcasts';
import { editorAttributeDefinitions } from '@/db/queries/scenarios';
import { EVERYONE, localInstant, readBroadcast, type BroadcastFields, type Schedule } from '@/scenario/broadcast-draft';
import { ScenarioGraphSchema } from '@/scenario/schema';
import { HOUR, toLocalIso } from '@/scenario/time';
import { TIME_ZONE } from './save';

export interface ComposerInitial {
  id: string | null;
  revision: number | null;
  name: string;
  fields: BroadcastFields;
  schedule: Schedule;
}

const minute = (at: number) => toLocalIso(at, TIME_ZONE).slice(0, 16);

/** A draft made on the screen, or null (not found, published, or drawn on the canvas). */
async function draftInitial(db: DbOrTx, id: string, now: number): Promise<ComposerInitial | null> {
  const row = await findBroadcast(db, id);
  const graph = row?.status === 'draft' ? ScenarioGraphSchema.safeParse(row.draft) : null;
  const fields = graph?.success ? readBroadcast(graph.data) : null;
  if (!row || !fields) return null;
  const future = localInstant(fields.sendAt, TIME_ZONE) > now;
  return {
    id,
    revision: row.draftRevision,
    name: row.name,
    fields,
    schedule: future ? { mode: 'at', at: fields.sendAt } : { mode: 'now' },
  };
}

export async function composerData(db: DbOrTx, id: string | null, now: number) {
  const initial: ComposerInitial | null = id
    ? await draftInitial(db, id, now)
    : {
        id: null,
        revision: null,
        name: '',
        fields: {
          send: { messages: [{ type: 'text', text: '' }], trackLinks: true },
          audience: EVERYONE,
          quietHours: 'account',
          sendAt: minute(now),
        },
        schedule: { mode: 'now' },
      };
  if (!initial) return null;
  const [attributes, accountQuietHours, testFriends] = await Promise.all([
    editorAttributeDefinitions(db),
    getAccountQuietHours(db),
    reachableTestFriends(db),
  ]);
  // Japan has whole-hour offsets: a full hour in UTC is a full hour in JST.
  const nextHour = Math.ceil((now + 1) / HOUR) * HOUR + HOUR;
  return {
    initial,
    attributes,
    accountQuietHours,
    testFriends: testFriends.map((f) => f.displayName),
    suggestedAt: minute(nextHour),
    serverNow: now,
  };
}
