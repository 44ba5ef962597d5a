/**
 * Model predictions shown as suggestions. A suggestion is a prediction's region that the
 * annotator has neither accepted nor rejected. Accepting copies the region with the same id
 * and sets `prediction_id`, so quality reports can tell accepted suggestions from hand-made
 * regions; a relation pulls in the spans it connects.
 *
 * @example
 * const pending = pendingSuggestions(predictions, regions, rejected);
 * const next = acceptSuggestion(regions, pending[0]!, pending);
 */
import type { Prediction } from '../api/types.ts';
import type { Region } from '../schema/types.ts';

/** A pending suggestion. */
export interface Suggestion {
  region: Region;
  predictionId: number;
  model: string;
  /** The region's own score, else the prediction's. */
  score: number | undefined;
}

/** Types with one region per control: accepting replaces the current one. */
const SINGLE = new Set<Region['type']>(['choice', 'rating', 'ranking', 'pairwise', 'text']);

/** Suggestions not yet accepted (no region with that id) nor rejected. */
export function pendingSuggestions(
  predictions: readonly Prediction[],
  regions: readonly Region[],
  rejected: readonly string[],
): Suggestion[] {
  const have = new Set(regions.map((r) => r.id));
  const out: Suggestion[] = [];
  for (const p of predictions) {
    for (const r of p.regions ?? []) {
      if (have.has(r.id) || rejected.includes(r.id)) continue;
      out.push({
        region: r,
        predictionId: p.id,
        model: p.model,
        score: r.score ?? p.score ?? undefined,
      });
    }
  }
  return out;
}

function adopt(regions: Region[], s: Suggestion): Region[] {
  if (regions.some((r) => r.id === s.region.id)) return regions;
  const copy = { ...s.region, prediction_id: String(s.predictionId) } as Region;
  const kept = SINGLE.has(copy.type)
    ? regions.filter((r) => !(r.control === copy.control && r.type === copy.type))
    : regions;
  return [...kept, copy];
}

/** Accepts one suggestion (and, for a relation, the suggested regions it connects). */
export function acceptSuggestion(
  regions: readonly Region[],
  s: Suggestion,
  all: readonly Suggestion[],
): Region[] {
  let next = [...regions];
  if (s.region.type === 'relation') {
    for (const end of [s.region.value.from, s.region.value.to]) {
      const dep = all.find((x) => x.region.id === end);
      if (dep) next = adopt(next, dep);
    }
    const ends = new Set(next.map((r) => r.id));
    if (!ends.has(s.region.value.from) || !ends.has(s.region.value.to)) return next;
  }
  return adopt(next, s);
}

/** Accepts every pending suggestion, non-relations first so relations find their ends. */
export function acceptAll(regions: readonly Region[], all: readonly Suggestion[]): Region[] {
  const ordered = [
    ...all.filter((s) => s.region.type !== 'relation'),
    ...all.filter((s) => s.region.type === 'relation'),
  ];
  return ordered.reduce<Region[]>((acc, s) => acceptSuggestion(acc, s, all), [...regions]);
}
