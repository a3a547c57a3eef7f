// The question node through the interpreter and the simulator: each output, re-asks, stale buttons, timeout, typed saves, reply tokens.
import { describe, expect, it } from 'vitest';
import { compile, type CompiledPlan } from './compile';
import { end, friendFixture, graphOf, text, trig, type StepSpec } from './fixtures';
import type { FriendEvent } from './friend';
import { startRun, step } from './interpret';
import { answerQuestion, parseFreeText, questionPostbackData, typedValue, type QuestionData } from './nodes/question';
import { RunStateSchema, type RunState, type StepResult } from './run-state';
import { simulate } from './simulate';
import { validate } from './validate';
import { checkMessages } from './line-limits';
import { DAY, HOUR } from './time';

const T0 = Date.UTC(2025, 3, 1, 6, 23); // 2025-04-01 15:23 JST

function questionData(over: Partial<QuestionData> = {}): QuestionData {
  return {
    text: '好きな色は？',
    choices: [
      { id: 'red', label: '赤', value: 'red' },
      { id: 'blue', label: '青', value: 'blue' },
    ],
    saveTo: { key: 'color', type: 'string' },
    freeText: null,
    timeout: { mode: 'duration', amount: 1, unit: 'days' },
    ...over,
  };
}

function planOf(data: QuestionData): CompiledPlan {
  const q: StepSpec = { id: 'q', kind: 'question', data };
  const outs = ['other', 'timeout', ...data.choices.map((c) => `choice:${c.id}`)];
  return compile(
    graphOf(
      [trig(), q, text('thanks', 'ありがとう'), end()],
      [['trigger', 'next', 'q'], ...outs.map((o) => ['q', o, 'thanks'] as [string, string, string]), ['thanks', 'next', 'end']],
    ),
  );
}

const tap = (at: number, data: string, replyToken = 'rt-1'): FriendEvent => ({
  name: 'postback',
  at,
  properties: { data, fields: Object.fromEntries(new URLSearchParams(data)), replyToken },
});
const say = (at: number, t: string, replyToken = 'rt-2'): FriendEvent => ({
  name: 'line_message',
  at,
  properties: { messageType: 'text', text: t, replyToken },
});

/** Starts a run and lets the question's message go out: the run then waits for the answer. */
function asked(plan: CompiledPlan): StepResult {
  const r = startRun(plan, { runId: 'run-1', friend: friendFixture(), at: T0 });
  expect(r.state.waiting).toMatchObject({ kind: 'send', nodeId: 'q', ask: { until: T0 + DAY, reasks: 0 } });
  const send = r.effects.find((e) => e.kind === 'send');
  expect(send).toMatchObject({ nodeId: 'q', visit: 1, trackLinks: false });
  const sent = step(plan, r.state, { kind: 'send_done', at: T0, nodeId: 'q', status: 'sent' });
  expect(sent.state.waiting).toEqual({ kind: 'answer', nodeId: 'q', visit: 1, until: T0 + DAY, reasks: 0 });
  return sent;
}

const left = (r: StepResult) => r.effects.filter((e) => e.kind === 'node_left').map((e) => (e.kind === 'node_left' ? e.output : ''));
const actions = (r: StepResult) => r.effects.flatMap((e) => (e.kind === 'apply_action' ? [e.action] : []));

describe('question node', () => {
  it('sends one quick-reply postback per choice carrying run, node, visit and choice (≤ 300 characters)', () => {
    const plan = planOf(questionData());
    const r = startRun(plan, { runId: 'run-1', friend: friendFixture(), at: T0 });
    const send = r.effects.find((e) => e.kind === 'send');
    expect(send?.kind === 'send' && send.messages[0]).toMatchObject({
      type: 'text',
      text: '好きな色は？',
      quickReply: { items: [{ action: { type: 'postback', label: '赤', data: 'kz=q&r=run-1&n=q&v=1&c=0' } }, { action: { label: '青' } }] },
    });
    expect(questionPostbackData('x'.repeat(200), 'y'.repeat(60), 999, 12).length).toBeLessThanOrEqual(300);
  });

  it('as a buttons template: one postback button per choice, the same answers, and at most 4 choices', () => {
    const plan = planOf(questionData({ display: 'buttons' }));
    const r = startRun(plan, { runId: 'run-1', friend: friendFixture(), at: T0 });
    const send = r.effects.find((e) => e.kind === 'send');
    const message = send?.kind === 'send' ? send.messages[0] : undefined;
    expect(message).toEqual({
      type: 'template',
      altText: '好きな色は？',
      template: {
        type: 'buttons',
        text: '好きな色は？',
        actions: [
          { type: 'postback', label: '赤', data: 'kz=q&r=run-1&n=q&v=1&c=0', displayText: '赤' },
          { type: 'postback', label: '青', data: 'kz=q&r=run-1&n=q&v=1&c=1', displayText: '青' },
        ],
      },
    });
    // LINE's own limits hold for the message the node builds.
    expect(checkMessages([message!])).toEqual([]);
    const sent = step(plan, r.state, { kind: 'send_done', at: T0, nodeId: 'q', status: 'sent' });
    const tapped = step(plan, sent.state, { kind: 'event', at: T0 + HOUR, event: tap(T0 + HOUR, 'kz=q&r=run-1&n=q&v=1&c=1') });
    expect(left(tapped)).toEqual(['choice:blue']);
    expect(actions(tapped)).toEqual([{ type: 'set_attribute', key: 'color', value: 'blue' }]);

    const five = (display: QuestionData['display']) =>
      graphOf(
        [
          trig(),
          {
            id: 'q',
            kind: 'question',
            data: questionData({ display, saveTo: null, choices: [...'abcde'].map((id) => ({ id, label: id, value: '' })) }),
          },
          end(),
        ],
        [
          ['trigger', 'next', 'q'],
          ...['other', 'timeout', ...[...'abcde'].map((c) => `choice:${c}`)].map((o) => ['q', o, 'end'] as [string, string, string]),
        ],
      );
    expect(validate(five('buttons')).map((i) => i.code)).toEqual(['question_buttons_count']);
    // The same five choices as quick replies are fine.
    expect(validate(five('quick_reply'))).toEqual([]);
  });

  it('takes the tapped choice, saves its value and keeps the reply token for the next send', () => {
    const plan = planOf(questionData());
    const r = step(plan, asked(plan).state, { kind: 'event', at: T0 + HOUR, event: tap(T0 + HOUR, 'kz=q&r=run-1&n=q&v=1&c=1') });
    expect(left(r)).toEqual(['choice:blue']);
    expect(actions(r)).toEqual([{ type: 'set_attribute', key: 'color', value: 'blue' }]);
    expect(r.state.waiting).toMatchObject({ kind: 'friend', nodeId: 'thanks' });
    const loaded = step(plan, r.state, { kind: 'friend_loaded', at: T0 + HOUR, friend: r.state.friend });
    const ack = loaded.effects.find((e) => e.kind === 'send');
    expect(ack).toMatchObject({ nodeId: 'thanks', reply: { token: 'rt-1', issuedAt: T0 + HOUR } });
    expect(loaded.state.reply).toBeUndefined(); // used once
    expect(RunStateSchema.parse(JSON.parse(JSON.stringify(r.state)))).toEqual(r.state);
  });

  it('a typed label is that choice; other text leaves by "other"', () => {
    const plan = planOf(questionData());
    const byLabel = step(plan, asked(plan).state, { kind: 'event', at: T0 + HOUR, event: say(T0 + HOUR, ' 赤 ') });
    expect(left(byLabel)).toEqual(['choice:red']);
    const other = step(plan, asked(plan).state, { kind: 'event', at: T0 + HOUR, event: say(T0 + HOUR, '緑がいい') });
    expect(left(other)).toEqual(['other']);
    expect(actions(other)).toEqual([]);
  });

  it('times out by "timeout" at its deadline', () => {
    const plan = planOf(questionData());
    const r = step(plan, asked(plan).state, { kind: 'timer_fired', at: T0 + DAY });
    expect(left(r)).toEqual(['timeout']);
    expect(r.effects.find((e) => e.kind === 'node_left')).toMatchObject({ reason: expect.stringContaining('no answer by') });
  });

  it('a question that could not be sent leaves by "timeout"', () => {
    const plan = planOf(questionData());
    const r0 = startRun(plan, { runId: 'run-1', friend: friendFixture(), at: T0 });
    const r = step(plan, r0.state, { kind: 'send_done', at: T0, nodeId: 'q', status: 'skipped', reason: 'blocked' });
    expect(left(r)).toEqual(['timeout']);
  });

  it('ignores and records a stale button: an earlier visit, another node, or a question no longer asked', () => {
    const plan = planOf(questionData());
    const waiting = asked(plan).state;
    for (const data of ['kz=q&r=run-1&n=q&v=0&c=0', 'kz=q&r=run-1&n=other&v=1&c=0', 'kz=q&r=run-1&n=q&v=1&c=7']) {
      const r = step(plan, waiting, { kind: 'event', at: T0 + HOUR, event: tap(T0 + HOUR, data) });
      expect(r.effects.map((e) => e.kind)).toEqual(['answer_ignored']);
      expect(r.state.waiting).toEqual(waiting.waiting);
    }
    // Another run's button means nothing to this run (that run records it).
    const foreign = step(plan, waiting, { kind: 'event', at: T0 + HOUR, event: tap(T0 + HOUR, 'kz=q&r=run-2&n=q&v=1&c=0') });
    expect(foreign.effects).toEqual([]);
    // Answered, then the old button tapped again: ignored and recorded.
    const answered = step(plan, waiting, { kind: 'event', at: T0 + HOUR, event: tap(T0 + HOUR, 'kz=q&r=run-1&n=q&v=1&c=0') });
    const again = step(plan, answered.state, { kind: 'event', at: T0 + 2 * HOUR, event: tap(T0 + 2 * HOUR, 'kz=q&r=run-1&n=q&v=1&c=1') });
    expect(again.effects.map((e) => e.kind)).toEqual(['answer_ignored']);
  });

  it('re-asks an invalid typed answer as a new visit, up to maxReasks, then leaves by "other" unsaved', () => {
    const plan = planOf(
      questionData({
        choices: [],
        saveTo: { key: 'points', type: 'number' },
        freeText: { format: 'number', maxReasks: 1, invalidMessage: '数字でお答えください' },
      }),
    );
    const s0 = asked(plan).state;
    const bad = step(plan, s0, { kind: 'event', at: T0 + HOUR, event: say(T0 + HOUR, 'たくさん', 'rt-bad') });
    expect(bad.state.waiting).toMatchObject({ kind: 'send', nodeId: 'q', visit: 2, ask: { until: T0 + DAY, reasks: 1 } });
    const reask = bad.effects.find((e) => e.kind === 'send');
    expect(reask).toMatchObject({
      visit: 2,
      idempotencyKey: 'run-1:q:2',
      reply: { token: 'rt-bad' },
      messages: [{ text: '数字でお答えください' }, { text: '好きな色は？' }],
    });
    const s1 = step(plan, bad.state, { kind: 'send_done', at: T0 + HOUR, nodeId: 'q', status: 'sent' }).state;
    expect(s1.waiting).toMatchObject({ kind: 'answer', visit: 2, reasks: 1 });
    const good = step(plan, s1, { kind: 'event', at: T0 + 2 * HOUR, event: say(T0 + 2 * HOUR, '１，２００') });
    expect(left(good)).toEqual(['other']);
    expect(actions(good)).toEqual([{ type: 'set_attribute', key: 'points', value: 1200 }]);
    const stillBad = step(plan, s1, { kind: 'event', at: T0 + 2 * HOUR, event: say(T0 + 2 * HOUR, 'まだ') });
    expect(left(stillBad)).toEqual(['other']);
    expect(actions(stillBad)).toEqual([]);
  });

  it('types what it saves as the attribute says', () => {
    expect(typedValue('number', '42')).toBe(42);
    expect(typedValue('number', 'abc')).toBeUndefined();
    expect(typedValue('boolean', 'はい')).toBe(true);
    expect(typedValue('date', '2025/4/1')).toBe('2025-04-01');
    expect(typedValue('date', '2025-02-30')).toBeUndefined();
    expect(typedValue('enum', 'gold', ['gold', 'silver'])).toBe('gold');
    expect(typedValue('enum', 'bronze', ['gold', 'silver'])).toBeUndefined();
    expect(parseFreeText('email', 'a@example.jp')).toBe('a@example.jp');
    expect(parseFreeText('email', 'a@b')).toBeNull();
    expect(parseFreeText('phone', '090-1234-5678')).toBe('09012345678');
    // A choice value that does not fit the attribute goes on by its branch but is not saved.
    const d = questionData({ saveTo: { key: 'points', type: 'number' } });
    const r = answerQuestion(d, tap(T0, 'kz=q&r=run-1&n=q&v=1&c=0'), { runId: 'run-1', nodeId: 'q', visit: 1 }, 0);
    expect(r).toMatchObject({ type: 'go', output: 'choice:red', reason: expect.stringContaining('not saved') });
    expect(r.type === 'go' && r.action).toBeUndefined();
  });

  it('validation checks the saved type against the attribute definition', () => {
    const g = (saveTo: QuestionData['saveTo']) =>
      graphOf(
        [trig(), { id: 'q', kind: 'question', data: questionData({ saveTo }) }, end()],
        [
          ['trigger', 'next', 'q'],
          ['q', 'choice:red', 'end'],
          ['q', 'choice:blue', 'end'],
          ['q', 'other', 'end'],
          ['q', 'timeout', 'end'],
        ],
      );
    const attributes = [
      { key: 'color', label: '色', type: 'enum' as const, options: ['red', 'blue'] },
      { key: 'points', label: 'ポイント', type: 'number' as const },
    ];
    expect(validate(g({ key: 'color', type: 'enum', options: ['red', 'blue'] }), { attributes })).toEqual([]);
    expect(validate(g({ key: 'color', type: 'string' }), { attributes }).map((i) => i.code)).toEqual(['question_attribute_type']);
    expect(validate(g({ key: 'points', type: 'number' }), { attributes }).map((i) => i.code)).toEqual([
      'question_attribute_type',
      'question_attribute_type',
    ]);
  });

  it('simulates with the test friend’s answers as inputs', () => {
    const plan = planOf(questionData());
    const answered = simulate(plan, friendFixture(), { start: T0, runId: 'run-1', events: [tap(T0 + HOUR, 'kz=q&r=run-1&n=q&v=1&c=0')] });
    const q = answered.entries.find((e) => e.nodeId === 'q');
    expect(q).toMatchObject({ decision: 'choice:red', waitUntil: T0 + DAY, leftAt: T0 + HOUR });
    expect(answered.state.friend.attributes.color).toBe('red');
    const silent = simulate(plan, friendFixture(), { start: T0, runId: 'run-1' });
    expect(silent.entries.find((e) => e.nodeId === 'q')).toMatchObject({ decision: 'timeout', leftAt: T0 + DAY });
    const final: RunState = silent.state;
    expect(final.status).toBe('done');
  });
});

describe('question node in the preview', () => {
  it('an "answer" event answers the question being asked, by label, index or text', () => {
    const plan = planOf(questionData({ freeText: { format: 'free', maxReasks: 0, invalidMessage: '' } }));
    const run = (properties: Record<string, unknown>) =>
      simulate(plan, friendFixture(), { start: T0, runId: 'preview', events: [{ name: 'answer', at: T0 + HOUR, properties }] });
    expect(run({ choice: '青' }).entries.find((e) => e.nodeId === 'q')?.decision).toBe('choice:blue');
    expect(run({ choice: 0 }).entries.find((e) => e.nodeId === 'q')?.decision).toBe('choice:red');
    const typed = run({ text: '黄色' });
    expect(typed.entries.find((e) => e.nodeId === 'q')?.decision).toBe('other');
    expect(typed.state.friend.attributes.color).toBe('黄色');
  });
});
