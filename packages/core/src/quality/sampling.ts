import { QualityInputError } from './errors.ts';
import { seededRandom } from './stats/rng.ts';
import { wilsonInterval, type Rate } from './stats/wilson.ts';

/**
 * An acceptance-sampling rule: inspect at least `minSample` items and/or `minFraction` of
 * the batch (whichever is larger), then accept when the pass rate is at least `passRate`.
 *
 * @example
 * ```ts
 * const plan: AcceptancePlan = { id: 'custom', label: '5 % at 95 %', minFraction: 0.05, passRate: 0.95 };
 * ```
 */
export interface AcceptancePlan {
  readonly id: string;
  readonly label: string;
  readonly minSample?: number;
  readonly minFraction?: number;
  readonly passRate: number;
}

/**
 * TC260-003 preset, fixed-size form: inspect at least 4,000 items, accept at ≥ 96 % pass.
 * (Values as summarised in the Tessera issue; check them against the standard's text.)
 *
 * @example
 * ```ts
 * judgeSample({ passed: 3900, inspected: 4000, batchSize: 90_000 }, TC260_003_FIXED);
 * ```
 */
export const TC260_003_FIXED: AcceptancePlan = {
  id: 'tc260-003-4000',
  label: 'TC260-003: ≥ 4,000 items at ≥ 96 % pass',
  minSample: 4000,
  passRate: 0.96,
};

/**
 * TC260-003 preset, proportional form: inspect at least 10 % of the batch, accept at ≥ 98 %.
 *
 * @example
 * ```ts
 * requiredSampleSize(12_000, TC260_003_PROPORTIONAL); // 1200
 * ```
 */
export const TC260_003_PROPORTIONAL: AcceptancePlan = {
  id: 'tc260-003-10pct',
  label: 'TC260-003: ≥ 10 % of the batch at ≥ 98 % pass',
  minFraction: 0.1,
  passRate: 0.98,
};

/**
 * Built-in plans, for pickers and lookups by id.
 *
 * @example
 * ```ts
 * ACCEPTANCE_PLANS.find((p) => p.id === 'tc260-003-10pct');
 * ```
 */
export const ACCEPTANCE_PLANS: readonly AcceptancePlan[] = [
  TC260_003_FIXED,
  TC260_003_PROPORTIONAL,
];

/**
 * Items to inspect for a batch: max(minSample, ceil(minFraction · batch)), capped at the
 * batch size (a batch smaller than the minimum is inspected in full).
 *
 * @example
 * ```ts
 * requiredSampleSize(50_000, TC260_003_FIXED); // 4000
 * requiredSampleSize(50_000, TC260_003_PROPORTIONAL); // 5000
 * requiredSampleSize(1_000, TC260_003_FIXED); // 1000 (full inspection)
 * ```
 */
export function requiredSampleSize(batchSize: number, plan: AcceptancePlan): number {
  checkPlan(plan);
  if (!Number.isInteger(batchSize) || batchSize < 0) {
    throw new QualityInputError(
      'bad_value',
      `batch size must be a non-negative integer, got ${batchSize}`,
    );
  }
  const byFraction =
    plan.minFraction === undefined ? 0 : Math.ceil(plan.minFraction * batchSize - 1e-9);
  return Math.min(batchSize, Math.max(plan.minSample ?? 0, byFraction));
}

/**
 * Draws the sample to inspect: `requiredSampleSize` distinct indices in [0, batchSize),
 * sorted, reproducible from `seed` (Floyd's algorithm, O(sample) memory).
 *
 * @example
 * ```ts
 * drawSample(50_000, TC260_003_FIXED, 7).length; // 4000
 * ```
 */
export function drawSample(batchSize: number, plan: AcceptancePlan, seed: number): Int32Array {
  const size = requiredSampleSize(batchSize, plan);
  const random = seededRandom(seed);
  const chosen = new Set<number>();
  for (let j = batchSize - size; j < batchSize; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}

/** Verdict of {@link judgeSample}. */
export interface AcceptanceVerdict {
  /** 'accept' / 'reject' on the observed pass rate; 'insufficient_sample' if too few inspected. */
  readonly verdict: 'accept' | 'reject' | 'insufficient_sample';
  readonly passRate: Rate;
  readonly requiredSample: number;
  /** True when even the Wilson lower bound meets the plan's pass rate (a stricter reading). */
  readonly confidentlyAccepted: boolean;
  readonly reason: string;
}

/**
 * Judges an inspected sample against a plan.
 *
 * @example
 * ```ts
 * judgeSample({ passed: 3950, inspected: 4000, batchSize: 60_000 }, TC260_003_FIXED).verdict; // 'accept'
 * ```
 */
export function judgeSample(
  sample: { readonly passed: number; readonly inspected: number; readonly batchSize: number },
  plan: AcceptancePlan,
  confidence = 0.95,
): AcceptanceVerdict {
  const requiredSample = requiredSampleSize(sample.batchSize, plan);
  if (sample.inspected > sample.batchSize) {
    throw new QualityInputError(
      'bad_value',
      `inspected (${sample.inspected}) exceeds the batch size (${sample.batchSize})`,
    );
  }
  const passRate = wilsonInterval(sample.passed, sample.inspected, confidence);
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  if (sample.inspected < requiredSample || passRate.value === undefined) {
    return {
      verdict: 'insufficient_sample',
      passRate,
      requiredSample,
      confidentlyAccepted: false,
      reason: `${plan.label}: inspected ${sample.inspected} of the ${requiredSample} required`,
    };
  }
  const ok = passRate.value >= plan.passRate;
  return {
    verdict: ok ? 'accept' : 'reject',
    passRate,
    requiredSample,
    confidentlyAccepted: passRate.lower >= plan.passRate,
    reason: `${plan.label}: pass rate ${pct(passRate.value)} (${Math.round(confidence * 100)} % CI ${pct(passRate.lower)}–${pct(passRate.upper)}) ${ok ? '>=' : '<'} ${pct(plan.passRate)}`,
  };
}

function checkPlan(plan: AcceptancePlan): void {
  if (!(plan.passRate > 0 && plan.passRate <= 1)) {
    throw new QualityInputError(
      'bad_option',
      `plan ${plan.id}: passRate must be in (0, 1], got ${plan.passRate}`,
    );
  }
  if (plan.minFraction !== undefined && !(plan.minFraction > 0 && plan.minFraction <= 1)) {
    throw new QualityInputError(
      'bad_option',
      `plan ${plan.id}: minFraction must be in (0, 1], got ${plan.minFraction}`,
    );
  }
  if (plan.minSample !== undefined && !(Number.isInteger(plan.minSample) && plan.minSample >= 0)) {
    throw new QualityInputError(
      'bad_option',
      `plan ${plan.id}: minSample must be a non-negative integer`,
    );
  }
}
