import { QualityInputError } from '../errors.ts';
import type { LabelMatrix } from '../label-matrix.ts';
import { dawidSkene, type DawidSkeneOptions } from './dawid-skene.ts';
import { glad, type GladOptions } from './glad.ts';
import { mace, type MaceOptions } from './mace.ts';
import { majorityVote } from './majority-vote.ts';
import type { TruthMethod, TruthResult } from './types.ts';

/**
 * Every categorical truth-inference method, in the order the docs and the CLI list them.
 *
 * @example
 * ```ts
 * for (const method of TRUTH_METHODS) inferTruth(m, method);
 * ```
 */
export const TRUTH_METHODS: readonly TruthMethod[] = ['mv', 'ds', 'glad', 'mace'];

/** Per-method options for {@link inferTruth}. */
export interface InferTruthOptions {
  readonly ds?: DawidSkeneOptions;
  readonly glad?: GladOptions;
  readonly mace?: MaceOptions;
}

/**
 * Runs one truth-inference method by name (what the CLI and the server's batch job call).
 * Throws {@link QualityInputError} for an unknown method name.
 *
 * @example
 * ```ts
 * const r = inferTruth(m, 'ds');
 * ```
 */
export function inferTruth(
  m: LabelMatrix,
  method: TruthMethod,
  options: InferTruthOptions = {},
): TruthResult {
  switch (method) {
    case 'mv':
      return majorityVote(m);
    case 'ds':
      return dawidSkene(m, options.ds);
    case 'glad':
      return glad(m, options.glad);
    case 'mace':
      return mace(m, options.mace);
    default:
      throw new QualityInputError(
        'bad_option',
        `unknown truth-inference method "${String(method)}" (expected one of ${TRUTH_METHODS.join(', ')})`,
      );
  }
}

/**
 * Type guard for method names coming from user input.
 *
 * @example
 * ```ts
 * isTruthMethod('ds'); // true
 * isTruthMethod('wawa'); // false
 * ```
 */
export function isTruthMethod(name: string): name is TruthMethod {
  return (TRUTH_METHODS as readonly string[]).includes(name);
}
