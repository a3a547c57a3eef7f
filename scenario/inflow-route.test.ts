// Inflow routes (流入経路) in the core: the route_added trigger and the "came through route X" condition.
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { ConditionSchema, describeCondition, evaluate } from './conditions';
import { triggerMatches } from './entry';
import { FriendSnapshotSchema } from './friend';

const friend = (inflowRoute: string | null) =>
  FriendSnapshotSchema.parse({ id: 'f1', lineUserId: `U${'a'.repeat(32)}`, displayName: 'x', friendAddedAt: 0, inflowRoute });
const ctx = (route: string | null) => ({ friend: friend(route), now: 0, timeZone: 'Asia/Tokyo' });

describe('inflow route condition', () => {
  it('matches one route by code, any route, or neither', () => {
    const shibuya = ConditionSchema.parse({ type: 'inflow_route', routeCode: 'shibuya12345' });
    const any = ConditionSchema.parse({ type: 'inflow_route' });
    const notAny = ConditionSchema.parse({ type: 'inflow_route', is: false });
    expect([evaluate(shibuya, ctx('shibuya12345')), evaluate(shibuya, ctx('umeda1234567')), evaluate(shibuya, ctx(null))]).toEqual([
      true,
      false,
      false,
    ]);
    expect([evaluate(any, ctx('umeda1234567')), evaluate(any, ctx(null))]).toEqual([true, false]);
    expect([evaluate(notAny, ctx('umeda1234567')), evaluate(notAny, ctx(null))]).toEqual([false, true]);
    // A snapshot from before routes existed has no route.
    expect(evaluate(any, { ...ctx(null), friend: { ...friend(null), inflowRoute: undefined } })).toBe(false);
  });

  it('reads in both languages', () => {
    const c = ConditionSchema.parse({ type: 'inflow_route', routeCode: 'shibuya12345' });
    expect(describeCondition(c, 'ja')).toBe('流入経路「shibuya12345」から登録');
    expect(describeCondition(c, 'en')).toBe('came through route shibuya12345');
  });
});

describe('route_added trigger', () => {
  const plan = (routeCode: string) =>
    compile({
      schemaVersion: 1,
      settings: { timeZone: 'Asia/Tokyo', splitSalt: 's' },
      nodes: [
        {
          id: 'trigger',
          kind: 'trigger',
          position: { x: 0, y: 0 },
          data: { trigger: { type: 'route_added', routeCode }, reEntry: 'once' },
        },
        { id: 'end', kind: 'end', position: { x: 0, y: 100 }, data: {} },
      ],
      edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'end' }],
    });

  it('fires for its route, or for any route when no code is given, and for nothing else', () => {
    expect(triggerMatches(plan('shibuya12345'), { type: 'route_added', routeCode: 'shibuya12345' })).toBe(true);
    expect(triggerMatches(plan('shibuya12345'), { type: 'route_added', routeCode: 'umeda1234567' })).toBe(false);
    expect(triggerMatches(plan(''), { type: 'route_added', routeCode: 'umeda1234567' })).toBe(true);
    expect(triggerMatches(plan(''), { type: 'friend_added', refollow: false })).toBe(false);
  });
});
