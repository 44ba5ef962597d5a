import { z } from 'zod';
import { decodeSparse, encodeSparse } from '../base64.ts';
import { EncodedSparseSchema, expectLength, Finite } from '../state-schema.ts';
import type { PerceptronWeights } from './perceptron-weights.ts';

const WeightsSchema = z.strictObject({
  c: z.number().int().positive(),
  w: EncodedSparseSchema,
  u: EncodedSparseSchema,
  trans: z.array(Finite),
  transU: z.array(Finite),
  start: z.array(Finite),
  startU: z.array(Finite),
});

/**
 * Zod schema of a saved {@link SpanTagger} (`toJSON()` output); weights are stored sparse.
 *
 * @example
 * ```ts
 * SpanTaggerStateSchema.parse(tagger.toJSON()); // ok
 * ```
 */
export const SpanTaggerStateSchema = z.strictObject({
  kind: z.literal('tessera.span-tagger'),
  formatVersion: z.literal(1),
  options: z.strictObject({
    labels: z.array(z.string()).min(1),
    buckets: z.number().int().positive(),
    epochs: z.number().int().positive(),
    seed: z.number().int(),
  }),
  temperature: Finite.positive(),
  temperatureSource: z.enum(['default', 'held-out', 'prequential']),
  generation: z.number().int().nonnegative(),
  examplesSeen: z.number().int().nonnegative(),
  weights: WeightsSchema,
});

/**
 * A saved span tagger (see {@link SpanTaggerStateSchema}).
 *
 * @example
 * ```ts
 * const s: SpanTaggerState = tagger.toJSON();
 * ```
 */
export type SpanTaggerState = z.infer<typeof SpanTaggerStateSchema>;

/**
 * The perceptron's numbers as saved state.
 *
 * @example
 * ```ts
 * const saved = encodeWeights(tagger.weights);
 * ```
 */
export function encodeWeights(pw: PerceptronWeights): SpanTaggerState['weights'] {
  return {
    c: pw.c,
    w: encodeSparse(pw.w),
    u: encodeSparse(pw.u),
    trans: Array.from(pw.trans),
    transU: Array.from(pw.transU),
    start: Array.from(pw.start),
    startU: Array.from(pw.startU),
  };
}

/**
 * Loads saved numbers into weights of the right shape (built from the saved options).
 *
 * @example
 * ```ts
 * decodeWeights(state.weights, tagger.weights);
 * ```
 */
export function decodeWeights(s: SpanTaggerState['weights'], pw: PerceptronWeights): void {
  const T = pw.T;
  expectLength(s.trans, T * T, 'weights.trans');
  expectLength(s.transU, T * T, 'weights.transU');
  expectLength(s.start, T, 'weights.start');
  expectLength(s.startU, T, 'weights.startU');
  pw.w.set(decodeSparse(s.w, pw.w.length, 'weights.w'));
  pw.u.set(decodeSparse(s.u, pw.u.length, 'weights.u'));
  pw.trans.set(s.trans);
  pw.transU.set(s.transU);
  pw.start.set(s.start);
  pw.startU.set(s.startU);
  pw.c = s.c;
}
