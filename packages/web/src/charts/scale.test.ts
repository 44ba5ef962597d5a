import { describe, it, expect } from 'vitest';
import { agreeColor, errorColor, linearScale, niceTicks, textOn } from './scale.ts';
import { alphaBand, formatAlpha, formatInterval, formatPercent } from './format.ts';

describe('chart scales', () => {
  it('maps linearly and inverts a pixel range', () => {
    const y = linearScale([0, 1], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(0.25)).toBe(150);
    expect(y(1)).toBe(0);
    expect(linearScale([2, 2], [0, 100])(2)).toBe(50);
  });

  it('gives round ticks covering the domain', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.5, 1, 3)).toEqual([-0.5, 0, 0.5, 1]);
    expect(niceTicks(0, 37, 4)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(1, 1)).toEqual([1]);
    expect(niceTicks(0, Number.NaN)).toEqual([]);
  });

  it('colours error rates from white to red and picks readable text', () => {
    expect(errorColor(0)).toBe('#f8fafc');
    expect(errorColor(1)).toBe('#b91c1c');
    expect(errorColor(-1)).toBe('#f8fafc');
    expect(agreeColor(1)).toBe('#4f46e5');
    expect(textOn(errorColor(1))).toBe('#ffffff');
    expect(textOn(errorColor(0))).toBe('#18202c');
    expect(textOn('not a colour')).toBe('#18202c');
  });
});

describe('number formats', () => {
  it('formats percentages, intervals and alpha', () => {
    expect(formatPercent(0.9123)).toBe('91.2%');
    expect(formatInterval(0.8, 0.95)).toBe('80.0–95.0%');
    expect(formatAlpha(-0.25)).toBe('−0.250');
    expect(formatAlpha(0.71234)).toBe('0.712');
  });

  it("bands alpha by Krippendorff's thresholds", () => {
    expect(alphaBand(0.85)).toBe('good');
    expect(alphaBand(0.7)).toBe('tentative');
    expect(alphaBand(0.5)).toBe('low');
  });
});
