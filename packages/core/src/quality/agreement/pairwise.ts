import { QualityInputError } from '../errors.ts';
import { definedMetric, undefinedMetric, type Metric } from '../metric.ts';
import { isMissing, orderedCategories, type RatingValue } from './categories.ts';
import { cohenKappa, type KappaResult, type KappaWeights } from './cohen.ts';

/** Cohen's kappa for one pair of annotators (indices into the reliability data). */
export interface KappaPair {
  readonly a: number;
  readonly b: number;
  readonly result: KappaResult;
}

/**
 * Cohen's kappa for every pair of annotators in reliability data (`data[annotator][unit]`,
 * null for not rated), on one shared category scale, and their mean over the pairs where
 * kappa is defined (Light's kappa, Light 1971). With two annotators the mean is Cohen's kappa.
 *
 * @example
 * ```ts
 * const { mean, pairs } = pairwiseCohenKappa([[1, 2, 3], [1, 2, 2], [1, 3, 3]]);
 * ```
 */
export function pairwiseCohenKappa(
  data: readonly (readonly RatingValue[])[],
  options: { readonly weights?: KappaWeights; readonly categories?: readonly RatingValue[] } = {},
): { pairs: KappaPair[]; mean: Metric } {
  if (data.length < 2) {
    throw new QualityInputError(
      'bad_shape',
      `kappa needs at least two annotators; the input has ${data.length}`,
    );
  }
  const categories = orderedCategories(data, options.categories);
  const pairs: KappaPair[] = [];
  for (let a = 0; a < data.length; a++) {
    for (let b = a + 1; b < data.length; b++) {
      pairs.push({
        a,
        b,
        result: cohenKappa(data[a]!, data[b]!, { weights: options.weights ?? 'none', categories }),
      });
    }
  }
  const values = pairs.map((p) => p.result.kappa.value).filter((v): v is number => v !== undefined);
  const mean =
    values.length === 0
      ? undefinedMetric(
          pairs.length === 1
            ? pairs[0]!.result.kappa.reason!
            : 'kappa is undefined for every pair of annotators',
        )
      : definedMetric(values.reduce((s, v) => s + v, 0) / values.length);
  return { pairs, mean };
}

/**
 * Subjects × categories count table for Fleiss' kappa from reliability data
 * (`data[annotator][unit]`). Every unit must have the same number of ratings; otherwise the
 * error names the unit (by `units[u]` when given) and suggests Krippendorff's alpha.
 *
 * @example
 * ```ts
 * fleissCounts([['a', 'b'], ['a', 'a']]).counts; // [[2, 0], [1, 1]]
 * ```
 */
export function fleissCounts(
  data: readonly (readonly RatingValue[])[],
  units?: readonly string[],
): { counts: number[][]; categories: string[] } {
  const categories = orderedCategories(data);
  const index = new Map(categories.map((c, i) => [c, i] as const));
  const nUnits = Math.max(0, ...data.map((row) => row.length));
  const counts: number[][] = [];
  const name = (u: number) => (units ? `item "${units[u]}"` : `unit ${u}`);
  for (let u = 0; u < nUnits; u++) {
    const row = new Array<number>(categories.length).fill(0);
    let total = 0;
    for (const ratings of data) {
      const v = ratings[u];
      if (isMissing(v)) continue;
      row[index.get(String(v))!]!++;
      total++;
    }
    const first = counts[0]?.reduce((s, x) => s + x, 0);
    if (first !== undefined && total !== first) {
      throw new QualityInputError(
        'bad_shape',
        `fleiss: ${name(u)} has ${total} ratings but ${name(0)} has ${first}; Fleiss' kappa needs the same number per item (use Krippendorff's alpha for missing ratings)`,
      );
    }
    counts.push(row);
  }
  return { counts, categories };
}
