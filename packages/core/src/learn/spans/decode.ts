import type { BioTags } from './bio.ts';

/**
 * Scores of one text for decoding: `emit[i * T + t]` for tag t at position i, `trans[p * T + t]`
 * for tag t after tag p, `start[t]` for tag t first.
 *
 * @example
 * ```ts
 * const s: ChainScores = weights.scores(charFeatures(chars, 2 ** 17), true);
 * ```
 */
export interface ChainScores {
  emit: Float64Array;
  trans: ArrayLike<number>;
  start: ArrayLike<number>;
  length: number;
}

/**
 * Best tag sequence under the BIO constraints (Viterbi). Disallowed transitions are skipped,
 * not penalised, so the output is always a valid BIO sequence.
 *
 * @example
 * ```ts
 * const tags = viterbi(scores, new BioTags(['PER']));
 * ```
 */
export function viterbi(s: ChainScores, bio: BioTags): Int32Array {
  const T = bio.size;
  const n = s.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  let prev = new Float64Array(T);
  let cur = new Float64Array(T);
  const back = new Int32Array(n * T);
  for (let t = 0; t < T; t++) prev[t] = bio.allowedStart[t] ? s.start[t]! + s.emit[t]! : -Infinity;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        if (!bio.allowed[p * T + t]) continue;
        const v = prev[p]! + s.trans[p * T + t]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      cur[t] = best + s.emit[i * T + t]!;
      back[i * T + t] = arg;
    }
    [prev, cur] = [cur, prev];
  }
  let t = 0;
  for (let k = 1; k < T; k++) if (prev[k]! > prev[t]!) t = k;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = t;
    t = back[i * T + t]!;
  }
  return out;
}

function logSumExp(xs: Float64Array): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  if (m === -Infinity) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/**
 * Per-position tag marginals P(tag_i = t) of the chain whose scores, divided by
 * `temperature`, are log-potentials (forward–backward, BIO constraints respected). For a
 * perceptron the scores are not log-probabilities; the temperature fitted on held-out text
 * turns them into calibrated confidences. Runs in scaled probability space (fast); falls back
 * to log space when a very low temperature underflows.
 *
 * @example
 * ```ts
 * const m = marginals(scores, bio, 1.5); // m[i * T + t]
 * ```
 */
export function marginals(s: ChainScores, bio: BioTags, temperature: number): Float64Array {
  return scaledMarginals(s, bio, 1 / temperature) ?? logMarginals(s, bio, 1 / temperature);
}

/** exp(x·inv − max) of each position's emissions, each row's largest entry 1. */
function expRows(s: ChainScores, T: number, inv: number): Float64Array {
  const e = new Float64Array(s.length * T);
  for (let i = 0; i < s.length; i++) {
    let m = -Infinity;
    for (let t = 0; t < T; t++) m = Math.max(m, s.emit[i * T + t]!);
    for (let t = 0; t < T; t++) e[i * T + t] = Math.exp((s.emit[i * T + t]! - m) * inv);
  }
  return e;
}

/** Transition and start potentials (0 where BIO forbids), scaled to a largest entry of 1. */
function expTransitions(s: ChainScores, bio: BioTags, inv: number) {
  const T = bio.size;
  let mt = -Infinity;
  for (let x = 0; x < T * T; x++) if (bio.allowed[x]) mt = Math.max(mt, s.trans[x]!);
  let ms = -Infinity;
  for (let t = 0; t < T; t++) if (bio.allowedStart[t]) ms = Math.max(ms, s.start[t]!);
  const a = new Float64Array(T * T);
  for (let x = 0; x < T * T; x++) a[x] = bio.allowed[x] ? Math.exp((s.trans[x]! - mt) * inv) : 0;
  const st = new Float64Array(T);
  for (let t = 0; t < T; t++) st[t] = bio.allowedStart[t] ? Math.exp((s.start[t]! - ms) * inv) : 0;
  return { a, st };
}

/** Scales row i of `x` to sum 1; false when it sums to 0 or not a number (underflow). */
function normalizeRow(x: Float64Array, i: number, T: number): boolean {
  let z = 0;
  for (let t = 0; t < T; t++) z += x[i * T + t]!;
  if (!(z > 0) || !Number.isFinite(z)) return false;
  for (let t = 0; t < T; t++) x[i * T + t]! /= z;
  return true;
}

function scaledMarginals(s: ChainScores, bio: BioTags, inv: number): Float64Array | undefined {
  const T = bio.size;
  const n = s.length;
  const e = expRows(s, T, inv);
  const { a, st } = expTransitions(s, bio, inv);
  const alpha = new Float64Array(n * T);
  const beta = new Float64Array(n * T);
  for (let t = 0; t < T; t++) alpha[t] = st[t]! * e[t]!;
  if (n > 0 && !normalizeRow(alpha, 0, T)) return undefined;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let v = 0;
      for (let p = 0; p < T; p++) v += alpha[(i - 1) * T + p]! * a[p * T + t]!;
      alpha[i * T + t] = v * e[i * T + t]!;
    }
    if (!normalizeRow(alpha, i, T)) return undefined;
  }
  for (let t = 0; t < T; t++) if (n > 0) beta[(n - 1) * T + t] = 1;
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < T; p++) {
      let v = 0;
      for (let t = 0; t < T; t++) v += a[p * T + t]! * e[(i + 1) * T + t]! * beta[(i + 1) * T + t]!;
      beta[i * T + p] = v;
    }
    if (!normalizeRow(beta, i, T)) return undefined;
  }
  for (let k = 0; k < n * T; k++) alpha[k]! *= beta[k]!;
  for (let i = 0; i < n; i++) if (!normalizeRow(alpha, i, T)) return undefined;
  return alpha;
}

/** The same marginals in log space: slower, but immune to underflow. */
function logMarginals(s: ChainScores, bio: BioTags, inv: number): Float64Array {
  const T = bio.size;
  const n = s.length;
  const alpha = new Float64Array(n * T).fill(-Infinity);
  const beta = new Float64Array(n * T);
  const tmp = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    if (bio.allowedStart[t]) alpha[t] = (s.start[t]! + s.emit[t]!) * inv;
  }
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      for (let p = 0; p < T; p++) {
        tmp[p] = bio.allowed[p * T + t]
          ? alpha[(i - 1) * T + p]! + s.trans[p * T + t]! * inv
          : -Infinity;
      }
      alpha[i * T + t] = logSumExp(tmp) + s.emit[i * T + t]! * inv;
    }
  }
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < T; p++) {
      for (let t = 0; t < T; t++) {
        tmp[t] = bio.allowed[p * T + t]
          ? (s.trans[p * T + t]! + s.emit[(i + 1) * T + t]!) * inv + beta[(i + 1) * T + t]!
          : -Infinity;
      }
      beta[i * T + p] = logSumExp(tmp);
    }
  }
  const z = n === 0 ? 0 : logSumExp(alpha.subarray((n - 1) * T, n * T));
  const out = new Float64Array(n * T);
  for (let k = 0; k < n * T; k++) out[k] = Math.exp(alpha[k]! + beta[k]! - z);
  return out;
}
