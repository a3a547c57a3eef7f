// Quiet hours: a draft following the account default gets it pinned at compile; its own window or none stay as written.
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { emptyGraph } from './empty';
import { chainOf, end, friendFixture, text, trig } from './fixtures';
import { startRun } from './interpret';
import { describePosition } from './position';
import { describeHold, isQuietHold, resolveQuietHours } from './quiet-hours';
import type { ScenarioSettings } from './schema';

const welcome = (quietHours?: ScenarioSettings['quietHours']) =>
  chainOf([trig(), text('hello', 'ようこそ'), end()], quietHours === undefined ? {} : { quietHours });
const LATE = Date.parse('2025-04-01T23:30:00+09:00');

describe('quiet hours: account default and override', () => {
  it('new scenarios follow the account default, which is on, 21:00–09:00', () => {
    expect(emptyGraph('s').settings.quietHours).toBe('account');
    expect(compile(welcome('account')).settings.quietHours).toEqual({ start: '21:00', end: '09:00' });
  });

  it('pins the account window of the moment into the plan; a later change of the account makes a different plan', () => {
    const at22 = compile(welcome('account'), { accountQuietHours: { enabled: true, start: '22:00', end: '08:00' } });
    expect(at22.settings.quietHours).toEqual({ start: '22:00', end: '08:00' });
    // Same content as writing the window into the scenario: the plan only knows the window it obeys.
    expect(at22.hash).toBe(compile(welcome({ start: '22:00', end: '08:00' })).hash);
    expect(compile(welcome('account')).hash).not.toBe(at22.hash);
  });

  it('an account default switched off gives no quiet hours; an override and "none" ignore the account', () => {
    const off = { enabled: false, start: '21:00', end: '09:00' };
    expect(compile(welcome('account'), { accountQuietHours: off }).settings.quietHours).toBeUndefined();
    expect(compile(welcome({ start: '20:00', end: '10:00' }), { accountQuietHours: off }).settings.quietHours).toEqual({
      start: '20:00',
      end: '10:00',
    });
    expect(compile(welcome()).settings.quietHours).toBeUndefined();
    expect(resolveQuietHours(undefined, { enabled: true, start: '21:00', end: '09:00' })).toBeUndefined();
  });

  it('holds a 23:30 friend-add until 09:00 and says so, in Japanese and English', () => {
    const plan = compile(welcome('account'));
    const r = startRun(plan, { runId: 'r', friend: friendFixture(), at: LATE });
    expect(isQuietHold(r.state.waiting)).toBe(true);
    expect(r.state.waiting).toMatchObject({ kind: 'timer', until: Date.parse('2025-04-02T09:00:00+09:00') });
    expect(describePosition(plan, r.state, 'ja').text).toBe(
      '「ようこそ」を21:00–09:00の配信停止時間のため 2025-04-02 09:00 JST まで保留中',
    );
    expect(describePosition(plan, r.state, 'en').text).toBe('ようこそ: held for quiet hours 21:00–09:00 until 2025-04-02 09:00 JST');
    expect(describeHold({ start: '21:00', end: '09:00' }, '09:00', 'ja')).toBe('21:00–09:00の配信停止時間のため 09:00 まで保留');
  });

  it('a wait is not a hold', () => {
    const plan = compile(chainOf([trig(), { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 1, unit: 'days' } }, end()]));
    expect(isQuietHold(startRun(plan, { runId: 'r', friend: friendFixture(), at: LATE }).state.waiting)).toBe(false);
  });
});
