import { describe, expect, it } from 'vitest';
import { chiSquareIndependence } from './chi-square.ts';

// Expected values: scipy.stats.chi2_contingency(table, correction=False) (and correction=True
// for the Yates row) and scipy.stats.contingency.association(table, method='cramer'),
// SciPy 1.17.1, computed for this test.
const close = (got: number, want: number) => expect(got).toBeCloseTo(want, 10);

describe('chiSquareIndependence', () => {
  it('matches SciPy on a 2x3 table', () => {
    const r = chiSquareIndependence([
      [30, 10, 10],
      [15, 25, 10],
    ]);
    if (!r.ok) throw new Error(r.reason);
    close(r.statistic, 11.42857142857143);
    expect(r.dof).toBe(2);
    close(r.pValue, 0.003298505755939089);
    close(r.cramersV, 0.33806170189140666);
    expect(r.lowExpectedCells).toBe(0);
  });

  it('matches SciPy on a 3x3 table', () => {
    const r = chiSquareIndependence([
      [20, 15, 5],
      [10, 20, 10],
      [5, 10, 25],
    ]);
    if (!r.ok) throw new Error(r.reason);
    close(r.statistic, 29.58333333333333);
    expect(r.dof).toBe(4);
    expect(r.pValue / 5.949613539074729e-6).toBeCloseTo(1, 9);
    close(r.cramersV, 0.35108957388234824);
  });

  it('applies Yates on 2x2 only when asked, like SciPy correction=True', () => {
    const plain = chiSquareIndependence([
      [12, 5],
      [7, 9],
    ]);
    const yates = chiSquareIndependence(
      [
        [12, 5],
        [7, 9],
      ],
      { yates: true },
    );
    if (!plain.ok || !yates.ok) throw new Error('test failed to compute');
    close(plain.statistic, 2.4305755196815575);
    close(plain.pValue, 0.118989205532145);
    close(yates.statistic, 1.455996378814684);
    close(yates.pValue, 0.22756821457580642);
  });

  it('drops empty rows and columns, and flags small expected counts', () => {
    const r = chiSquareIndependence([
      [8, 2, 0],
      [0, 0, 0],
      [4, 6, 0],
    ]);
    if (!r.ok) throw new Error(r.reason);
    close(r.statistic, 3.333333333333333);
    expect(r.dof).toBe(1);
    expect(r.lowExpectedCells).toBe(2);
  });

  it('returns a reason instead of NaN when the table is degenerate', () => {
    expect(chiSquareIndependence([[5, 5]])).toEqual({
      ok: false,
      reason: 'needs at least 2 non-empty rows and columns, got 1x2',
    });
    expect(chiSquareIndependence([])).toMatchObject({ ok: false });
  });

  it('rejects ragged tables and negative counts with the cell named', () => {
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrow(/row 1 has 1 cells/);
    expect(() =>
      chiSquareIndependence([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(/\[0\]\[1\] = -2/);
  });
});
