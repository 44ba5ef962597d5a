import {
  hashUnit,
  selectBatch,
  uncertainty,
  type Candidate,
  type UncertaintyStrategy,
} from '@tessera/core/learn';
import type { AnySettings } from './model-settings.ts';
import type { MlPrediction } from './types.ts';

/** `tasks.priority` is an integer: uncertainty in [0, 1] is stored in millionths. */
export const PRIORITY_SCALE = 1_000_000;

/** Diversity compares every pair in a group: groups stay small so a batch stays cheap. */
const DIVERSITY_GROUP = 100;

/** How a task's queue position is decided under an `order` experiment. */
export type OrderArm = 'active' | 'random';

/**
 * Queue priorities from a batch of predictions, so `POST /next` (priority descending) serves
 * the least certain tasks first:
 * - uncertainty (`entropy`, `margin` or `least-confidence` of the class probabilities, in
 *   [0, 1]) × 10⁶;
 * - with a diversity weight w > 0 and feature vectors, core's {@link selectBatch} orders each
 *   group of up to 100 greedily and the priority is `(1 − w)·uncertainty + w·distance`, where
 *   distance is the cosine distance to the nearest task picked before it in the group (1 for
 *   the first): near-duplicates of an already prioritised task sink;
 * - tasks whose arm is `random` (an `order` experiment) get a seeded pseudo-random priority.
 * Predictions without probabilities (an external model that gave no score) are left alone.
 *
 * @example
 * const items = queuePriorities(preds, settings, () => 'active', 'exp-1');
 * await repo.setPriorities(projectId, items);
 */
export function queuePriorities(
  preds: readonly MlPrediction[],
  settings: AnySettings,
  armOf: (taskId: number) => OrderArm = () => 'active',
  seed = '',
): { id: number; priority: number }[] {
  const { strategy, diversity } = settings.active_learning;
  if (strategy === 'off') return [];
  const out: { id: number; priority: number }[] = [];
  const active: MlPrediction[] = [];
  for (const p of preds) {
    const id = Number(p.task_id);
    if (armOf(id) === 'random')
      out.push({
        id,
        priority: Math.floor(hashUnit(String(id), `order:${seed}`) * PRIORITY_SCALE),
      });
    else if (p.probs && p.probs.length >= 2 && !p.scoreUnknown) active.push(p);
  }
  const withVectors = diversity > 0 && active.every((p) => p.vector);
  for (let i = 0; i < active.length; i += DIVERSITY_GROUP) {
    const group = active.slice(i, i + DIVERSITY_GROUP);
    out.push(...(withVectors ? diverse(group, strategy, diversity) : plain(group, strategy)));
  }
  return out;
}

function plain(group: MlPrediction[], strategy: UncertaintyStrategy) {
  return group.map((p) => ({
    id: Number(p.task_id),
    priority: Math.round(uncertainty(normalised(p.probs!), strategy) * PRIORITY_SCALE),
  }));
}

function diverse(group: MlPrediction[], strategy: UncertaintyStrategy, w: number) {
  const candidates: Candidate[] = group.map((p) => ({
    id: Number(p.task_id),
    probs: normalised(p.probs!),
    vector: p.vector!,
  }));
  const picked = selectBatch(candidates, candidates.length, {
    strategy,
    diversityWeight: w,
    poolFactor: 1,
  });
  return picked.map((s) => ({
    id: Number(s.id),
    priority: Math.round(((1 - w) * s.uncertainty + w * (s.distance ?? 1)) * PRIORITY_SCALE),
  }));
}

/** Probabilities summing to 1 within core's tolerance (scores from outside may be off by ε). */
function normalised(p: ArrayLike<number>): number[] {
  const xs = Array.from(p, (x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const s = xs.reduce((a, b) => a + b, 0);
  return s > 0 ? xs.map((x) => x / s) : xs.map(() => 1 / xs.length);
}
