// simulate(): horizons, events joining the friend's history, actions seen by later steps, entry rules and positions.
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { triggerMatches, mayEnter } from './entry';
import { chainOf, end, friendFixture, graphOf, text, trig } from './fixtures';
import { startRun } from './interpret';
import { describePosition } from './position';
import { simulate } from './simulate';
import { DAY } from './time';

const T0 = Date.parse('2025-04-01T15:23:00+09:00');

describe('simulate', () => {
  it('stops at the horizon while a friend still waits', () => {
    const plan = compile(chainOf([trig(), { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 30, unit: 'days' } }, end()]));
    const t = simulate(plan, friendFixture(), { start: T0, horizon: T0 + 10 * DAY });
    expect(t.end).toMatchObject({ reason: 'horizon', at: T0 + 10 * DAY });
    expect(t.entries.at(-1)).toMatchObject({ nodeId: 'w', waitUntil: T0 + 30 * DAY });
    expect(t.entries.at(-1)?.decision).toBeUndefined();
  });

  it('lets later branches see events that arrived and tags an action added', () => {
    const plan = compile(
      graphOf(
        [
          trig(),
          { id: 'tag', kind: 'action', data: { action: { type: 'add_tag', tag: 'seen' } } },
          { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 2, unit: 'days' } },
          {
            id: 'b',
            kind: 'branch',
            data: {
              cases: [
                {
                  id: 'both',
                  condition: {
                    type: 'all',
                    conditions: [
                      { type: 'tag', tag: 'seen', has: true },
                      { type: 'event_count', eventName: 'visit', filter: [], op: 'gte', count: 1 },
                    ],
                  },
                },
              ],
            },
          },
          text('yes', 'both'),
          end(),
        ],
        [
          ['trigger', 'next', 'tag'],
          ['tag', 'next', 'w'],
          ['w', 'next', 'b'],
          ['b', 'case:both', 'yes'],
          ['b', 'else', 'end'],
          ['yes', 'next', 'end'],
        ],
      ),
    );
    const t = simulate(plan, friendFixture(), { start: T0, events: [{ name: 'visit', at: T0 + DAY, properties: {} }] });
    expect(t.entries.find((e) => e.nodeId === 'b')).toMatchObject({
      decision: 'case:both',
      reason: 'tag seen and visit count ≥ 1 → case 1',
    });
    expect(t.state.friend.tags).toEqual(['seen']);
  });

  it('assigns split variants per friend, the same on every run', () => {
    const plan = compile(
      graphOf(
        [
          trig(),
          {
            id: 'ab',
            kind: 'split',
            data: {
              variants: [
                { id: 'a', label: 'A', weight: 1 },
                { id: 'b', label: 'B', weight: 1 },
              ],
            },
          },
          text('sa', 'A'),
          text('sb', 'B'),
          end(),
        ],
        [
          ['trigger', 'next', 'ab'],
          ['ab', 'variant:a', 'sa'],
          ['ab', 'variant:b', 'sb'],
          ['sa', 'next', 'end'],
          ['sb', 'next', 'end'],
        ],
      ),
    );
    const pick = (id: string) => simulate(plan, friendFixture({ id }), { start: T0 }).entries.find((e) => e.nodeId === 'ab')?.decision;
    const seen = new Set(Array.from({ length: 40 }, (_, i) => pick(`f${i}`)));
    expect(seen).toEqual(new Set(['variant:a', 'variant:b']));
    for (let i = 0; i < 40; i++) expect(pick(`f${i}`)).toBe(pick(`f${i}`));
  });
});

describe('across a DST transition', () => {
  it('keeps daily 10:00 sends at 10:00 local in New York over spring-forward and fall-back', () => {
    const plan = compile(
      graphOf(
        [trig(), { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 1, unit: 'days', atTime: '10:00' } }, text('s', 'daily')],
        [
          ['trigger', 'next', 'w'],
          ['w', 'next', 's'],
          ['s', 'next', 'w'],
        ],
        { timeZone: 'America/New_York', quietHours: { start: '22:00', end: '08:00' } },
      ),
    );
    const spring = simulate(plan, friendFixture(), {
      start: Date.parse('2025-03-07T12:00:00-05:00'),
      horizon: Date.parse('2025-03-11T00:00:00-04:00'),
    });
    expect(spring.entries.filter((e) => e.nodeId === 's').map((e) => e.time)).toEqual([
      '2025-03-08T10:00:00-05:00',
      '2025-03-09T10:00:00-04:00',
      '2025-03-10T10:00:00-04:00',
    ]);
    const fall = simulate(plan, friendFixture(), {
      start: Date.parse('2025-11-01T12:00:00-04:00'),
      horizon: Date.parse('2025-11-03T12:00:00-05:00'),
    });
    expect(fall.entries.filter((e) => e.nodeId === 's').map((e) => e.time)).toEqual([
      '2025-11-02T10:00:00-05:00',
      '2025-11-03T10:00:00-05:00',
    ]);
  });
});

describe('entry rules', () => {
  const eventPlan = compile(
    chainOf([trig({ trigger: { type: 'event', eventName: 'purchase', filter: [{ property: 'total', op: 'gte', value: 5000 }] } }), end()]),
  );
  it.each([
    [{ type: 'event' as const, event: { name: 'purchase', at: T0, properties: { total: 6000 } } }, true],
    [{ type: 'event' as const, event: { name: 'purchase', at: T0, properties: { total: 100 } } }, false],
    [{ type: 'event' as const, event: { name: 'cart_abandoned', at: T0, properties: {} } }, false],
    [{ type: 'friend_added' as const, refollow: false }, false],
  ])('event trigger matches %j → %s', (occ, expected) => expect(triggerMatches(eventPlan, occ)).toBe(expected));

  it('matches friend-added and re-follow as configured', () => {
    const plan = compile(chainOf([trig(), end()]));
    expect(triggerMatches(plan, { type: 'friend_added', refollow: false })).toBe(true);
    expect(triggerMatches(plan, { type: 'friend_added', refollow: true })).toBe(false);
  });

  it.each([
    ['once', { active: false, previousRuns: 0 }, true],
    ['once', { active: false, previousRuns: 1 }, false],
    ['after_exit', { active: true, previousRuns: 1 }, false],
    ['after_exit', { active: false, previousRuns: 3 }, true],
    ['always', { active: true, previousRuns: 3 }, true],
  ] as const)('%s with %j → %s', (policy, history, expected) => expect(mayEnter(policy, history)).toBe(expected));
});

describe('describePosition', () => {
  it('says where a friend waits and until when', () => {
    const plan = compile(
      chainOf([trig(), { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 7, unit: 'days', atTime: '10:00' } }, end()]),
    );
    const r = startRun(plan, { runId: 'r', friend: friendFixture(), at: T0 });
    expect(describePosition(plan, r.state)).toMatchObject({
      nodeId: 'w',
      waitingFor: 'timer',
      until: Date.parse('2025-04-08T10:00:00+09:00'),
      text: 'Waiting at w (after 7 days at 10:00 JST) until 2025-04-08 10:00 JST',
    });
    expect(describePosition(plan, r.state, 'ja').text).toBe('「7日後の10:00」で待機中 2025-04-08 10:00 JSTまで');
    const done = startRun(compile(chainOf([trig(), end()])), { runId: 'r', friend: friendFixture(), at: T0 });
    expect(describePosition(compile(chainOf([trig(), end()])), done.state).text).toBe('Finished (end) at 2025-04-01 15:23 JST');
  });
});
