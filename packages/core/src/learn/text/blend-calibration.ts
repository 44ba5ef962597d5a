/**
 * How the two members of the text classifier are blended and scaled:
 * `p = softmax(nb · z_nb + lr · z_lr)`. With one member the weight is the inverse temperature
 * of temperature scaling (Guo et al. 2017); with two it is the same fit with two temperatures,
 * a two-parameter stacking (Platt-style) that also decides how much each member is trusted.
 *
 * @example
 * ```ts
 * const b: Blend = { nb: 0.05, lr: 1, source: 'cross-fit', examples: 500 };
 * ```
 */
export interface Blend {
  /** Weight (inverse temperature) of the naive Bayes log-probabilities. */
  nb: number;
  /** Weight (inverse temperature) of the logistic-regression logits. */
  lr: number;
  /** Where the weights came from: defaults, out-of-fold scores of `fit`, or online scores. */
  source: 'default' | 'cross-fit' | 'prequential';
  /** Number of held-out scores the weights were fitted on (0 for defaults). */
  examples: number;
}

/**
 * Blend weights used before any held-out scores exist (and the point the fit shrinks towards).
 *
 * @example
 * ```ts
 * clf.blend = DEFAULT_BLEND; // { nb: 0.5, lr: 1, source: 'default', examples: 0 }
 * ```
 */
export const DEFAULT_BLEND: Blend = { nb: 0.5, lr: 1, source: 'default', examples: 0 };

/**
 * Held-out scores to fit a blend on: `za[i*K + c]` and `zb[i*K + c]` are the two members'
 * logits for example i, `y[i]` its true class.
 *
 * @example
 * ```ts
 * const s: HeldOutScores = { za, zb, y: Int32Array.of(1, 0), nClasses: 2 };
 * ```
 */
export interface HeldOutScores {
  readonly za: Float64Array;
  readonly zb: Float64Array;
  readonly y: Int32Array;
  readonly nClasses: number;
}

/** Negative log-likelihood of θ = (a, b), its gradient and Hessian (2x2). */
function nllParts(s: HeldOutScores, a: number, b: number) {
  const K = s.nClasses;
  const p = new Float64Array(K);
  let nll = 0;
  const g = [0, 0];
  const h = [0, 0, 0];
  for (let i = 0; i < s.y.length; i++) {
    let m = -Infinity;
    for (let c = 0; c < K; c++) m = Math.max(m, a * s.za[i * K + c]! + b * s.zb[i * K + c]!);
    let z = 0;
    for (let c = 0; c < K; c++) {
      p[c] = Math.exp(a * s.za[i * K + c]! + b * s.zb[i * K + c]! - m);
      z += p[c]!;
    }
    const yi = s.y[i]!;
    nll -= a * s.za[i * K + yi]! + b * s.zb[i * K + yi]! - m - Math.log(z);
    let ea = 0;
    let eb = 0;
    let eaa = 0;
    let ebb = 0;
    let eab = 0;
    for (let c = 0; c < K; c++) {
      const pc = p[c]! / z;
      const u = s.za[i * K + c]!;
      const v = s.zb[i * K + c]!;
      ea += pc * u;
      eb += pc * v;
      eaa += pc * u * u;
      ebb += pc * v * v;
      eab += pc * u * v;
    }
    g[0]! += ea - s.za[i * K + yi]!;
    g[1]! += eb - s.zb[i * K + yi]!;
    h[0]! += eaa - ea * ea;
    h[1]! += eab - ea * eb;
    h[2]! += ebb - eb * eb;
  }
  return { nll, g, h };
}

/**
 * Fits blend weights (a, b) ≥ 0 minimising the negative log-likelihood of held-out scores plus
 * `ridge · |θ − θ₀|²`, with θ₀ the defaults: with ten held-out scores the defaults dominate,
 * with hundreds the data does, and perfectly separated scores cannot send the weights to
 * infinity. Projected Newton with backtracking; the objective is convex in (a, b).
 *
 * @example
 * ```ts
 * const blend = fitBlend(scores, 'cross-fit'); // e.g. { nb: 0.04, lr: 1.6, ... }
 * ```
 */
export function fitBlend(
  s: HeldOutScores,
  source: Blend['source'],
  ridge = 1,
  start: Blend = DEFAULT_BLEND,
): Blend {
  const a0 = DEFAULT_BLEND.nb;
  const b0 = DEFAULT_BLEND.lr;
  const objective = (a: number, b: number) => {
    const r = nllParts(s, a, b);
    return r.nll + ridge * ((a - a0) ** 2 + (b - b0) ** 2);
  };
  let a = start.nb;
  let b = start.lr;
  let f = objective(a, b);
  for (let it = 0; it < 30; it++) {
    const { g, h } = nllParts(s, a, b);
    const ga = g[0]! + 2 * ridge * (a - a0);
    const gb = g[1]! + 2 * ridge * (b - b0);
    const haa = h[0]! + 2 * ridge;
    const hab = h[1]!;
    const hbb = h[2]! + 2 * ridge;
    const det = haa * hbb - hab * hab;
    const da = det > 0 ? (hbb * ga - hab * gb) / det : ga / haa;
    const db = det > 0 ? (haa * gb - hab * ga) / det : gb / hbb;
    let step = 1;
    let improved = false;
    while (step > 1e-6) {
      const na = Math.max(0, a - step * da);
      const nb = Math.max(0, b - step * db);
      const nf = objective(na, nb);
      if (nf <= f) {
        improved = f - nf > 1e-9 * Math.max(1, Math.abs(f));
        a = na;
        b = nb;
        f = nf;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  return { nb: a, lr: b, source, examples: s.y.length };
}
