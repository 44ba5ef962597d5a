import { describe, expect, it } from 'vitest';
import { spanAgreement } from './spans.ts';

describe('span agreement', () => {
  const a = [
    { start: 0, end: 5, label: 'PER' },
    { start: 10, end: 14, label: 'LOC' },
    { start: 20, end: 25, label: 'ORG' },
  ];
  const b = [
    { start: 0, end: 5, label: 'PER' },
    { start: 11, end: 16, label: 'LOC' },
    { start: 20, end: 25, label: 'PER' },
  ];

  it('exact match needs the same boundaries and label', () => {
    const r = spanAgreement(a, b).exact;
    expect(r.truePositives).toBe(1);
    expect(r.f1.value).toBeCloseTo(1 / 3, 12);
  });

  it('overlap match needs the same label and a shared character, one-to-one', () => {
    expect(spanAgreement(a, b).overlap.truePositives).toBe(2);
    const many = spanAgreement(
      [{ start: 0, end: 10, label: 'X' }],
      [
        { start: 0, end: 3, label: 'X' },
        { start: 2, end: 9, label: 'X' },
      ],
    ).overlap;
    expect(many.truePositives).toBe(1);
    expect(many.precision.value).toBe(1);
    expect(many.recall.value).toBe(0.5);
  });

  it('rejects empty and reversed spans', () => {
    expect(() => spanAgreement([{ start: 3, end: 3, label: 'X' }], [])).toThrow(
      /span 0 of annotator A/,
    );
    expect(() => spanAgreement([], [{ start: 4, end: 2, label: 'X' }])).toThrow(/annotator B/);
  });
});
