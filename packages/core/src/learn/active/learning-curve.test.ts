import { describe, expect, it } from 'vitest';
import { LearningCurve } from './learning-curve.ts';

describe('LearningCurve', () => {
  it('records points and gives the mean accuracy by trapezoids', () => {
    const c = new LearningCurve('random');
    c.record(10, 0.8);
    c.record(20, 0.9);
    c.record(40, 0.9);
    expect(c.area().value).toBeCloseTo((0.85 * 10 + 0.9 * 20) / 30, 12);
    expect(c.area(15, 20).value).toBeCloseTo(0.875, 12);
    expect(c.at(20)).toBe(0.9);
    expect(c.points.length).toBe(3);
  });

  it('is undefined with a reason instead of NaN', () => {
    const c = new LearningCurve();
    expect(c.area().reason).toMatch(/fewer than two/);
    c.record(1, 0.5);
    c.record(2, 0.6);
    expect(c.area(0, 2).reason).toMatch(/not inside/);
  });

  it('rejects points out of order or out of range', () => {
    const c = new LearningCurve('al');
    c.record(5, 0.5);
    expect(() => c.record(5, 0.6)).toThrow(/al: labels must be an integer above 5/);
    expect(() => c.record(6, 1.2)).toThrow(/not in \[0, 1\]/);
  });
});
