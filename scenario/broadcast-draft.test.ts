// The broadcast screen's one-step scenario: built, read back, valid, sent to test friends unfiltered, and scheduled
// only in the future (JST, whatever the machine's zone).
import { describe, expect, it } from 'vitest';
import { broadcastInstant } from './broadcast';
import {
  BROADCAST_NODES,
  EVERYONE,
  broadcastGraph,
  readBroadcast,
  resolveSchedule,
  testSendGraph,
  type BroadcastFields,
} from './broadcast-draft';
import { compile } from './compile';
import { evaluate } from './conditions';
import { friendFixture } from './fixtures';
import { validate } from './validate';

const fields: BroadcastFields = {
  send: { messages: [{ type: 'text', text: '{{friend.displayName|お客様}}さま、春のセールです' }], trackLinks: true },
  audience: { type: 'tag', tag: 'vip', has: true },
  quietHours: 'account',
  sendAt: '2025-04-08T10:00',
};
/** 2025-04-08 09:30 JST. */
const NOW = Date.UTC(2025, 3, 8, 0, 30);

describe('broadcast draft', () => {
  it('builds a valid one-step scenario whose plan sends at the JST time', () => {
    const g = broadcastGraph(fields, 'salt');
    expect(validate(g)).toEqual([]);
    const plan = compile(g, { accountQuietHours: { enabled: true, start: '21:00', end: '09:00' } });
    expect(broadcastInstant(plan)).toBe(Date.UTC(2025, 3, 8, 1, 0));
    expect(plan.settings.quietHours).toEqual({ start: '21:00', end: '09:00' });
  });

  it('reads its own shape back, and nothing else', () => {
    expect(readBroadcast(broadcastGraph(fields, 'salt'))).toEqual(fields);
    expect(readBroadcast(broadcastGraph({ ...fields, quietHours: undefined }, 'salt'))?.quietHours).toBeUndefined();
    const g = broadcastGraph(fields, 'salt');
    const twoSends = {
      ...g,
      nodes: g.nodes.map((n) => (n.id === BROADCAST_NODES.end ? { ...n, kind: 'send' as const, data: fields.send } : n)),
    };
    expect(readBroadcast(twoSends)).toBeNull();
    expect(readBroadcast({ ...g, edges: g.edges.slice(0, 1) })).toBeNull();
  });

  it('test-sends to anyone at once: no audience, no quiet hours', () => {
    const g = testSendGraph(broadcastGraph(fields, 'salt'));
    expect(g.settings.quietHours).toBeUndefined();
    const trigger = g.nodes.find((n) => n.kind === 'trigger');
    expect(trigger?.kind === 'trigger' && trigger.data.trigger.type === 'segment_broadcast' && trigger.data.trigger.audience).toEqual(
      EVERYONE,
    );
    expect(evaluate(EVERYONE, { friend: friendFixture(), now: NOW, timeZone: 'Asia/Tokyo' })).toBe(true);
  });

  it('schedules now (this minute) or a future JST time; refuses the past and times that do not exist', () => {
    expect(resolveSchedule({ mode: 'now' }, NOW + 42_000, 'Asia/Tokyo')).toEqual({ ok: true, sendAt: '2025-04-08T09:30', at: NOW });
    expect(resolveSchedule({ mode: 'at', at: '2025-04-08T09:31' }, NOW, 'Asia/Tokyo')).toEqual({
      ok: true,
      sendAt: '2025-04-08T09:31',
      at: NOW + 60_000,
    });
    expect(resolveSchedule({ mode: 'at', at: '2025-04-08T09:30' }, NOW, 'Asia/Tokyo')).toEqual({ ok: false, reason: 'past' });
    expect(resolveSchedule({ mode: 'at', at: '2020-01-01T10:00' }, NOW, 'Asia/Tokyo')).toEqual({ ok: false, reason: 'past' });
    expect(resolveSchedule({ mode: 'at', at: '2025-02-30T10:00' }, NOW, 'Asia/Tokyo')).toEqual({ ok: false, reason: 'invalid' });
    expect(resolveSchedule({ mode: 'at', at: 'tomorrow' }, NOW, 'Asia/Tokyo')).toEqual({ ok: false, reason: 'invalid' });
  });
});
