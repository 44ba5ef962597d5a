import { wilsonInterval, type Rate } from '../../quality/index.ts';
import { LearnInputError } from '../errors.ts';
import { hashUnit } from '../hashing.ts';

/**
 * The two arms of an A/B comparison (e.g. two pre-labeling models or two orderings).
 *
 * @example
 * ```ts
 * const arm: Arm = assignArm('task-17', 'exp-2026-11');
 * ```
 */
export type Arm = 'A' | 'B';

/**
 * Deterministic arm of a task: a hash of the seed and the task id, so every server, worker
 * and browser agrees without storing the assignment, and a new seed reshuffles. `shareB` is
 * the fraction of tasks sent to arm B (default 0.5).
 *
 * @example
 * ```ts
 * assignArm('task-17', 'exp-1'); // 'A' or 'B', the same everywhere
 * assignArm(42, 'exp-1', 0.1); // B for about 10 % of tasks
 * ```
 */
export function assignArm(taskId: string | number, seed: string | number, shareB = 0.5): Arm {
  if (!(shareB >= 0 && shareB <= 1)) {
    throw new LearnInputError('bad_option', `shareB must be in [0, 1], got ${shareB}`);
  }
  return hashUnit(`${typeof taskId}:${taskId}`, String(seed)) < shareB ? 'B' : 'A';
}

/**
 * One judged task of an A/B test: its arm and whether the arm's output was right (accepted
 * without change, matched gold, ...).
 *
 * @example
 * ```ts
 * const o: AbOutcome = { arm: assignArm(task.id, 'exp-1'), correct: accepted };
 * ```
 */
export interface AbOutcome {
  arm: Arm;
  correct: boolean;
}

/**
 * Per-arm accuracy with Wilson intervals, and the difference B − A with Newcombe's hybrid
 * score interval (Newcombe 1998, method 10), built from the two Wilson intervals: it behaves
 * at 0 % and 100 % where the Wald interval claims certainty. Undefined (with a reason) when
 * an arm has no outcomes.
 *
 * @example
 * ```ts
 * const r = abAccuracy(outcomes);
 * r.A.value; // e.g. 0.91, r.A.lower / r.A.upper its interval
 * r.difference.value; // B − A, with r.difference.lower / upper
 * ```
 */
export function abAccuracy(
  outcomes: readonly AbOutcome[],
  confidence = 0.95,
): { A: Rate; B: Rate; difference: Difference } {
  const n = { A: 0, B: 0 };
  const k = { A: 0, B: 0 };
  outcomes.forEach((o, i) => {
    if (o.arm !== 'A' && o.arm !== 'B') {
      throw new LearnInputError(
        'bad_example',
        `outcomes[${i}].arm: expected "A" or "B", got ${JSON.stringify(o.arm)}`,
      );
    }
    n[o.arm]++;
    if (o.correct) k[o.arm]++;
  });
  const A = wilsonInterval(k.A, n.A, confidence);
  const B = wilsonInterval(k.B, n.B, confidence);
  return { A, B, difference: newcombe(A, B) };
}

/**
 * A difference of two rates with its interval, or undefined with the reason.
 *
 * @example
 * ```ts
 * const d: Difference = { value: 0.2, lower: 0.0524, upper: 0.3339 };
 * ```
 */
export type Difference =
  | { value: number; lower: number; upper: number; reason?: undefined }
  | { value: undefined; lower: undefined; upper: undefined; reason: string };

function newcombe(a: Rate, b: Rate): Difference {
  if (a.value === undefined || b.value === undefined) {
    const reason = a.value === undefined ? 'arm A has no outcomes' : 'arm B has no outcomes';
    return { value: undefined, lower: undefined, upper: undefined, reason };
  }
  const d = b.value - a.value;
  return {
    value: d,
    lower: d - Math.hypot(b.value - b.lower, a.upper - a.value),
    upper: d + Math.hypot(b.upper - b.value, a.value - a.lower),
  };
}
