import { describe, expect, it } from 'vitest';
import { retryKeyFor } from './retry-key';

describe('retryKeyFor', () => {
  it('is a stable UUID per send and differs between sends', () => {
    const a = retryKeyFor('run-1:send-1:1');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(retryKeyFor('run-1:send-1:1')).toBe(a);
    expect(retryKeyFor('run-1:send-1:2')).not.toBe(a);
  });
});
