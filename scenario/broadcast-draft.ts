// A 一斉配信 as the broadcast screen makes it: a one-step scenario (segment trigger → one send → end), built from the
// screen's fields and read back into them; its test-send variant; and when "now" or a typed JST time sends it.
import type { Condition } from './conditions';
import type { NodeData } from './nodes';
import type { QuietHoursSetting } from './quiet-hours';
import { SCHEMA_VERSION, type ScenarioGraph } from './schema';
import { atLocalTime, localDateTimeIsValid, toLocalIso } from './time';

/** What the screen edits. `quietHours` undefined: none (as in scenario settings). */
export interface BroadcastFields {
  send: NodeData<'send'>;
  audience: Condition;
  quietHours: QuietHoursSetting | undefined;
  /** Local date-time in the broadcast's zone, 'YYYY-MM-DDTHH:mm'. */
  sendAt: string;
}

export const BROADCAST_NODES = { trigger: 'trigger', send: 'send', end: 'end' } as const;

/** Everyone the broadcast may reach (an empty "all of" group holds for every friend). */
export const EVERYONE: Condition = { type: 'all', conditions: [] };

export function broadcastGraph(f: BroadcastFields, splitSalt: string, timeZone = 'Asia/Tokyo'): ScenarioGraph {
  const { trigger, send, end } = BROADCAST_NODES;
  return {
    schemaVersion: SCHEMA_VERSION,
    settings: { timeZone, splitSalt, ...(f.quietHours === undefined ? {} : { quietHours: f.quietHours }) },
    nodes: [
      {
        id: trigger,
        kind: 'trigger',
        position: { x: 0, y: 0 },
        data: { trigger: { type: 'segment_broadcast', sendAt: f.sendAt, audience: f.audience }, entryFilter: null, reEntry: 'once' },
      },
      { id: send, kind: 'send', position: { x: 0, y: 160 }, data: f.send },
      { id: end, kind: 'end', position: { x: 0, y: 360 }, data: {} },
    ],
    edges: [
      { id: 'e-trigger-send', source: trigger, sourceHandle: 'next', target: send },
      { id: 'e-send-end', source: send, sourceHandle: 'next', target: end },
    ],
  };
}

/** The screen's fields of a graph of that one shape; null for any other graph (a broadcast drawn on the canvas). */
export function readBroadcast(g: ScenarioGraph): BroadcastFields | null {
  if (g.nodes.length !== 3 || g.edges.length !== 2) return null;
  const trigger = g.nodes.find((n) => n.id === BROADCAST_NODES.trigger);
  const send = g.nodes.find((n) => n.id === BROADCAST_NODES.send);
  const end = g.nodes.find((n) => n.id === BROADCAST_NODES.end);
  if (trigger?.kind !== 'trigger' || send?.kind !== 'send' || end?.kind !== 'end') return null;
  const t = trigger.data.trigger;
  if (t.type !== 'segment_broadcast' || trigger.data.entryFilter !== null) return null;
  const wired = (from: string, to: string) => g.edges.some((e) => e.source === from && e.sourceHandle === 'next' && e.target === to);
  if (!wired(trigger.id, send.id) || !wired(send.id, end.id)) return null;
  return { send: send.data, audience: t.audience, quietHours: g.settings.quietHours, sendAt: t.sendAt };
}

/** What a test send runs: the same message for whichever test friend, at once (no audience, no quiet hours). */
export function testSendGraph(g: ScenarioGraph): ScenarioGraph {
  const { quietHours: _q, ...settings } = g.settings;
  return {
    ...g,
    settings,
    nodes: g.nodes.map((n) =>
      n.kind === 'trigger' && n.data.trigger.type === 'segment_broadcast'
        ? { ...n, data: { ...n.data, trigger: { ...n.data.trigger, audience: EVERYONE } } }
        : n,
    ),
  };
}

export type Schedule = { mode: 'now' } | { mode: 'at'; at: string };

export type ScheduleResult = { ok: true; sendAt: string; at: number } | { ok: false; reason: 'invalid' | 'past' };

/**
 * When a schedule sends: "now" is the current minute (so the engine enters the audience at once); a typed local
 * date-time must exist in the zone and lie in the future.
 */
export function resolveSchedule(s: Schedule, now: number, zone: string): ScheduleResult {
  if (s.mode === 'now') {
    const sendAt = toLocalIso(now, zone).slice(0, 16);
    return { ok: true, sendAt, at: localInstant(sendAt, zone) };
  }
  if (!localDateTimeIsValid(s.at, zone)) return { ok: false, reason: 'invalid' };
  const at = localInstant(s.at, zone);
  return at <= now ? { ok: false, reason: 'past' } : { ok: true, sendAt: s.at, at };
}

/** The instant of a valid 'YYYY-MM-DDTHH:mm' in `zone`. */
export function localInstant(sendAt: string, zone: string): number {
  const [date = '', time = ''] = sendAt.split('T');
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  return atLocalTime({ year, month, day }, time, zone);
}
