import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../quality/index.ts';
import { abAccuracy, assignArm, type AbOutcome } from './ab-test.ts';

describe('assignArm', () => {
  it('is deterministic, depends on the seed, and splits at the share', () => {
    expect(assignArm('t-1', 's')).toBe(assignArm('t-1', 's'));
    const ids = Array.from({ length: 20_000 }, (_, i) => `task-${i}`);
    const b = ids.filter((id) => assignArm(id, 'exp-1') === 'B').length / ids.length;
    expect(b).toBeGreaterThan(0.48);
    expect(b).toBeLessThan(0.52);
    const b10 = ids.filter((id) => assignArm(id, 'exp-1', 0.1) === 'B').length / ids.length;
    expect(b10).toBeGreaterThan(0.09);
    expect(b10).toBeLessThan(0.11);
    const changed = ids.filter((id) => assignArm(id, 'exp-1') !== assignArm(id, 'exp-2')).length;
    expect(changed / ids.length).toBeGreaterThan(0.4);
    expect(assignArm(7, 's')).toBe(assignArm(7, 's'));
    expect(() => assignArm('x', 's', 1.5)).toThrow(/shareB/);
  });
});

describe('abAccuracy', () => {
  const outcomes = (arm: 'A' | 'B', k: number, n: number): AbOutcome[] =>
    Array.from({ length: n }, (_, i) => ({ arm, correct: i < k }));

  it('gives Wilson intervals per arm and Newcombe’s interval for B − A', () => {
    // Newcombe (1998), Stat. Med. 17:873, Table II example (a): 56/70 vs 48/80,
    // difference 0.2000, method 10 interval 0.0524 to 0.3339.
    const r = abAccuracy([...outcomes('B', 56, 70), ...outcomes('A', 48, 80)]);
    expect(r.A).toEqual(wilsonInterval(48, 80));
    expect(r.B).toEqual(wilsonInterval(56, 70));
    expect(r.difference.value).toBeCloseTo(0.2, 12);
    expect(r.difference.lower!).toBeCloseTo(0.0524, 4);
    expect(r.difference.upper!).toBeCloseTo(0.3339, 4);
  });

  it('is undefined with a reason when an arm is empty, and checks arms', () => {
    const r = abAccuracy(outcomes('A', 3, 5));
    expect(r.B.reason).toBe('no trials');
    expect(r.difference.reason).toBe('arm B has no outcomes');
    expect(() => abAccuracy([{ arm: 'C' as 'A', correct: true }])).toThrow(/outcomes\[0\]\.arm/);
  });
});
