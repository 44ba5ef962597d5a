/**
 * Objective for {@link minimizeCg}: returns f(x) and writes ∇f(x) into `grad`.
 */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options for {@link minimizeCg}. */
export interface CgOptions {
  /** Maximum CG iterations (default 25). */
  readonly maxIterations?: number;
  /** Stop when max |∇f| falls below this (default 1e-2). */
  readonly gradientTolerance?: number;
}

/** Result of {@link minimizeCg}. `x` is the minimiser found (the input array, updated). */
export interface CgResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
}

const C1 = 1e-4;
const C2 = 0.4;

/**
 * Nonlinear conjugate gradient (Polak–Ribière+, as in SciPy's `minimize(method='CG')`) with
 * a strong-Wolfe line search (Nocedal & Wright, Algorithms 3.5–3.6). Restarts from steepest
 * descent whenever the new direction is not a descent direction. Minimises in place.
 *
 * @example
 * ```ts
 * const x = Float64Array.of(3, -2);
 * minimizeCg((v, g) => { g[0] = 2 * v[0]; g[1] = 2 * v[1]; return v[0] ** 2 + v[1] ** 2; }, x);
 * // x ≈ [0, 0]
 * ```
 */
export function minimizeCg(f: Objective, x: Float64Array, options: CgOptions = {}): CgResult {
  const maxIterations = options.maxIterations ?? 25;
  const gtol = options.gradientTolerance ?? 1e-2;
  const n = x.length;
  const g = new Float64Array(n);
  let fx = f(x, g);
  const p = new Float64Array(n);
  for (let j = 0; j < n; j++) p[j] = -g[j]!;
  let previousF = fx + norm2(g) / 2;
  const ls = new LineSearch(f, n);
  let it = 0;
  while (it < maxIterations && normInf(g) > gtol) {
    const d0 = dot(g, p);
    const initial = Math.min(1, (1.01 * 2 * (fx - previousF)) / d0);
    const step = ls.search(x, p, fx, d0, initial > 0 && Number.isFinite(initial) ? initial : 1);
    if (step === undefined) break;
    const gg = dot(g, g);
    for (let j = 0; j < n; j++) x[j]! += step * p[j]!;
    previousF = fx;
    fx = ls.fNew;
    let yg = 0;
    for (let j = 0; j < n; j++) yg += (ls.gNew[j]! - g[j]!) * ls.gNew[j]!;
    const beta = Math.max(0, yg / gg);
    g.set(ls.gNew);
    for (let j = 0; j < n; j++) p[j] = -g[j]! + beta * p[j]!;
    // Restart when PR+ does not give a sufficiently descending direction.
    if (dot(p, g) > -0.01 * dot(g, g)) for (let j = 0; j < n; j++) p[j] = -g[j]!;
    it++;
  }
  return { x, value: fx, iterations: it };
}

/** Strong-Wolfe line search along p from x; keeps f and ∇f at the accepted step. */
class LineSearch {
  fNew = 0;
  readonly gNew: Float64Array;
  private readonly trial: Float64Array;
  private readonly gTrial: Float64Array;

  constructor(
    private readonly f: Objective,
    n: number,
  ) {
    this.gNew = new Float64Array(n);
    this.trial = new Float64Array(n);
    this.gTrial = new Float64Array(n);
  }

  search(x: Float64Array, p: Float64Array, f0: number, d0: number, a1: number): number | undefined {
    if (!(d0 < 0)) return undefined;
    let aPrev = 0;
    let fPrev = f0;
    let a = a1;
    for (let i = 0; i < 30; i++) {
      const fa = this.evaluate(x, p, a);
      if (fa > f0 + C1 * a * d0 || (i > 0 && fa >= fPrev))
        return this.zoom(x, p, f0, d0, aPrev, fPrev, a);
      const da = dot(this.gTrial, p);
      if (Math.abs(da) <= -C2 * d0) return this.accept(fa, a);
      if (da >= 0) return this.zoom(x, p, f0, d0, a, fa, aPrev);
      aPrev = a;
      fPrev = fa;
      a *= 2;
    }
    return undefined;
  }

  private zoom(
    x: Float64Array,
    p: Float64Array,
    f0: number,
    d0: number,
    lo: number,
    fLo: number,
    hi: number,
  ): number | undefined {
    for (let i = 0; i < 30; i++) {
      const a = (lo + hi) / 2;
      const fa = this.evaluate(x, p, a);
      if (fa > f0 + C1 * a * d0 || fa >= fLo) {
        hi = a;
        continue;
      }
      const da = dot(this.gTrial, p);
      if (Math.abs(da) <= -C2 * d0) return this.accept(fa, a);
      if (da * (hi - lo) >= 0) hi = lo;
      lo = a;
      fLo = fa;
    }
    // Accept the best sufficient-decrease point found, if any, rather than giving up.
    if (lo > 0) return this.accept(this.evaluate(x, p, lo), lo);
    return undefined;
  }

  private evaluate(x: Float64Array, p: Float64Array, a: number): number {
    const { trial } = this;
    for (let j = 0; j < x.length; j++) trial[j] = x[j]! + a * p[j]!;
    return this.f(trial, this.gTrial);
  }

  private accept(fa: number, a: number): number {
    this.fNew = fa;
    this.gNew.set(this.gTrial);
    return a;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

function norm2(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function normInf(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]!));
  return m;
}
