import { z } from 'zod';
import { LearnInputError } from './errors.ts';

/*
 * Shared pieces of the saved-model schemas. A saved model comes back from a database or a
 * file, so it is parsed like any other input: every problem is reported with its path.
 */

/**
 * Zod schema of {@link EncodedSparse}.
 *
 * @example
 * ```ts
 * EncodedSparseSchema.parse(encodeSparse(weights)); // ok
 * ```
 */
export const EncodedSparseSchema = z.strictObject({
  n: z.number().int().nonnegative(),
  indices: z.string(),
  values: z.string(),
});

/**
 * A finite number (JSON cannot hold NaN, but a hand-edited state might hold a string).
 *
 * @example
 * ```ts
 * Finite.safeParse('1').success; // false
 * ```
 */
export const Finite = z.number().finite();

/**
 * Feature settings as saved.
 *
 * @example
 * ```ts
 * FeatureConfigSchema.parse({ buckets: 262144, charNgrams: [1, 3], customTokenizer: false });
 * ```
 */
export const FeatureConfigSchema = z.strictObject({
  buckets: z.number().int().positive(),
  charNgrams: z.union([z.tuple([z.number().int(), z.number().int()]), z.literal(false)]),
  customTokenizer: z.boolean(),
});

/**
 * Parses `state` with `schema`, or throws a LearnInputError listing each issue as
 * `path: message` under the name of what was being loaded.
 *
 * @example
 * ```ts
 * const s = parseState(TextClassifierStateSchema, json, 'TextClassifier.fromJSON');
 * ```
 */
export function parseState<T>(schema: z.ZodType<T>, state: unknown, what: string): T {
  const r = schema.safeParse(state);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new LearnInputError('bad_state', `${what}: invalid saved model\n${lines.join('\n')}`);
}

/**
 * Throws unless a numeric array from a saved model has the expected length.
 *
 * @example
 * ```ts
 * expectLength(state.nb.classMass, 2, 'nb.classMass');
 * ```
 */
export function expectLength(a: readonly unknown[], n: number, where: string): void {
  if (a.length !== n) {
    throw new LearnInputError('bad_state', `${where}: expected ${n} entries, got ${a.length}`);
  }
}
