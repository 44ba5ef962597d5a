import { LearnInputError } from '../errors.ts';
import { fmix32, FNV_BASIS, fnvStep, hashString } from '../hashing.ts';
import { countsToVector, l2Normalize, type SparseVector } from '../sparse-vector.ts';
import { defaultTokenize, type Tokenize } from './tokenize.ts';

/**
 * How text becomes a hashed feature vector.
 *
 * @example
 * ```ts
 * const opts: FeatureOptions = { buckets: 2 ** 16, charNgrams: [2, 4] };
 * ```
 */
export interface FeatureOptions {
  /** Number of hash buckets, a power of two from 2^10 to 2^24 (default 2^18). */
  buckets?: number;
  /** Word tokenizer (default {@link defaultTokenize}). Not saved by `toJSON`: pass it again. */
  tokenize?: Tokenize;
  /** Character n-gram lengths `[min, max]` (default `[1, 3]`), or `false` for none. */
  charNgrams?: readonly [number, number] | false;
}

/**
 * Feature options with defaults filled in, minus the tokenizer (which is code, not data).
 *
 * @example
 * ```ts
 * const c: FeatureConfig = { buckets: 2 ** 18, charNgrams: [1, 3], customTokenizer: false };
 * ```
 */
export interface FeatureConfig {
  buckets: number;
  charNgrams: readonly [number, number] | false;
  /** True when a tokenizer was injected (a saved model then needs it again). */
  customTokenizer: boolean;
}

const WORD_SALT = 0x9e3779b9;
const NGRAM_SALT = 0x7f4a7c15;
/** Collapses white space so that layout does not change the character n-grams. */
const SPACES = /\s+/gu;

/**
 * Checks and fills in feature options; a LearnInputError says which option is wrong.
 *
 * @example
 * ```ts
 * featureConfig({ buckets: 2 ** 16 }).charNgrams; // [1, 3]
 * ```
 */
export function featureConfig(opts: FeatureOptions = {}): FeatureConfig {
  const buckets = opts.buckets ?? 2 ** 18;
  if (!Number.isInteger(Math.log2(buckets)) || buckets < 2 ** 10 || buckets > 2 ** 24) {
    throw new LearnInputError(
      'bad_option',
      `buckets must be a power of two from 1024 to 16777216, got ${buckets}`,
    );
  }
  const ng = opts.charNgrams ?? [1, 3];
  if (ng !== false && !(Number.isInteger(ng[0]) && ng[0] >= 1 && ng[1] >= ng[0] && ng[1] <= 8)) {
    throw new LearnInputError(
      'bad_option',
      `charNgrams must be [min, max] with 1 <= min <= max <= 8, got [${ng.join(', ')}]`,
    );
  }
  return {
    buckets,
    charNgrams: ng === false ? false : [ng[0], ng[1]],
    customTokenizer: opts.tokenize !== undefined,
  };
}

/**
 * Text → L2-normalised sparse vector of hashed features: the tokenizer's words, plus the
 * character n-grams of the lower-cased text (white space collapsed, padded with a space so
 * that word starts and ends are n-grams of their own). Character n-grams make the model robust
 * to spelling variants ("FREE", "fr33"), to SMS abbreviations and to unsegmented CJK text.
 * Feature hashing (Weinberger et al. 2009) keeps memory fixed whatever the vocabulary.
 *
 * @example
 * ```ts
 * const f = new Featurizer({ buckets: 2 ** 16 });
 * f.featurize('Free entry!').indices.length; // number of distinct buckets hit
 * ```
 */
export class Featurizer {
  readonly config: FeatureConfig;
  private readonly tokenize: Tokenize;
  private readonly mask: number;

  constructor(opts: FeatureOptions = {}) {
    this.config = featureConfig(opts);
    this.tokenize = opts.tokenize ?? defaultTokenize;
    this.mask = this.config.buckets - 1;
  }

  /** The feature vector of `text` (unit length; empty for empty text). */
  featurize(text: string): SparseVector {
    const ids: number[] = [];
    for (const tok of this.tokenize(text)) {
      if (tok !== '') ids.push(hashString(tok, WORD_SALT) & this.mask);
    }
    if (this.config.charNgrams) this.pushNgrams(text, this.config.charNgrams, ids);
    return l2Normalize(countsToVector(ids));
  }

  /** Rolling hashes of all n-grams starting at each code point: no substrings allocated. */
  private pushNgrams(text: string, [lo, hi]: readonly [number, number], ids: number[]): void {
    const norm = ` ${text.toLowerCase().replace(SPACES, ' ').trim()} `;
    if (norm.length <= 2) return;
    const cps: number[] = [];
    for (let i = 0; i < norm.length; i++) {
      const c = norm.codePointAt(i)!;
      cps.push(c);
      if (c > 0xffff) i++;
    }
    for (let i = 0; i < cps.length; i++) {
      let h = FNV_BASIS ^ NGRAM_SALT;
      for (let n = 1; n <= hi && i + n <= cps.length; n++) {
        h = fnvStep(h, cps[i + n - 1]!);
        if (n >= lo) ids.push(fmix32(h ^ n) & this.mask);
      }
    }
  }
}
