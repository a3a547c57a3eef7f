// 「登録からN日後のHH:mm」: waits counted from the run's entry, in JST and across DST, and unmoved by quiet-hour holds.
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { chainOf, end, friendFixture, text, trig, type StepSpec } from './fixtures';
import { explainOf, summaryOf } from './nodes';
import { simulate } from './simulate';
import { validate } from './validate';

const afterEntry = (id: string, days: number, time: string): StepSpec => ({ id, kind: 'wait', data: { mode: 'after_entry', days, time } });
const sendTimes = (t: ReturnType<typeof simulate>) =>
  t.entries.filter((e) => e.kind === 'send').map((e) => new Date(e.sentAt ?? e.at).toISOString());
const iso = (s: string) => new Date(Date.parse(s)).toISOString();

describe('entry-anchored wait', () => {
  it('lands on the entry date + N days at HH:mm, Japan time', () => {
    const plan = compile(
      chainOf([trig(), afterEntry('d1', 1, '10:00'), text('m1', 'day 1'), afterEntry('d3', 3, '19:30'), text('m3', 'day 3'), end()]),
    );
    // Entered at 23:50 JST: "1 day after" is the next calendar day in Japan, whatever the UTC date.
    const t = simulate(plan, friendFixture(), { start: Date.parse('2025-04-01T23:50:00+09:00') });
    expect(sendTimes(t)).toEqual([iso('2025-04-02T10:00:00+09:00'), iso('2025-04-04T19:30:00+09:00')]);
  });

  it('counts calendar days in the scenario zone across a DST change (America/New_York)', () => {
    const steps = [trig(), afterEntry('d3', 3, '09:00'), text('m', 'hi'), afterEntry('d4', 4, '02:30'), text('gap', 'in the gap'), end()];
    const plan = compile(chainOf(steps, { timeZone: 'America/New_York' }));
    // Entered Friday 2025-03-07 12:00 EST; clocks go forward on Sunday 9 March at 02:00.
    const t = simulate(plan, friendFixture(), { start: Date.parse('2025-03-07T12:00:00-05:00') });
    expect(sendTimes(t)).toEqual([
      iso('2025-03-10T09:00:00-04:00'), // 09:00 EDT on Monday: 3 calendar days, 69 elapsed hours
      iso('2025-03-11T02:30:00-04:00'),
    ]);
    // In autumn the wall time holds too: 09:00 EDT entry + 3 days = 09:00 EST.
    const fall = simulate(
      compile(chainOf([trig(), afterEntry('d3', 3, '09:00'), text('m', 'hi'), end()], { timeZone: 'America/New_York' })),
      friendFixture(),
      {
        start: Date.parse('2025-10-31T08:00:00-04:00'),
      },
    );
    expect(sendTimes(fall)).toEqual([iso('2025-11-03T09:00:00-05:00')]);
  });

  it('moves a time in the spring-forward gap to the wall time an hour on (02:30 → 03:30 EDT)', () => {
    const plan = compile(chainOf([trig(), afterEntry('d2', 2, '02:30'), text('m', 'hi'), end()], { timeZone: 'America/New_York' }));
    const t = simulate(plan, friendFixture(), { start: Date.parse('2025-03-07T12:00:00-05:00') });
    expect(sendTimes(t)).toEqual([iso('2025-03-09T03:30:00-04:00')]);
  });

  it('a quiet-hour hold never shifts later entry-anchored steps (waits from the previous step do shift)', () => {
    const quiet = { quietHours: { start: '21:00', end: '09:00' } };
    const anchored = compile(
      chainOf(
        [
          trig(),
          text('welcome', 'ようこそ'),
          afterEntry('d1', 1, '10:00'),
          text('m1', '1日後'),
          afterEntry('d3', 3, '10:00'),
          text('m3', '3日後'),
          end(),
        ],
        quiet,
      ),
    );
    const start = Date.parse('2025-04-01T23:30:00+09:00');
    const t = simulate(anchored, friendFixture(), { start });
    expect(sendTimes(t)).toEqual([iso('2025-04-02T09:00:00+09:00'), iso('2025-04-02T10:00:00+09:00'), iso('2025-04-04T10:00:00+09:00')]);
    const welcome = t.entries.find((e) => e.nodeId === 'welcome');
    expect(welcome).toMatchObject({ at: start, waitUntil: Date.parse('2025-04-02T09:00:00+09:00') });

    // The same plan counted from the previous step: the 09:00 release pushes "1 day later at 10:00" to 3 April.
    const relative = compile(
      chainOf(
        [
          trig(),
          text('welcome', 'ようこそ'),
          { id: 'd1', kind: 'wait', data: { mode: 'duration', amount: 1, unit: 'days', atTime: '10:00' } },
          text('m1', '1日後'),
          end(),
        ],
        quiet,
      ),
    );
    expect(sendTimes(simulate(relative, friendFixture(), { start }))[1]).toBe(iso('2025-04-03T10:00:00+09:00'));
  });

  it('is due at once when the friend reaches it after its time, and later steps keep their times', () => {
    const plan = compile(
      chainOf(
        [
          trig(),
          text('welcome', 'ようこそ'),
          afterEntry('d0', 0, '08:00'),
          text('m0', '当日'),
          afterEntry('d2', 2, '12:00'),
          text('m2', '2日後'),
          end(),
        ],
        {
          quietHours: { start: '21:00', end: '09:00' },
        },
      ),
    );
    const t = simulate(plan, friendFixture(), { start: Date.parse('2025-04-01T23:30:00+09:00') });
    expect(sendTimes(t)).toEqual([iso('2025-04-02T09:00:00+09:00'), iso('2025-04-02T09:00:00+09:00'), iso('2025-04-03T12:00:00+09:00')]);
    const d0 = t.entries.find((e) => e.nodeId === 'd0');
    expect(d0?.waitUntil).toBeUndefined();
    const node = plan.nodes.d0!;
    expect(explainOf(node, { output: 'next', sent: false }, 'ja', { timeZone: 'Asia/Tokyo' })).toBe(
      '登録当日の08:00を過ぎているため、すぐに進む',
    );
    expect(explainOf(node, { output: 'next', sent: false }, 'en', { timeZone: 'Asia/Tokyo' })).toBe(
      'on the day of entry at 08:00 JST has passed, so it carries on at once',
    );
  });

  it('reads 「登録から3日後の10:00」 on the canvas, in both languages', () => {
    const node = { kind: 'wait' as const, data: { mode: 'after_entry' as const, days: 3, time: '10:00' } };
    expect(summaryOf(node, 'ja', { timeZone: 'Asia/Tokyo' })).toBe('登録から3日後の10:00');
    expect(summaryOf(node, 'en', { timeZone: 'Asia/Tokyo' })).toBe('3 days after entry at 10:00 JST');
    expect(summaryOf({ ...node, data: { ...node.data, days: 1 } }, 'en', { timeZone: 'Asia/Tokyo' })).toBe(
      '1 day after entry at 10:00 JST',
    );
    expect(summaryOf({ ...node, data: { ...node.data, days: 0 } }, 'ja', { timeZone: 'Asia/Tokyo' })).toBe('登録当日の10:00');
    expect(summaryOf(node, 'ja', { timeZone: 'America/New_York' })).toBe('登録から3日後の10:00 (America/New_York)');
  });

  it('refuses a negative day count and a time that is not HH:mm, each at its field', () => {
    const graph = chainOf([trig(), afterEntry('w', -1, '25:00'), end()]);
    const issues = validate(graph);
    expect(issues.map((i) => [i.nodeId, i.path.join('.')])).toEqual(
      expect.arrayContaining([
        ['w', 'nodes.1.data.days'],
        ['w', 'nodes.1.data.time'],
      ]),
    );
  });
});
