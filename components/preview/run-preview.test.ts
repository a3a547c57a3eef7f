// runPreview on the welcome example: three messages on day 0, 7 and 14 at the right JST instants; the path and decisions explained.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { friendFixture } from '@/scenario/fixtures';
import { ScenarioGraphSchema } from '@/scenario/schema';
import { graphOf, trig, end, text } from '@/scenario/fixtures';
import { runPreview, withAnswer, type PlannedEvent } from './run-preview';

const welcome = ScenarioGraphSchema.parse(
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../../examples/welcome-steps.json'), 'utf8')),
);
const added = Date.parse('2025-04-01T15:23:00+09:00');
const jst = (at: number) => new Date(at + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('runPreview', () => {
  it('shows the welcome steps on day 0, 7 and 14 with their instants', () => {
    const r = runPreview(welcome, {
      friend: friendFixture({ friendAddedAt: added }),
      start: added,
      events: [],
      attributes: [],
      lang: 'ja',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.chat.map((c) => [c.day, jst(c.at)])).toEqual([
      [0, '2025-04-01 15:23'],
      [7, '2025-04-08 10:00'],
      [14, '2025-04-15 10:00'],
    ]);
    expect(r.chat[0]?.messages[0]).toMatchObject({ type: 'text', text: expect.stringContaining('花子さん') });
    expect([...r.path.nodes]).toEqual(['trigger', 'welcome', 'wait-7', 'week-1', 'wait-14', 'week-2', 'end']);
    expect([...r.path.edges]).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(r.steps.find((s) => s.nodeId === 'wait-7')).toMatchObject({ summary: '7日後の10:00', day: 0 });
    expect(r.timeline.end.reason).toBe('end');
  });

  it('takes the event branch when a planned event arrives in time', () => {
    const g = graphOf(
      [
        trig(),
        {
          id: 'w',
          kind: 'wait_for_event',
          data: { eventName: 'purchase', filter: [], timeout: { mode: 'duration', amount: 7, unit: 'days' } },
        },
        end('bought'),
        end('not'),
      ],
      [
        ['trigger', 'next', 'w'],
        ['w', 'event', 'bought'],
        ['w', 'timeout', 'not'],
      ],
    );
    const base = { friend: friendFixture({ friendAddedAt: added }), start: added, attributes: [], lang: 'en' as const };
    const bought = runPreview(g, { ...base, events: [{ day: 3, time: '19:00', name: 'purchase', properties: {} }] });
    const ignored = runPreview(g, { ...base, events: [] });
    if (!bought.ok || !ignored.ok) throw new Error('invalid');
    expect(bought.steps.map((s) => s.nodeId)).toEqual(['trigger', 'w', 'bought']);
    expect(bought.steps[1]).toMatchObject({ decision: 'event' });
    expect(jst(bought.steps[2]!.at)).toBe('2025-04-04 19:00');
    expect(ignored.steps.map((s) => s.nodeId)).toEqual(['trigger', 'w', 'not']);
  });

  it('shows a waiting question’s choices; pressing one answers it a minute later and takes that branch', () => {
    const g = graphOf(
      [
        trig(),
        {
          id: 'q',
          kind: 'question',
          data: {
            text: '好きな色は？',
            choices: [
              { id: 'red', label: '赤', value: '' },
              { id: 'blue', label: '青', value: '' },
            ],
            display: 'buttons',
            saveTo: null,
            freeText: null,
            timeout: { mode: 'duration', amount: 1, unit: 'days' },
          },
        },
        text('red', '赤ですね'),
        text('blue', '青ですね'),
        end(),
      ],
      [
        ['trigger', 'next', 'q'],
        ['q', 'choice:red', 'red'],
        ['q', 'choice:blue', 'blue'],
        ['q', 'other', 'end'],
        ['q', 'timeout', 'end'],
        ['red', 'next', 'end'],
        ['blue', 'next', 'end'],
      ],
    );
    const base = { friend: friendFixture({ friendAddedAt: added }), start: added, attributes: [], lang: 'ja' as const };
    const waiting = runPreview(g, { ...base, events: [] });
    if (!waiting.ok) throw new Error(JSON.stringify(waiting.issues));
    const asked = waiting.chat[0];
    expect(asked?.messages[0]).toMatchObject({ type: 'template', template: { type: 'buttons', text: '好きな色は？' } });
    expect(asked?.question).toEqual({ choices: ['赤', '青'], answered: null, answer: { day: 0, time: '15:24' } });

    let events: PlannedEvent[] = withAnswer([], asked!.question!.answer, 0);
    events = withAnswer(events, asked!.question!.answer, 1); // pressed again: the answer is replaced, not added
    expect(events).toEqual([{ day: 0, time: '15:24', name: 'answer', properties: { choice: 1 } }]);
    const answered = runPreview(g, { ...base, events });
    if (!answered.ok) throw new Error('invalid');
    expect(answered.chat.map((c) => [c.nodeId, jst(c.at)])).toEqual([
      ['q', '2025-04-01 15:23'],
      ['blue', '2025-04-01 15:24'],
    ]);
    expect(answered.chat[0]?.question?.answered).toBe(1);
  });

  it('refuses to run a graph with problems, and says which', () => {
    const r = runPreview(graphOf([trig()], []), { friend: friendFixture(), start: added, events: [], attributes: [], lang: 'en' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['output_unconnected']);
  });
});
