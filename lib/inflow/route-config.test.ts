// An inflow route's settings as submitted, its code and URL, and what a completed visit counts as.
import { describe, expect, it } from 'vitest';
import { classifyVisit, newRouteCode, ROUTE_CODE, RouteInputSchema, routeUrl } from './route-config';

describe('route input', () => {
  it('fills defaults and de-duplicates tags', () => {
    const r = RouteInputSchema.parse({ name: ' 店頭POP ', tags: ['来店', '来店', ' VIP '] });
    expect(r).toEqual({ name: '店頭POP', tags: ['来店', 'VIP'], attributes: {}, scenarioId: null, reattribute: false, redirectUrl: null });
  });

  it('refuses an empty name, a non-http redirect and a malformed scenario id, each with its path', () => {
    const r = RouteInputSchema.safeParse({ name: '', redirectUrl: 'javascript:alert(1)', scenarioId: 'x' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['name', 'redirectUrl', 'scenarioId']);
  });

  it('takes attribute values of the three kinds', () => {
    const r = RouteInputSchema.parse({ name: 'a', attributes: { source: 'flyer', points: 10, vip: true } });
    expect(r.attributes).toEqual({ source: 'flyer', points: 10, vip: true });
  });
});

describe('route code and URL', () => {
  it('is 12 url-safe characters, different every time', () => {
    const codes = new Set(Array.from({ length: 50 }, newRouteCode));
    expect(codes.size).toBe(50);
    for (const c of codes) expect(c).toMatch(/^[A-Za-z0-9_-]{12}$/);
    for (const c of codes) expect(ROUTE_CODE.test(c)).toBe(true);
  });

  it('is /in/{code} on the app', () => {
    expect(routeUrl('https://kizuna.example.com', 'abc123def456')).toBe('https://kizuna.example.com/in/abc123def456');
  });
});

describe('visit outcome', () => {
  const started = new Date('2026-04-01T01:00:00Z');
  const before = new Date('2026-03-01T00:00:00Z');
  const after = new Date('2026-04-01T01:00:30Z');

  it('a friendship change with no friend row yet (webhook not handled) is a new friend', () => {
    expect(classifyVisit(true, null, started)).toBe('added');
  });
  it('a friendship change whose follow was handled first (added after the visit started) is a new friend', () => {
    expect(classifyVisit(true, { friendAddedAt: after, blockedAt: null }, started)).toBe('added');
  });
  it('a friendship change of someone who had blocked is a re-follow, handled before or after the webhook', () => {
    expect(classifyVisit(true, { friendAddedAt: before, blockedAt: new Date('2026-03-10T00:00:00Z') }, started)).toBe('refollow');
    expect(classifyVisit(true, { friendAddedAt: before, blockedAt: null }, started)).toBe('refollow');
  });
  it('no change: an existing friend, or somebody who did not add the account', () => {
    expect(classifyVisit(false, { friendAddedAt: before, blockedAt: null }, started)).toBe('existing');
    expect(classifyVisit(false, { friendAddedAt: before, blockedAt: before }, started)).toBe('not_friend');
    expect(classifyVisit(false, null, started)).toBe('not_friend');
  });
});
