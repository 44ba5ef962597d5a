/**
 * Pure helpers of the versions page: which two versions to compare by default (the two
 * newest, older → newer), reading and writing that pair in the address, and the scale of the
 * per-label change bars.
 *
 * @example
 * defaultPair([{ id: 5, ... }, { id: 4, ... }]) // { from: 4, to: 5 }
 * pairFromSearch('?from=1&to=3') // { from: 1, to: 3 }
 */
import type { DatasetVersion, LabelChange } from '../api/version-types.ts';

/** Two versions to compare. */
export interface VersionPair {
  from: number;
  to: number;
}

function positive(v: string | null): number | null {
  const n = Number(v);
  return v !== null && Number.isInteger(n) && n > 0 ? n : null;
}

/** The pair named by `?from=&to=` when both are valid and different. */
export function pairFromSearch(search: string): VersionPair | null {
  const q = new URLSearchParams(search);
  const from = positive(q.get('from'));
  const to = positive(q.get('to'));
  return from !== null && to !== null && from !== to ? { from, to } : null;
}

/** The search string for a pair, keeping other parameters. */
export function searchWithPair(search: string, pair: VersionPair): string {
  const q = new URLSearchParams(search);
  q.set('from', String(pair.from));
  q.set('to', String(pair.to));
  return `?${q.toString()}`;
}

/** The two newest versions, older first (null with fewer than two). */
export function defaultPair(
  versions: readonly Pick<DatasetVersion, 'id' | 'created_at'>[],
): VersionPair | null {
  const sorted = [...versions].sort(
    (a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id,
  );
  const [newest, previous] = sorted;
  return newest && previous ? { from: previous.id, to: newest.id } : null;
}

/** The largest single change (added or removed) among the labels, for a shared bar scale. */
export function changeMax(labels: readonly LabelChange[]): number {
  return labels.reduce((m, l) => Math.max(m, l.added, l.removed), 0);
}

/** A short form of a content hash for tables. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
