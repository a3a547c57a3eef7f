// compareVersions: the marks each canvas of the side-by-side compare shows.
import { describe, expect, it } from 'vitest';
import { chainOf, end, text, trig } from './fixtures';
import { compareVersions } from './version-compare';

const v1 = chainOf([trig(), text('hello', 'こんにちは'), text('follow', '3日後です'), end()]);
const v2 = chainOf([trig(), text('hello', 'こんばんは'), text('coupon', 'クーポンです'), end()]);

describe('compareVersions', () => {
  it('marks removed and changed steps on the older canvas, added and changed ones on the newer', () => {
    const c = compareVersions(v1, v2);
    expect(c.before).toEqual({ follow: 'removed', hello: 'changed' });
    expect(c.after).toEqual({ coupon: 'added', hello: 'changed' });
    // trigger (its next still leads to hello) and end are on both and unchanged.
    expect(c.unchanged).toBe(2);
    expect(c.diff.settings).toEqual([]);
  });

  it('marks nothing when only positions moved, and names a changed setting', () => {
    const moved = { ...v1, nodes: v1.nodes.map((n) => ({ ...n, position: { x: n.position.x + 500, y: 0 } })) };
    expect(compareVersions(v1, moved)).toMatchObject({ before: {}, after: {}, unchanged: 4 });
    const capped = { ...v1, settings: { ...v1.settings, frequencyCap: { maxSends: 2, mode: 'skip' as const } } };
    const c = compareVersions(v1, capped);
    expect([c.before, c.after, c.diff.settings]).toEqual([{}, {}, ['frequencyCap']]);
  });

  it('marks a step whose outgoing connection was rewired as changed on both sides', () => {
    const rewired = { ...v1, edges: v1.edges.map((e) => (e.source === 'hello' ? { ...e, target: 'end' } : e)) };
    const c = compareVersions(v1, rewired);
    expect(c.before).toEqual({ hello: 'changed' });
    expect(c.after).toEqual({ hello: 'changed' });
  });
});
