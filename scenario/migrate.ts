// Migration of waiting friends to another version: propose and check a node mapping, move a run's state, and forecast what it receives next.
import type { CompiledPlan, PlanNode } from './compile';
import { capWindowAt, frequencyCapDecision } from './frequency-cap';
import { canonicalJson, sha256Hex } from './hash';
import { step } from './interpret';
import type { LineMessage } from './messages';
import { runNode } from './nodes';
import { describeHold, isQuietHold } from './quiet-hours';
import type { RunState, StepResult, Waiting } from './run-state';
import { DAY, formatLocal } from './time';

/** The node kinds a friend can be waiting at, so the only ones a migration moves friends from and to. */
export const WAITING_NODE_KINDS = ['wait', 'wait_for_event', 'question'] as const;
export type WaitingNodeKind = (typeof WAITING_NODE_KINDS)[number];
export const isWaitingKind = (k: string): k is WaitingNodeKind => (WAITING_NODE_KINDS as readonly string[]).includes(k);

/** How a moved wait's due time is set: the instant the friend was due at, or counted again (target node) from entering the wait. */
export const DUE_POLICIES = ['keep_instant', 'from_entry'] as const;
export type DuePolicy = (typeof DUE_POLICIES)[number];

/** Source node id (old version) → target node id (new version), or null: that node's friends stay on the old version. */
export type Mapping = Record<string, string | null>;

export type MappingIssueCode = 'unknown_source' | 'source_cannot_wait' | 'unknown_target' | 'target_cannot_wait' | 'kind_mismatch';
export interface MappingIssue {
  code: MappingIssueCode;
  sourceNodeId: string;
  targetNodeId?: string;
  message: string;
  messageJa: string;
}

/** Which waiting kinds may take each other's friends: timers and event waits convert; a question only to a question. */
function compatible(from: WaitingNodeKind, to: WaitingNodeKind): boolean {
  if (from === 'question' || to === 'question') return from === to;
  return true;
}

function waitingNodes(plan: CompiledPlan): PlanNode[] {
  return Object.values(plan.nodes).filter((n) => isWaitingKind(n.kind));
}

/** Kizuna's proposal: each waiting node to the node of the new version with the same id and kind, else unmapped. */
export function proposeMapping(from: CompiledPlan, to: CompiledPlan): Mapping {
  const out: Mapping = {};
  for (const n of waitingNodes(from)) out[n.id] = to.nodes[n.id]?.kind === n.kind ? n.id : null;
  return out;
}

/** Every problem of a mapping with its place; empty when it can be applied. */
export function checkMapping(from: CompiledPlan, to: CompiledPlan, mapping: Mapping): MappingIssue[] {
  const issues: MappingIssue[] = [];
  for (const [sourceNodeId, targetNodeId] of Object.entries(mapping)) {
    const source = from.nodes[sourceNodeId];
    if (!source) {
      issues.push({
        code: 'unknown_source',
        sourceNodeId,
        message: `no step ${sourceNodeId} in the old version`,
        messageJa: `旧バージョンにステップ ${sourceNodeId} がありません`,
      });
      continue;
    }
    if (!isWaitingKind(source.kind)) {
      issues.push({
        code: 'source_cannot_wait',
        sourceNodeId,
        message: `${sourceNodeId} (${source.kind}) is not a step friends wait at`,
        messageJa: `${sourceNodeId}（${source.kind}）は友だちが待機するステップではありません`,
      });
      continue;
    }
    if (targetNodeId === null) continue;
    const target = to.nodes[targetNodeId];
    if (!target) {
      issues.push({
        code: 'unknown_target',
        sourceNodeId,
        targetNodeId,
        message: `no step ${targetNodeId} in the new version`,
        messageJa: `新バージョンにステップ ${targetNodeId} がありません`,
      });
      continue;
    }
    if (!isWaitingKind(target.kind)) {
      issues.push({
        code: 'target_cannot_wait',
        sourceNodeId,
        targetNodeId,
        message: `${targetNodeId} is a ${target.kind} step, which cannot hold a waiting friend: map to a wait, wait-for-event or question step`,
        messageJa: `${targetNodeId} は「${target.kind}」ステップで、友だちを待機させられません。待機・イベント待ち・質問ステップを指定してください`,
      });
      continue;
    }
    if (!compatible(source.kind, target.kind)) {
      issues.push({
        code: 'kind_mismatch',
        sourceNodeId,
        targetNodeId,
        message: `friends waiting at ${source.kind} ${sourceNodeId} cannot move to ${target.kind} ${targetNodeId} (a question maps only to a question)`,
        messageJa: `${sourceNodeId}（${source.kind}）の友だちは ${targetNodeId}（${target.kind}）へ移せません（質問は質問へのみ）`,
      });
    }
  }
  return issues;
}

export interface MoveTarget {
  toVersionLabel: string;
  nodeId: string;
  policy: DuePolicy;
  /** When the friend entered the wait it is at now (the start of its current visit). */
  enteredAt: number;
  /** The instant of the move. */
  at: number;
}

export type MoveRecord =
  | { kind: 'node_left'; nodeId: string; at: number; output: string; reason: string }
  | { kind: 'node_entered'; nodeId: string; at: number; visit: number };

export type MoveResult =
  | {
      ok: true;
      state: RunState;
      dueAt: number;
      left: Extract<MoveRecord, { kind: 'node_left' }>;
      entered: Extract<MoveRecord, { kind: 'node_entered' }>;
    }
  | { ok: false; code: 'not_waiting' | 'unknown_target' | 'target_cannot_wait' | 'kind_mismatch' | 'target_ends_run'; reason: string };

/**
 * A run's state moved onto `to`, waiting at `target.nodeId`. Its history (visits, sends, friend, entry) carries over; the
 * wait is due at the instant it was due (`keep_instant`) or at the target's own due time counted from when the friend
 * entered the wait (`from_entry`). A move never sends: a question is moved only while waiting for its answer.
 */
export function moveRun(from: CompiledPlan, to: CompiledPlan, state: RunState, target: MoveTarget): MoveResult {
  const w = state.waiting;
  const source = state.current ? from.nodes[state.current] : undefined;
  if (
    state.status !== 'waiting' ||
    !w ||
    !source ||
    !isWaitingKind(source.kind) ||
    (w.kind !== 'timer' && w.kind !== 'event' && w.kind !== 'answer')
  )
    return {
      ok: false,
      code: 'not_waiting',
      reason: `run is not waiting at a wait, event or question step (${state.status} at ${state.current ?? '-'})`,
    };
  const node = to.nodes[target.nodeId];
  if (!node) return { ok: false, code: 'unknown_target', reason: `no step ${target.nodeId} in the new version` };
  if (!isWaitingKind(node.kind)) return { ok: false, code: 'target_cannot_wait', reason: `${target.nodeId} is a ${node.kind} step` };
  const sourceKind: WaitingNodeKind = source.kind;
  if (!compatible(sourceKind, node.kind)) return { ok: false, code: 'kind_mismatch', reason: `${source.kind} → ${node.kind}` };
  const visit = (state.visits[node.id] ?? 0) + 1;
  const out = runNode(node, {
    nodeId: node.id,
    now: target.enteredAt,
    startedAt: state.startedAt,
    friend: state.friend,
    settings: to.settings,
    triggerEvent: state.triggerEvent?.properties ?? null,
    runId: state.runId,
    visit,
  });
  let waiting: Waiting;
  switch (out.type) {
    case 'sleep':
      waiting = { kind: 'timer', nodeId: node.id, until: out.until, output: out.output, reason: out.reason };
      break;
    case 'go':
      // Already due (a date wait whose date is missing and continues): due at once.
      waiting = { kind: 'timer', nodeId: node.id, until: target.enteredAt, output: out.output, reason: out.reason };
      break;
    case 'await_event':
      waiting = { kind: 'event', nodeId: node.id, eventName: out.eventName, filter: out.filter, until: out.until };
      break;
    case 'ask':
      if (w.kind !== 'answer')
        return { ok: false, code: 'kind_mismatch', reason: 'a question can only take friends waiting for an answer' };
      waiting = { kind: 'answer', nodeId: node.id, visit, until: out.until, reasks: 0 };
      break;
    default:
      return { ok: false, code: 'target_ends_run', reason: `${target.nodeId} would end the run (${out.type})` };
  }
  if (target.policy === 'keep_instant') waiting = { ...waiting, until: w.until };
  const at = Math.max(state.now, target.at);
  const { reply: _reply, ...rest } = state;
  const moved: RunState = {
    ...rest,
    planHash: to.hash,
    status: 'waiting',
    current: node.id,
    waiting,
    friendFresh: false,
    now: at,
    visits: { ...state.visits, [node.id]: visit },
  };
  return {
    ok: true,
    state: moved,
    dueAt: waiting.until,
    left: { kind: 'node_left', nodeId: source.id, at, output: 'migrated', reason: `moved to ${target.toVersionLabel} ${node.id}` },
    entered: { kind: 'node_entered', nodeId: node.id, at, visit },
  };
}

export interface ForecastSend {
  nodeId: string;
  at: number;
  messages: LineMessage[];
  /** When the send was due, if quiet hours held it until `at`. */
  heldFrom?: number;
}

/**
 * What a (moved) run sends from its state on, if the friend does nothing (events and answers time out), up to `horizon`
 * or `maxSends` sends. Driven by the interpreter itself, as the workflow would drive it.
 */
export function sendsAhead(plan: CompiledPlan, state: RunState, opts: { horizon: number; maxSends?: number }): ForecastSend[] {
  const sends: ForecastSend[] = [];
  const max = opts.maxSends ?? 10;
  // Sends the interpreter held for quiet hours (a timer that runs its step again): when each was first due.
  const held = new Map<string, number>();
  let r: StepResult = { state, effects: [] };
  for (let guard = 0; guard < 10_000 && r.state.status !== 'done' && sends.length < max; guard++) {
    const s = r.state;
    const w = s.waiting;
    if (!w) break;
    let at = s.now;
    if (w.kind === 'friend') r = step(plan, s, { kind: 'friend_loaded', at, friend: s.friend });
    else if (w.kind === 'send') r = step(plan, s, { kind: 'send_done', at, nodeId: w.nodeId, status: 'sent' });
    else if (w.until > opts.horizon) break;
    else r = step(plan, s, { kind: 'timer_fired', at: (at = Math.max(s.now, w.until)) });
    const hold = r.state.waiting;
    if (isQuietHold(hold) && !held.has(hold.nodeId)) held.set(hold.nodeId, at);
    for (const e of r.effects) {
      if (e.kind !== 'send') continue;
      const heldFrom = held.get(e.nodeId);
      held.delete(e.nodeId);
      sends.push({ nodeId: e.nodeId, at: e.at, messages: e.messages, ...(heldFrom !== undefined && heldFrom < e.at ? { heldFrom } : {}) });
    }
  }
  return sends.slice(0, max);
}

/** A send the friend already received in this run: the step of the old version it came from. */
export interface MovingRun {
  state: RunState;
  enteredAt: number;
  receivedNodeIds: readonly string[];
  /** Instants of the friend's sends (any scenario, no test sends) in the frequency cap's window before the dry run. */
  recentSends?: readonly number[];
}

export type MoveWarningCode =
  'unmapped' | 'resend' | 'skips_send' | 'question_buttons_reset' | 'not_movable' | 'quiet_hours' | 'frequency_cap';
export interface MoveWarning {
  code: MoveWarningCode;
  nodeId?: string;
  /** quiet_hours, frequency_cap (held): when the send would go out instead. */
  until?: number;
  message: string;
  messageJa: string;
}

export interface FriendMove {
  runId: string;
  sourceNodeId: string;
  targetNodeId: string | null;
  dueAt: number | null;
  next: ForecastSend | null;
  warnings: MoveWarning[];
}

const sendsMessages = (n: PlanNode): boolean => n.kind === 'send' || n.kind === 'question';
const contentOf = (n: PlanNode): string => canonicalJson({ kind: n.kind, data: n.data });

/** Sends of `to` every path from the entry to `targetId` passes (the friend would have received them on the new version). */
export function sendsBefore(to: CompiledPlan, targetId: string): string[] {
  const reaches = (without: string): boolean => {
    const seen = new Set<string>([to.entry]);
    const queue = [to.entry];
    while (queue.length > 0) {
      const id = queue.shift() ?? '';
      if (id === targetId) return true;
      for (const n of Object.values(to.nodes[id]?.next ?? {}))
        if (n !== without && !seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
    }
    return false;
  };
  return Object.values(to.nodes)
    .filter((n) => n.id !== targetId && sendsMessages(n) && !reaches(n.id))
    .map((n) => n.id)
    .sort();
}

/** One waiting run's move under a mapping: where it goes, when it is due, what it gets next, and what to worry about. */
export function forecastMove(
  from: CompiledPlan,
  to: CompiledPlan,
  run: MovingRun,
  mapping: Mapping,
  opts: { policy: DuePolicy; at: number; toVersionLabel: string; horizonDays?: number },
): FriendMove {
  const sourceNodeId = run.state.current ?? '';
  const targetNodeId = mapping[sourceNodeId] ?? null;
  const base = { runId: run.state.runId, sourceNodeId, targetNodeId };
  if (targetNodeId === null)
    return {
      ...base,
      dueAt: null,
      next: null,
      warnings: [
        {
          code: 'unmapped',
          nodeId: sourceNodeId,
          message: `${sourceNodeId} has no mapping: stays on the old version`,
          messageJa: `${sourceNodeId} は対応先がなく旧バージョンに残ります`,
        },
      ],
    };
  const moved = moveRun(from, to, run.state, {
    toVersionLabel: opts.toVersionLabel,
    nodeId: targetNodeId,
    policy: opts.policy,
    enteredAt: run.enteredAt,
    at: opts.at,
  });
  if (!moved.ok)
    return {
      ...base,
      targetNodeId: null,
      dueAt: null,
      next: null,
      warnings: [{ code: 'not_movable', nodeId: sourceNodeId, message: moved.reason, messageJa: `移行できません: ${moved.reason}` }],
    };
  const received = new Set(run.receivedNodeIds);
  const receivedContent = new Set(
    run.receivedNodeIds.flatMap((id) => {
      const n = from.nodes[id];
      return n ? [contentOf(n)] : [];
    }),
  );
  const got = (n: PlanNode | undefined) => n !== undefined && (received.has(n.id) || receivedContent.has(contentOf(n)));
  const warnings: MoveWarning[] = [];
  const ahead = sendsAhead(to, moved.state, { horizon: opts.at + (opts.horizonDays ?? 90) * DAY });
  for (const id of [...new Set(ahead.map((s) => s.nodeId))]) {
    if (got(to.nodes[id]))
      warnings.push({ code: 'resend', nodeId: id, message: `would receive ${id} again`, messageJa: `${id} をもう一度受け取ります` });
  }
  for (const id of sendsBefore(to, targetNodeId)) {
    if (!got(to.nodes[id]))
      warnings.push({ code: 'skips_send', nodeId: id, message: `skips ${id}, never received`, messageJa: `未受信の ${id} を飛ばします` });
  }
  warnings.push(...deliveryWarnings(to, ahead[0], run.recentSends ?? []));
  if (to.nodes[targetNodeId]?.kind === 'question')
    warnings.push({
      code: 'question_buttons_reset',
      nodeId: targetNodeId,
      message: 'buttons of the question already sent stop working; typed answers still count',
      messageJa: '送信済みの質問のボタンは無効になります（文字での回答は有効）',
    });
  return { ...base, dueAt: moved.dueAt, next: ahead[0] ?? null, warnings };
}

/**
 * What the account's delivery rules would do to the next send: quiet hours defer it (the interpreter held it, see
 * sendsAhead), and the frequency cap skips or holds it given the friend's sends before it (the send activity's rule).
 */
export function deliveryWarnings(to: CompiledPlan, next: ForecastSend | undefined, recentSends: readonly number[]): MoveWarning[] {
  if (!next) return [];
  const out: MoveWarning[] = [];
  const zone = to.settings.timeZone;
  const q = to.settings.quietHours;
  if (q && next.heldFrom !== undefined) {
    const until = formatLocal(next.at, zone);
    out.push({
      code: 'quiet_hours',
      nodeId: next.nodeId,
      until: next.at,
      message: `${next.nodeId} due ${formatLocal(next.heldFrom, zone)}: ${describeHold(q, until, 'en')}`,
      messageJa: `${next.nodeId}（${formatLocal(next.heldFrom, zone)} 予定）: ${describeHold(q, until, 'ja')}`,
    });
  }
  const cap = to.settings.frequencyCap;
  if (cap) {
    const d = frequencyCapDecision(cap, capWindowAt(recentSends, next.at), next.at);
    if (d.kind === 'skip')
      out.push({
        code: 'frequency_cap',
        nodeId: next.nodeId,
        message: `${next.nodeId} would exceed the daily cap of ${cap.maxSends} sends: not sent`,
        messageJa: `1日の配信上限（${cap.maxSends}回）を超えるため ${next.nodeId} は送信されません`,
      });
    else if (d.kind === 'hold')
      out.push({
        code: 'frequency_cap',
        nodeId: next.nodeId,
        until: d.until,
        message: `${next.nodeId} would exceed the daily cap of ${cap.maxSends} sends: held until ${formatLocal(d.until, zone)}`,
        messageJa: `1日の配信上限（${cap.maxSends}回）を超えるため ${next.nodeId} は ${formatLocal(d.until, zone)} まで保留`,
      });
  }
  return out;
}

export interface MoveGroup {
  sourceNodeId: string;
  targetNodeId: string | null;
  moving: number;
  staying: number;
  warnings: Partial<Record<MoveWarningCode, number>>;
}

/** Per source node: how many friends move, where to, and how many carry each warning. */
export function summarizeMoves(moves: readonly FriendMove[]): MoveGroup[] {
  const groups = new Map<string, MoveGroup>();
  for (const m of moves) {
    const g = groups.get(m.sourceNodeId) ?? {
      sourceNodeId: m.sourceNodeId,
      targetNodeId: m.targetNodeId,
      moving: 0,
      staying: 0,
      warnings: {},
    };
    if (m.targetNodeId !== null) {
      g.moving++;
      g.targetNodeId = m.targetNodeId;
    } else g.staying++;
    for (const code of new Set(m.warnings.map((w) => w.code))) g.warnings[code] = (g.warnings[code] ?? 0) + 1;
    groups.set(m.sourceNodeId, g);
  }
  return [...groups.values()].sort((a, b) => a.sourceNodeId.localeCompare(b.sourceNodeId));
}

/** What a dry run depended on: the same runs at the same places and due times under the same mapping give the same value. */
export function dryRunFingerprint(input: {
  fromHash: string;
  toHash: string;
  mapping: Mapping;
  policy: DuePolicy;
  runs: readonly { runId: string; state: RunState }[];
}): string {
  const runs = input.runs
    .map(({ runId, state }) => [
      runId,
      state.current,
      state.waiting && 'until' in state.waiting ? state.waiting.until : null,
      state.visits[state.current ?? ''] ?? 0,
    ])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return sha256Hex(canonicalJson({ from: input.fromHash, to: input.toHash, mapping: input.mapping, policy: input.policy, runs }));
}
