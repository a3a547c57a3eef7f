import { describe, expect, it } from 'vitest';
import { formatInstant } from './format';

describe('formatInstant', () => {
  it('shows JST by default', () => {
    expect(formatInstant(Date.UTC(2026, 0, 5, 1, 0), 'ja')).toBe('2026/01/05 10:00 JST');
    expect(formatInstant(Date.UTC(2026, 0, 5, 1, 0), 'en')).toBe('Jan 5, 2026 10:00 JST');
  });
});
