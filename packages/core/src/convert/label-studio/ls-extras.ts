import { isRecord } from '../json-utils.ts';

/**
 * Keys of a Label Studio export that Tessera does not model (`created_at` of a task,
 * `was_cancelled`, `ground_truth`, a result's `origin` or `image_rotation`, HyperText xpaths,
 * ...) are kept in `task.meta.label_studio` so that import -> export gives them back. `omit`
 * lists keys the exporter would write but the source did not have (a result without
 * `original_width`, a prediction without `model_version`).
 */

/** Kept keys of one result: top-level keys, `value` keys, and keys to leave out. */
export type ResultExtra = {
  keys?: Record<string, unknown>;
  value?: Record<string, unknown>;
  omit?: string[];
};

/** Kept keys of one annotation or prediction, and of its results by `resultKey`. */
export type ItemExtra = {
  keys?: Record<string, unknown>;
  omit?: string[];
  results?: Record<string, ResultExtra>;
};

/**
 * What `task.meta.label_studio` holds.
 *
 * @example
 * const e: LsExtras = { task: { project: 83 }, annotations: [{ keys: { was_cancelled: false } }] };
 */
export type LsExtras = {
  task?: Record<string, unknown>;
  annotations?: (ItemExtra | null)[];
  predictions?: (ItemExtra | null)[];
};

/**
 * The key under which a result's extras are kept: its id and control (results share ids).
 *
 * @example
 * resultKey('Dx_aB91ISN', 'tag'); // 'Dx_aB91ISN|tag'
 */
export function resultKey(id: string, fromName: string): string {
  return `${id}|${fromName}`;
}

/**
 * True when an extra holds nothing.
 *
 * @example
 * isEmptyExtra({}); // true
 */
export function isEmptyExtra(e: ResultExtra | ItemExtra): boolean {
  return (
    !e.keys &&
    !e.omit?.length &&
    !('value' in e && e.value) &&
    !('results' in e && e.results && Object.keys(e.results).length)
  );
}

/**
 * The Label Studio extras of a task's meta, if any (shape-checked loosely: they are ours).
 *
 * @example
 * readExtras({ label_studio: { task: { project: 1 } } }).task; // { project: 1 }
 */
export function readExtras(meta: Record<string, unknown> | undefined): LsExtras {
  const e = meta?.label_studio;
  return isRecord(e) ? (e as LsExtras) : {};
}

/**
 * Merges a result's or item's kept keys into an exported object, dropping `omit` keys; keys
 * the exporter computed win over kept ones (they reflect edits made in Tessera).
 *
 * @example
 * applyExtra({ id: 'a', value: {} }, { keys: { origin: 'manual' } }); // { origin: 'manual', id: 'a', value: {} }
 */
export function applyExtra<T extends Record<string, unknown>>(
  out: T,
  extra: ResultExtra | ItemExtra | undefined,
): T {
  if (!extra) return out;
  const merged: Record<string, unknown> = { ...(extra.keys ?? {}), ...out };
  for (const k of extra.omit ?? []) delete merged[k];
  return merged as T;
}
