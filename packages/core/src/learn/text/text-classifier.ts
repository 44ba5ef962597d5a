import { seededRandom } from '../../quality/index.ts';
import { LearnInputError } from '../errors.ts';
import type { SparseVector } from '../sparse-vector.ts';
import { DEFAULT_BLEND, fitBlend, type Blend } from './blend-calibration.ts';
import { crossFitScores, trainMembers, type Members } from './cross-fit.ts';
import { Featurizer, type FeatureConfig, type FeatureOptions } from './featurizer.ts';
import { HeldOutBuffer } from './held-out-buffer.ts';
import { HashedNaiveBayes } from './naive-bayes.ts';
import { HashedSoftmaxRegression, type RegressionOptions } from './softmax-regression.ts';
import { argmax, softmaxInto } from './softmax.ts';
import {
  blendFromState,
  checkTokenizer,
  decodeMembers,
  encodeMembers,
  TextClassifierStateSchema,
  type TextClassifierState,
} from './text-classifier-state.ts';
import { parseState } from '../state-schema.ts';
import type { Tokenize } from './tokenize.ts';

/**
 * One labeled text.
 *
 * @example
 * ```ts
 * const ex: TextExample = { text: 'WINNER!! Claim your prize', label: 'spam' };
 * ```
 */
export interface TextExample {
  text: string;
  label: string;
}

/**
 * Settings of a {@link TextClassifier}. Only `labels` is required.
 *
 * @example
 * ```ts
 * const opts: TextClassifierOptions = { labels: ['ham', 'spam'], buckets: 2 ** 16 };
 * ```
 */
export interface TextClassifierOptions extends FeatureOptions, RegressionOptions {
  /** The classes, at least two, unique (a choices control's label values). */
  labels: readonly string[];
  /** Naive Bayes additive smoothing (default 0.01, on unit-length feature vectors). */
  alpha?: number;
  /** Passes of the regression over the data in `fit` (default 3). */
  epochs?: number;
  /** Folds of the cross-fitting that calibrates `fit` (default 5; 0 keeps the defaults). */
  calibrationFolds?: number;
  /** Seed of the shuffles in `fit` (default 1): the same data gives the same model. */
  seed?: number;
}

/**
 * A prediction: the most probable label, its calibrated probability, and all probabilities in
 * the order of `labels`.
 *
 * @example
 * ```ts
 * const p: TextPrediction = { label: 'spam', index: 1, score: 0.98, probs: Float64Array.of(0.02, 0.98) };
 * ```
 */
export interface TextPrediction {
  label: string;
  index: number;
  score: number;
  probs: Float64Array;
}

/** Recent prequential scores kept for online calibration. */
const HELD_OUT_CAPACITY = 1000;
/**
 * Online recalibration runs after max(10, buffered scores / 10) updates: often while the model
 * changes fast, then every 100 updates (a refit costs a few Newton steps over up to 1,000
 * scores; every 10 updates it took 70 % of `partialFit`'s time). Scores needed to override a
 * cross-fit blend:
 */
const OVERRIDE_CROSS_FIT = 200;
/**
 * Fewest held-out scores to fit a blend on: with ten, one unlucky fold can zero both weights
 * (seen with 5 + 5 SMS examples), so few-shot models keep the defaults.
 */
const MIN_HELD_OUT = 30;
/** Held-out scores enough for two parameters: beyond this, `fit` scores fewer folds. */
const MAX_HELD_OUT = 2000;

/**
 * Online text classifier: multinomial naive Bayes and AdaGrad logistic regression over the
 * same hashed word + character n-gram features, blended and calibrated on held-out scores.
 * Naive Bayes is strong from a handful of labels (generative models converge faster, Ng &
 * Jordan 2002), the regression overtakes it as labels accumulate; fitting the blend weights on
 * held-out scores picks the mix the data supports and calibrates the probabilities in one step
 * (see blend-calibration.ts). `fit` retrains from scratch with 5-fold cross-fitted
 * calibration; `partialFit` updates both members with one example after scoring it
 * (prequential calibration).
 *
 * @example
 * ```ts
 * const clf = new TextClassifier({ labels: ['ham', 'spam'] });
 * clf.fit([{ text: 'see you at 6', label: 'ham' }, { text: 'WIN a FREE prize', label: 'spam' }]);
 * clf.partialFit({ text: 'Call now to claim', label: 'spam' });
 * clf.predict('free prize, call now').label; // 'spam'
 * const saved = JSON.stringify(clf.toJSON()); // persist; TextClassifier.fromJSON(JSON.parse(saved))
 * ```
 */
export class TextClassifier {
  readonly labels: readonly string[];
  readonly featurizer: Featurizer;
  readonly options: Required<Omit<TextClassifierOptions, 'tokenize' | 'charNgrams' | 'buckets'>>;
  /** Current blend weights and where they came from. */
  blend: Blend = DEFAULT_BLEND;
  /** Incremented by every `fit` and `partialFit`: a model version. */
  generation = 0;
  /** Labels the current model was trained on. */
  examplesSeen = 0;
  /** @internal the members, exposed for serialisation. */
  readonly members: Members;
  private readonly heldOut: HeldOutBuffer;
  private sinceCalibration = 0;
  private readonly za: Float64Array;
  private readonly zb: Float64Array;

  constructor(opts: TextClassifierOptions) {
    this.labels = checkLabels(opts.labels);
    this.featurizer = new Featurizer(opts);
    this.options = checkOptions(opts);
    const K = this.labels.length;
    this.members = this.newMembers();
    this.heldOut = new HeldOutBuffer(K, HELD_OUT_CAPACITY);
    this.za = new Float64Array(K);
    this.zb = new Float64Array(K);
  }

  /** The feature vector of `text` (cache it to score the same text many times). */
  featurize(text: string): SparseVector {
    return this.featurizer.featurize(text);
  }

  /** Index of `label` in `labels`; a LearnInputError naming `where` if it is not one. */
  labelIndex(label: string, where = 'label'): number {
    const i = this.labels.indexOf(label);
    if (i < 0) {
      throw new LearnInputError(
        'unknown_label',
        `${where}: unknown label ${JSON.stringify(label)} (labels: ${this.labels.join(', ')})`,
      );
    }
    return i;
  }

  /** Retrains from scratch on `examples` (all accepted labels), then calibrates. */
  fit(examples: readonly TextExample[]): void {
    const xs: SparseVector[] = [];
    const ys = new Int32Array(examples.length);
    examples.forEach((ex, i) => {
      checkExample(ex, `examples[${i}]`);
      ys[i] = this.labelIndex(ex.label, `examples[${i}].label`);
      xs.push(this.featurize(ex.text));
    });
    this.fitVectors(xs, ys);
  }

  /** {@link fit} on feature vectors and class indices (for callers that cache vectors). */
  fitVectors(xs: readonly SparseVector[], ys: Int32Array): void {
    const rng = seededRandom(this.options.seed);
    const { epochs, calibrationFolds: folds } = this.options;
    const all = new Int32Array(xs.length).map((_, i) => i);
    this.blend = DEFAULT_BLEND;
    if (folds >= 2 && xs.length >= Math.max(MIN_HELD_OUT, 2 * folds)) {
      const scored = Math.min(folds, Math.ceil((MAX_HELD_OUT * folds) / xs.length));
      const scores = crossFitScores(this.newMembers(), xs, ys, folds, scored, epochs, rng);
      this.blend = fitBlend(scores, 'cross-fit');
    }
    trainMembers(this.members, xs, ys, all, epochs, rng);
    this.heldOut.clear();
    this.sinceCalibration = 0;
    this.examplesSeen = xs.length;
    this.generation++;
  }

  /** Learns one more example online (score it first, then update: see the class notes). */
  partialFit(example: TextExample): void {
    checkExample(example, 'example');
    const y = this.labelIndex(example.label, 'example.label');
    this.partialFitVector(this.featurize(example.text), y);
  }

  /** {@link partialFit} on a feature vector and class index. */
  partialFitVector(x: SparseVector, y: number): void {
    if (this.examplesSeen > 0) {
      this.members.nb.logits(x, this.za);
      this.members.lr.logits(x, this.zb);
      this.heldOut.push(this.za, this.zb, y);
    }
    this.members.nb.add(x, y);
    this.members.lr.update(x, y);
    this.examplesSeen++;
    this.generation++;
    const n = this.heldOut.size;
    const mayOverride = this.blend.source !== 'cross-fit' || n >= OVERRIDE_CROSS_FIT;
    const due = ++this.sinceCalibration >= Math.max(10, n / 10);
    if (n >= MIN_HELD_OUT && due && mayOverride) {
      this.blend = fitBlend(this.heldOut.scores(), 'prequential', 1, this.blend);
      this.sinceCalibration = 0;
    }
  }

  /** Calibrated class probabilities of `text`, in the order of `labels`. */
  predictProba(text: string): Float64Array {
    return this.predictProbaVector(this.featurize(text));
  }

  /** {@link predictProba} of a feature vector (uniform before any training). */
  predictProbaVector(x: SparseVector, out = new Float64Array(this.labels.length)): Float64Array {
    const za = this.members.nb.logits(x, this.za);
    const zb = this.members.lr.logits(x, this.zb);
    for (let c = 0; c < out.length; c++) out[c] = this.blend.nb * za[c]! + this.blend.lr * zb[c]!;
    return softmaxInto(out, out);
  }

  /** The most probable label of `text` with its probability. */
  predict(text: string): TextPrediction {
    const probs = this.predictProba(text);
    const index = argmax(probs);
    return { label: this.labels[index]!, index, score: probs[index]!, probs };
  }

  /** Everything needed to restore the model (not the tokenizer: see `fromJSON`). */
  toJSON(): TextClassifierState {
    const { labels: _labels, ...options } = this.options;
    return {
      kind: 'tessera.text-classifier',
      formatVersion: 1,
      labels: [...this.labels],
      features: { ...this.featurizer.config, charNgrams: ngrams(this.featurizer.config) },
      options,
      blend: { ...this.blend },
      generation: this.generation,
      examplesSeen: this.examplesSeen,
      ...encodeMembers(this.members),
    };
  }

  /**
   * Restores a model saved with `toJSON`. A model trained with a custom tokenizer needs it
   * again in `opts.tokenize`. Throws a LearnInputError listing every problem of a bad state.
   */
  static fromJSON(state: unknown, opts: { tokenize?: Tokenize } = {}): TextClassifier {
    const s = parseState(TextClassifierStateSchema, state, 'TextClassifier.fromJSON');
    checkTokenizer(s, opts.tokenize !== undefined);
    const clf = new TextClassifier({
      ...s.options,
      labels: s.labels,
      buckets: s.features.buckets,
      charNgrams: s.features.charNgrams,
      ...(opts.tokenize ? { tokenize: opts.tokenize } : {}),
    });
    decodeMembers(s, clf.members);
    clf.blend = blendFromState(s);
    clf.generation = s.generation;
    clf.examplesSeen = s.examplesSeen;
    return clf;
  }

  private newMembers(): Members {
    const K = this.labels.length;
    const D = this.featurizer.config.buckets;
    return {
      nb: new HashedNaiveBayes(K, D, this.options.alpha),
      lr: new HashedSoftmaxRegression(K, D, this.options),
    };
  }
}

function ngrams(c: FeatureConfig): [number, number] | false {
  return c.charNgrams === false ? false : [c.charNgrams[0], c.charNgrams[1]];
}

function checkLabels(labels: readonly string[]): readonly string[] {
  if (!Array.isArray(labels) || labels.length < 2) {
    throw new LearnInputError('bad_option', 'labels: a classifier needs at least two labels');
  }
  labels.forEach((l, i) => {
    if (typeof l !== 'string' || l === '') {
      throw new LearnInputError('bad_option', `labels[${i}]: expected a non-empty string`);
    }
    if (labels.indexOf(l) !== i) {
      throw new LearnInputError('bad_option', `labels[${i}]: duplicate label ${JSON.stringify(l)}`);
    }
  });
  return [...labels];
}

function checkOptions(o: TextClassifierOptions): TextClassifier['options'] {
  const r = {
    labels: o.labels,
    alpha: o.alpha ?? 0.01,
    epochs: o.epochs ?? 3,
    calibrationFolds: o.calibrationFolds ?? 5,
    seed: o.seed ?? 1,
    learningRate: o.learningRate ?? 0.5,
    l2: o.l2 ?? 1e-5,
  };
  const positive = (k: 'alpha' | 'learningRate') => {
    if (!(r[k] > 0 && Number.isFinite(r[k]))) {
      throw new LearnInputError('bad_option', `${k} must be a positive number, got ${r[k]}`);
    }
  };
  positive('alpha');
  positive('learningRate');
  if (!(r.l2 >= 0 && Number.isFinite(r.l2))) {
    throw new LearnInputError('bad_option', `l2 must be a non-negative number, got ${r.l2}`);
  }
  for (const k of ['epochs', 'calibrationFolds', 'seed'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 0) {
      throw new LearnInputError('bad_option', `${k} must be a non-negative integer, got ${r[k]}`);
    }
  }
  if (r.calibrationFolds === 1) {
    throw new LearnInputError('bad_option', 'calibrationFolds must be 0 (off) or at least 2');
  }
  return r;
}

function checkExample(ex: TextExample, where: string): void {
  if (typeof ex !== 'object' || ex === null || typeof ex.text !== 'string') {
    throw new LearnInputError('bad_example', `${where}.text: expected a string`);
  }
}
