// jsonDigest: stable across key order, sensitive to content, and safe on values far deeper than JSON.stringify handles.
import { describe, expect, it } from 'vitest';
import { jsonDigest } from './json-digest';

describe('jsonDigest', () => {
  it('ignores key order and the omitted top-level keys, and nothing else', () => {
    const a = jsonDigest({ type: 'x', n: [1, 'a,b'], deliveryContext: { isRedelivery: false } }, ['deliveryContext']);
    expect(jsonDigest({ n: [1, 'a,b'], type: 'x', deliveryContext: { isRedelivery: true } }, ['deliveryContext'])).toBe(a);
    expect(jsonDigest({ type: 'x', n: [1, 'a', 'b'] }, ['deliveryContext'])).not.toBe(a);
    expect(jsonDigest({ type: 'x', n: [1, 'a,b'], deliveryContext: {} })).not.toBe(a);
    expect(jsonDigest({ a: { deliveryContext: 1 } }, ['deliveryContext'])).not.toBe(jsonDigest({ a: {} }, ['deliveryContext']));
  });

  it('hashes a value 200,000 levels deep', () => {
    const deep: unknown = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000));
    expect(jsonDigest(deep)).toMatch(/^[0-9a-f]{64}$/);
  });
});
