// Runs the core's simulate() for a preview friend and turns the timeline into chat days, explained decisions and a canvas path.
import { compileOrIssues } from '@/scenario/compile';
import type { AccountQuietHours } from '@/scenario/quiet-hours';
import { explainOf, summaryOf, type Lang } from '@/scenario/nodes';
import type { AttributeDefinition, FriendEvent, FriendSnapshot, LineMessage, NodeKind, ScenarioGraph } from '@/scenario/schema';
import { simulate, type Timeline } from '@/scenario/simulate';
import { ANSWER_EVENT } from '@/scenario/simulate';
import { addDaysToDate, atLocalTime, calendarDaysBetween, DAY, formatTimeOfDay, localDate, MINUTE } from '@/scenario/time';
import type { ValidationIssue } from '@/scenario/validate';

/** An event the marketer places on the preview's timeline: "purchase on day 3 at 19:00". */
export type PlannedEvent = { day: number; time: string; name: string; properties: Record<string, unknown> };

/** A question the test friend was asked: its choices' labels and the one answered (null: no answer, e.g. timed out). */
export type AskedQuestion = { choices: string[]; answered: number | null; answer: Pick<PlannedEvent, 'day' | 'time'> };
export type ChatItem = { at: number; day: number; nodeId: string; messages: LineMessage[]; question?: AskedQuestion };
export type Explained = {
  nodeId: string;
  kind: NodeKind;
  at: number;
  day: number;
  summary: string;
  decision?: string;
  reason?: string;
  waitUntil?: number;
};
export type PreviewResult =
  | { ok: false; issues: ValidationIssue[] }
  | { ok: true; timeline: Timeline; chat: ChatItem[]; steps: Explained[]; path: { nodes: Set<string>; edges: Set<string> }; start: number };

export function plannedEventsAt(events: readonly PlannedEvent[], start: number, zone: string): FriendEvent[] {
  const day0 = localDate(start, zone);
  return events.map((e) => ({ name: e.name, at: atLocalTime(addDaysToDate(day0, e.day), e.time, zone), properties: e.properties }));
}

/** When a tap on a question sent at `askedAt` is placed: the next whole minute after it (planned events are to the minute). */
export function answerSlot(askedAt: number, start: number, zone: string): Pick<PlannedEvent, 'day' | 'time'> {
  const at = Math.floor(askedAt / MINUTE) * MINUTE + MINUTE;
  return { day: calendarDaysBetween(start, at, zone), time: formatTimeOfDay(at, zone) };
}

/** The planned events with the test friend's answer to the question asked at `slot` (replacing an earlier answer there). */
export function withAnswer(events: readonly PlannedEvent[], slot: Pick<PlannedEvent, 'day' | 'time'>, choice: number): PlannedEvent[] {
  const others = events.filter((e) => !(e.name === ANSWER_EVENT && e.day === slot.day && e.time === slot.time));
  return [...others, { ...slot, name: ANSWER_EVENT, properties: { choice } }];
}

export function runPreview(
  graph: ScenarioGraph,
  opts: {
    friend: FriendSnapshot;
    start: number;
    events: readonly PlannedEvent[];
    attributes: readonly AttributeDefinition[];
    lang: Lang;
    horizonDays?: number;
    /** What a draft following the account's quiet hours obeys (the product default when absent). */
    accountQuietHours?: AccountQuietHours;
  },
): PreviewResult {
  const compiled = compileOrIssues(graph, {
    attributes: opts.attributes,
    ...(opts.accountQuietHours ? { accountQuietHours: opts.accountQuietHours } : {}),
  });
  if (!compiled.ok) return { ok: false, issues: compiled.issues };
  const plan = compiled.plan;
  const zone = plan.settings.timeZone;
  const timeline = simulate(plan, opts.friend, {
    start: opts.start,
    events: plannedEventsAt(opts.events, opts.start, zone),
    horizon: opts.start + (opts.horizonDays ?? 400) * DAY,
    runId: 'preview',
  });
  const dayOf = (at: number) => calendarDaysBetween(opts.start, at, zone);
  const chat: ChatItem[] = timeline.entries
    .filter((e) => e.messages && e.messages.length > 0)
    .map((e) => {
      const at = e.sentAt ?? e.at;
      const node = plan.nodes[e.nodeId];
      const item: ChatItem = { at, day: dayOf(at), nodeId: e.nodeId, messages: e.messages ?? [] };
      if (node?.kind !== 'question' || node.data.choices.length === 0) return item;
      const answered = node.data.choices.findIndex((c) => `choice:${c.id}` === e.decision);
      return {
        ...item,
        question: {
          choices: node.data.choices.map((c) => c.label),
          answered: answered >= 0 ? answered : null,
          answer: answerSlot(at, opts.start, zone),
        },
      };
    });
  const q = plan.settings.quietHours;
  const ctx = { timeZone: zone, attributes: opts.attributes, ...(q && typeof q === 'object' ? { quietHours: q } : {}) };
  const steps: Explained[] = timeline.entries.map((e) => {
    const node = plan.nodes[e.nodeId];
    // The core's own reasons are for logs; the preview explains each step in the reader's language.
    const taken = {
      ...(e.decision === undefined ? {} : { output: e.decision }),
      ...(e.waitUntil === undefined ? {} : { waitUntil: e.waitUntil }),
      sent: e.messages !== undefined && e.messages.length > 0,
    };
    const reason = node && (e.decision !== undefined || e.kind === 'end') ? explainOf(node, taken, opts.lang, ctx) : undefined;
    return {
      nodeId: e.nodeId,
      kind: e.kind,
      at: e.at,
      day: dayOf(e.at),
      summary: node ? summaryOf(node, opts.lang, ctx) : '',
      ...(e.decision === undefined ? {} : { decision: e.decision }),
      ...(reason ? { reason } : {}),
      ...(e.waitUntil === undefined ? {} : { waitUntil: e.waitUntil }),
    };
  });
  const nodes = new Set(timeline.entries.map((e) => e.nodeId));
  const edges = new Set<string>();
  timeline.entries.forEach((e, i) => {
    const next = timeline.entries[i + 1];
    if (!next || e.decision === undefined) return;
    const edge = graph.edges.find((x) => x.source === e.nodeId && x.sourceHandle === e.decision && x.target === next.nodeId);
    if (edge) edges.add(edge.id);
  });
  return { ok: true, timeline, chat, steps, path: { nodes, edges }, start: opts.start };
}
