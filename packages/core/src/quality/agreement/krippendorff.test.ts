import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, krippendorffAlphaFromCounts } from './krippendorff.ts';

describe("Krippendorff's alpha", () => {
  it('matches a hand computation with missing data', () => {
    // Units: (a,a), (b,b), (a,b) and one unpairable unit. o_aa = 2, o_bb = 2, o_ab = o_ba = 1,
    // n = 6, n_a = n_b = 3: D_o = 2/6, D_e = 18/30, α = 1 − (1/3)/(3/5) = 4/9.
    const data = [
      ['a', 'b', 'a', 'a'],
      ['a', 'b', 'b', null],
    ];
    const r = krippendorffAlpha(data);
    expect(r.alpha.value).toBeCloseTo(4 / 9, 12);
    expect(r.pairable).toBe(6);
  });

  it('accepts a count table directly', () => {
    expect(
      krippendorffAlphaFromCounts(
        [
          [2, 0],
          [0, 2],
          [1, 1],
        ],
        ['0', '1'],
        'nominal',
      ).alpha.value,
    ).toBeCloseTo(4 / 9, 12);
  });

  it('uses the given order of string values for the ordinal level', () => {
    const data = [
      ['low', 'mid', 'high', 'high'],
      ['low', 'high', 'high', 'mid'],
    ];
    const ordered = krippendorffAlpha(data, { level: 'ordinal', values: ['low', 'mid', 'high'] });
    const alphabetical = krippendorffAlpha(data, { level: 'ordinal' });
    expect(ordered.values).toEqual(['low', 'mid', 'high']);
    expect(ordered.alpha.value).not.toBeCloseTo(alphabetical.alpha.value!, 6);
  });

  it('is undefined without variation or without pairable values', () => {
    expect(
      krippendorffAlpha([
        [1, 1],
        [1, 1],
      ]).alpha.reason,
    ).toMatch(/no variation/);
    expect(
      krippendorffAlpha([
        [1, null],
        [null, 2],
      ]).alpha.reason,
    ).toMatch(/fewer than two pairable/);
  });

  it('rejects non-numeric values at interval level, negative ones at ratio level, unknown levels', () => {
    expect(() =>
      krippendorffAlpha(
        [
          ['a', 'b'],
          ['a', 'a'],
        ],
        { level: 'interval' },
      ),
    ).toThrow(/needs numeric values, got "a"/);
    expect(() =>
      krippendorffAlpha(
        [
          [-1, 2],
          [2, 2],
        ],
        { level: 'ratio' },
      ),
    ).toThrow(/non-negative/);
    expect(() =>
      krippendorffAlpha(
        [
          [1, 2],
          [1, 2],
        ],
        { level: 'log' as never },
      ),
    ).toThrow(/unknown alpha level "log"/);
    expect(() => krippendorffAlpha([[1, 3]], { values: [1, 2] })).toThrow(
      /observer 0, unit 1: value "3"/,
    );
  });
});
