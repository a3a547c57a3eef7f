// Formatting and scales of the analytics views.
import { describe, expect, it } from 'vitest';
import { flowWidth, percent, points, pValue, rateColour, RATE_COLOURS } from './format';

describe('analytics format', () => {
  it('formats rates, points and p-values', () => {
    expect(percent(1, 3)).toBe('33.3%');
    expect(percent(0, 0)).toBe('—');
    expect(points(0.1)).toBe('+10.0 pt');
    expect(points(-0.0249)).toBe('−2.5 pt');
    expect(pValue(0.0051)).toBe('0.005');
    expect(pValue(0.0001)).toBe('< 0.001');
    expect(pValue(null)).toBe('—');
  });
  it('scales colour by rate relative to the best node, and width by flow', () => {
    expect(rateColour(null, 0.2)).toBe(RATE_COLOURS[0]);
    expect(rateColour(0, 0.2)).toBe(RATE_COLOURS[0]);
    expect(rateColour(0.01, 0.2)).toBe(RATE_COLOURS[1]);
    expect(rateColour(0.2, 0.2)).toBe(RATE_COLOURS[4]);
    expect(flowWidth(0, 100)).toBe(1.5);
    expect(flowWidth(100, 100)).toBe(10);
    expect(flowWidth(25, 100)).toBe(6);
  });
});
