import { z } from 'zod';
import { decodeSparse, encodeSparse } from '../base64.ts';
import { LearnInputError } from '../errors.ts';
import { EncodedSparseSchema, expectLength, FeatureConfigSchema, Finite } from '../state-schema.ts';
import type { Blend } from './blend-calibration.ts';
import type { Members } from './cross-fit.ts';

/**
 * Zod schema of a saved {@link TextClassifier} (`toJSON()` output). Weights are stored
 * sparse (non-zero entries only, base64), so a model is compact JSON.
 *
 * @example
 * ```ts
 * TextClassifierStateSchema.parse(clf.toJSON()); // ok
 * ```
 */
export const TextClassifierStateSchema = z.strictObject({
  kind: z.literal('tessera.text-classifier'),
  formatVersion: z.literal(1),
  labels: z.array(z.string()).min(2),
  features: FeatureConfigSchema,
  options: z.strictObject({
    alpha: Finite,
    epochs: z.number().int(),
    calibrationFolds: z.number().int(),
    seed: z.number().int(),
    learningRate: Finite,
    l2: Finite,
  }),
  blend: z.strictObject({
    nb: Finite,
    lr: Finite,
    source: z.enum(['default', 'cross-fit', 'prequential']),
    examples: z.number().int().nonnegative(),
  }),
  generation: z.number().int().nonnegative(),
  examplesSeen: z.number().int().nonnegative(),
  nb: z.strictObject({
    classMass: z.array(Finite),
    classDocs: z.array(Finite),
    seen: z.number().int().nonnegative(),
    counts: EncodedSparseSchema,
  }),
  lr: z.strictObject({
    bias: z.array(Finite),
    biasGradSq: z.array(Finite),
    weights: EncodedSparseSchema,
    gradSq: EncodedSparseSchema,
  }),
});

/**
 * A saved text classifier (see {@link TextClassifierStateSchema}).
 *
 * @example
 * ```ts
 * const s: TextClassifierState = clf.toJSON();
 * ```
 */
export type TextClassifierState = z.infer<typeof TextClassifierStateSchema>;

/**
 * The members' learned numbers as saved state.
 *
 * @example
 * ```ts
 * const { nb, lr } = encodeMembers(clf.members);
 * ```
 */
export function encodeMembers(m: Members): Pick<TextClassifierState, 'nb' | 'lr'> {
  return {
    nb: {
      classMass: Array.from(m.nb.classMass),
      classDocs: Array.from(m.nb.classDocs),
      seen: m.nb.seen,
      counts: encodeSparse(m.nb.counts),
    },
    lr: {
      bias: Array.from(m.lr.bias),
      biasGradSq: Array.from(m.lr.biasGradSq),
      weights: encodeSparse(m.lr.weights),
      gradSq: encodeSparse(m.lr.gradSq),
    },
  };
}

/**
 * Loads saved numbers into freshly built members of the right shape.
 *
 * @example
 * ```ts
 * decodeMembers(state, clf.members);
 * ```
 */
export function decodeMembers(s: TextClassifierState, m: Members): void {
  const K = s.labels.length;
  const size = K * s.features.buckets;
  expectLength(s.nb.classMass, K, 'nb.classMass');
  expectLength(s.nb.classDocs, K, 'nb.classDocs');
  expectLength(s.lr.bias, K, 'lr.bias');
  expectLength(s.lr.biasGradSq, K, 'lr.biasGradSq');
  m.nb.counts.set(decodeSparse(s.nb.counts, size, 'nb.counts'));
  m.nb.classMass.set(s.nb.classMass);
  m.nb.classDocs.set(s.nb.classDocs);
  m.nb.seen = s.nb.seen;
  m.lr.weights.set(decodeSparse(s.lr.weights, size, 'lr.weights'));
  m.lr.gradSq.set(decodeSparse(s.lr.gradSq, size, 'lr.gradSq'));
  m.lr.bias.set(s.lr.bias);
  m.lr.biasGradSq.set(s.lr.biasGradSq);
}

/**
 * Checks that a model saved with a custom tokenizer is given one again (the tokenizer is code
 * and cannot be saved; loading without it would silently change every feature).
 *
 * @example
 * ```ts
 * checkTokenizer(state, opts.tokenize !== undefined); // throws if one is missing
 * ```
 */
export function checkTokenizer(
  s: { features: { customTokenizer: boolean } },
  given: boolean,
): void {
  if (s.features.customTokenizer && !given) {
    throw new LearnInputError(
      'bad_state',
      'this model was trained with a custom tokenizer: pass it again, fromJSON(state, { tokenize })',
    );
  }
}

/**
 * Blend from saved state.
 *
 * @example
 * ```ts
 * clf.blend = blendFromState(state);
 * ```
 */
export function blendFromState(s: TextClassifierState): Blend {
  return { ...s.blend };
}
