import { sortValues } from '../label-matrix.ts';

/** A rating as read from data: number or string; null/undefined/'' mean "not rated". */
export type RatingValue = number | string | null | undefined;

/**
 * True when a rating is missing (null, undefined, empty string or NaN).
 *
 * @example
 * ```ts
 * isMissing(null); // true
 * isMissing(0); // false
 * ```
 */
export function isMissing(v: RatingValue): v is null | undefined | '' {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * The ordered category list of some ratings: `given` if provided (ratings outside it are an
 * error for the caller to report), else the distinct values sorted numerically when all are
 * numbers and by code unit otherwise. Values are compared as strings ("1" and 1 are equal).
 *
 * @example
 * ```ts
 * orderedCategories([[3, 1], [null, 2]]); // ['1', '2', '3']
 * ```
 */
export function orderedCategories(
  ratings: readonly (readonly RatingValue[])[],
  given?: readonly RatingValue[],
): string[] {
  if (given) return given.map(String);
  const set = new Set<string>();
  for (const row of ratings) for (const v of row) if (!isMissing(v)) set.add(String(v));
  return sortValues([...set]);
}
