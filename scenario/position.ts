// Where a friend is in a run: the position a run records and reports, and the same position in words.
import type { CompiledPlan } from './compile';
import { summaryOf, type Lang } from './nodes';
import { describeHold, isQuietHold } from './quiet-hours';
import type { RunState, Waiting } from './run-state';
import type { NodeKind } from './schema';
import { formatLocal } from './time';

/** Where a run is: what each progress write stores on the run row and what the workflow's position query reports. */
export interface RunPosition {
  status: RunState['status'];
  nodeId: string | null;
  waiting: RunState['waiting'];
  done: RunState['done'];
}

export function positionOf(state: RunState): RunPosition {
  return { status: state.status, nodeId: state.current, waiting: state.waiting, done: state.done };
}

/** A position with what the friend page shows: the node's kind, what it waits for, until when, and a sentence. */
export interface DescribedPosition extends RunPosition {
  kind: NodeKind | null;
  waitingFor: Waiting['kind'] | null;
  until: number | null;
  /** 'Waiting at wait-7 (after 7 days at 10:00 JST) until 2025-04-08 10:00 JST'. */
  text: string;
}

export function describePosition(plan: CompiledPlan, state: RunState, lang: Lang = 'en'): DescribedPosition {
  const zone = plan.settings.timeZone;
  const node = state.current ? plan.nodes[state.current] : undefined;
  const summary = node ? summaryOf(node, lang, { timeZone: zone }) : '';
  const w = state.waiting;
  const base = { ...positionOf(state), kind: node?.kind ?? null };
  const ja = lang === 'ja';
  if (state.done) {
    const when = formatLocal(state.done.at, zone);
    return {
      ...base,
      waitingFor: null,
      until: null,
      text: ja ? `${when} に終了（${state.done.reason}）` : `Finished (${state.done.reason}) at ${when}`,
    };
  }
  if (!w)
    return { ...base, waitingFor: null, until: null, text: ja ? `「${summary}」を実行中` : `Running ${state.current ?? ''} (${summary})` };
  const until = w.kind === 'timer' || w.kind === 'event' || w.kind === 'answer' ? w.until : null;
  const untilText = until === null ? '' : ja ? ` ${formatLocal(until, zone)}まで` : ` until ${formatLocal(until, zone)}`;
  const q = plan.settings.quietHours;
  if (isQuietHold(w) && q) {
    const held = describeHold(q, formatLocal(w.until, zone), lang);
    return { ...base, waitingFor: w.kind, until: w.until, text: ja ? `「${summary}」を${held}中` : `${summary}: ${held}` };
  }
  const what = {
    timer: ja ? '待機中' : 'Waiting',
    event: ja ? `${w.kind === 'event' ? w.eventName : ''} を待機中` : `Waiting for ${w.kind === 'event' ? w.eventName : ''}`,
    friend: ja ? '友だち情報を読み込み中' : 'Loading friend data',
    send: ja ? '配信中' : 'Sending',
    answer: ja ? '回答待ち' : 'Waiting for the answer',
  }[w.kind];
  return {
    ...base,
    waitingFor: w.kind,
    until,
    text: ja ? `「${summary}」で${what}${untilText}` : `${what} at ${w.nodeId} (${summary})${untilText}`,
  };
}
