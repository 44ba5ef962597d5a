import { QualityInputError } from '../errors.ts';
import { definedMetric, undefinedMetric, type Metric } from '../metric.ts';

/** Kendall's tau-b with its pair counts. */
export interface KendallResult {
  readonly tau: Metric;
  readonly concordant: number;
  readonly discordant: number;
  /** Pairs tied only in x, only in y (pairs tied in both count in neither). */
  readonly tiesX: number;
  readonly tiesY: number;
  readonly n: number;
}

/**
 * Kendall's tau-b between two score vectors (x[i], y[i] for the same item i):
 * τ_b = (C − D) / √((C + D + T_x)(C + D + T_y)), which corrects for ties. O(n²), which is
 * fine for the rankings people label (tens of items). Undefined when either side is
 * constant or there are fewer than two items.
 *
 * @example
 * ```ts
 * kendallTauB([1, 2, 3, 4], [1, 3, 2, 4]).tau.value; // 0.666...
 * ```
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): KendallResult {
  if (x.length !== y.length)
    throw new QualityInputError(
      'bad_shape',
      `kendallTauB: ${x.length} x values but ${y.length} y values`,
    );
  x.forEach((v, i) => {
    if (!Number.isFinite(v) || !Number.isFinite(y[i]!))
      throw new QualityInputError('bad_value', `kendallTauB: item ${i} has a non-finite score`);
  });
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denom = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  const tau =
    n < 2
      ? undefinedMetric('fewer than two items')
      : denom === 0
        ? undefinedMetric('one of the rankings puts every item in a tie')
        : definedMetric((concordant - discordant) / denom);
  return { tau, concordant, discordant, tiesX, tiesY, n };
}

/**
 * Kendall's tau-b between two rankings given as ordered lists of item ids (best first),
 * over the items both rankings contain. Duplicate ids in one ranking are an error.
 *
 * @example
 * ```ts
 * rankingAgreement(['a', 'b', 'c'], ['b', 'a', 'c']).tau.value; // 0.333...
 * ```
 */
export function rankingAgreement(a: readonly string[], b: readonly string[]): KendallResult {
  const pos = (list: readonly string[], who: string) => {
    const m = new Map<string, number>();
    list.forEach((id, i) => {
      if (m.has(id)) throw new QualityInputError('bad_value', `ranking ${who} lists "${id}" twice`);
      m.set(id, i);
    });
    return m;
  };
  const pa = pos(a, 'A');
  const pb = pos(b, 'B');
  const x: number[] = [];
  const y: number[] = [];
  for (const [id, i] of pa) {
    const j = pb.get(id);
    if (j === undefined) continue;
    x.push(i);
    y.push(j);
  }
  return kendallTauB(x, y);
}
