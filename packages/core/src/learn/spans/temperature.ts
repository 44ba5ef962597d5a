import type { BioTags } from './bio.ts';
import { marginals, type ChainScores } from './decode.ts';

/**
 * A text scored by the tagger, with its true tags: one held-out observation for fitting the
 * temperature.
 *
 * @example
 * ```ts
 * const obs: ScoredText = { scores: weights.scores(features, true), gold };
 * ```
 */
export interface ScoredText {
  scores: ChainScores;
  gold: Int32Array;
}

/**
 * Mean cross-entropy of the marginals at temperature `temp` against the true tags smoothed by
 * `eps` (spread over the other tags).
 */
function meanNll(items: readonly ScoredText[], bio: BioTags, temp: number, eps: number): number {
  const T = bio.size;
  let s = 0;
  let n = 0;
  for (const it of items) {
    const m = marginals(it.scores, bio, temp);
    for (let i = 0; i < it.gold.length; i++) {
      for (let t = 0; t < T; t++) {
        const w = t === it.gold[i] ? 1 - eps : eps / (T - 1);
        s -= w * Math.log(Math.max(m[i * T + t]!, 1e-300));
      }
      n++;
    }
  }
  return n === 0 ? 0 : s / n;
}

/**
 * Temperature that makes the chain's tag marginals best match held-out truth (minimum mean
 * cross-entropy; golden-section search on log T in [0.05, 100]). Perceptron scores have no
 * probabilistic scale of their own; this gives them one, as temperature scaling does for a
 * classifier (Guo et al. 2017). The held-out tags are smoothed by ε = 1 / (n + 2) for n
 * positions, Laplace's rule of succession: n correct tags out of n do not prove the next is
 * certain. Without it a tagger that is perfect on held-out text gets a temperature near zero,
 * every score rounds to 1.00, and the scores can no longer rank spans for review (measured
 * on the generated NER set: AUROC of span correctness 0.60 without, see docs/prelabel.md).
 * Returns `fallback` without observations.
 *
 * @example
 * ```ts
 * const temp = fitTemperature(heldOut, bio); // e.g. 2.7
 * ```
 */
export function fitTemperature(items: readonly ScoredText[], bio: BioTags, fallback = 1): number {
  if (items.length === 0) return fallback;
  const positions = items.reduce((k, it) => k + it.gold.length, 0);
  const eps = 1 / (positions + 2);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(0.05);
  let b = Math.log(100);
  let x1 = b - phi * (b - a);
  let x2 = a + phi * (b - a);
  let f1 = meanNll(items, bio, Math.exp(x1), eps);
  let f2 = meanNll(items, bio, Math.exp(x2), eps);
  for (let it = 0; it < 20; it++) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - phi * (b - a);
      f1 = meanNll(items, bio, Math.exp(x1), eps);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + phi * (b - a);
      f2 = meanNll(items, bio, Math.exp(x2), eps);
    }
  }
  return Math.exp((a + b) / 2);
}
