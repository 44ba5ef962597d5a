import { ConvertError } from '../errors.ts';
import type { Where } from '../errors.ts';
import { isFiniteNumber, isRecord } from '../json-utils.ts';

/**
 * Typed reads of a Label Studio result `value`, each failing with a ConvertError that names
 * the result and the key.
 */

/**
 * A finite number at `value[key]`.
 *
 * @example
 * num({ x: 3 }, 'x', where); // 3
 */
export function num(value: Record<string, unknown>, key: string, where: Where): number {
  const v = value[key];
  if (!isFiniteNumber(v))
    throw new ConvertError(where, `value.${key} must be a number, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * A list of strings at `value[key]`.
 *
 * @example
 * strings({ choices: ['a'] }, 'choices', where); // ['a']
 */
export function strings(value: Record<string, unknown>, key: string, where: Where): string[] {
  const v = value[key];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
    throw new ConvertError(
      where,
      `value.${key} must be a list of strings, got ${JSON.stringify(v)}`,
    );
  }
  return v as string[];
}

/**
 * The labels of a region result: `value[type]` (`rectanglelabels`, ...) or `value.labels`.
 *
 * @example
 * labelsOf({ rectanglelabels: ['Car'] }, 'rectanglelabels', where); // { labels: ['Car'], key: 'rectanglelabels' }
 */
export function labelsOf(
  value: Record<string, unknown>,
  key: string,
  where: Where,
): { labels: string[]; key: string } {
  if (key in value) return { labels: strings(value, key, where), key };
  if ('labels' in value) return { labels: strings(value, 'labels', where), key: 'labels' };
  throw new ConvertError(where, `value.${key} is missing`);
}

/**
 * An object at `value[key]`.
 *
 * @example
 * record({ globalOffsets: { start: 0, end: 2 } }, 'globalOffsets', where); // { start: 0, end: 2 }
 */
export function record(
  value: Record<string, unknown>,
  key: string,
  where: Where,
): Record<string, unknown> {
  const v = value[key];
  if (!isRecord(v))
    throw new ConvertError(where, `value.${key} must be an object, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * `[x, y]` pairs at `value[key]`.
 *
 * @example
 * pointPairs({ points: [[1, 2]] }, 'points', where); // [[1, 2]]
 */
export function pointPairs(
  value: Record<string, unknown>,
  key: string,
  where: Where,
): [number, number][] {
  const v = value[key];
  const ok =
    Array.isArray(v) &&
    v.every((p) => Array.isArray(p) && p.length === 2 && p.every(isFiniteNumber));
  if (!ok) throw new ConvertError(where, `value.${key} must be a list of [x, y] number pairs`);
  return v as [number, number][];
}
