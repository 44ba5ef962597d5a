import { seededRandom } from '../../quality/index.ts';
import { LearnInputError } from '../errors.ts';
import { parseState } from '../state-schema.ts';
import { BioTags, type LabeledSpan } from './bio.ts';
import { charFeatures, type PositionFeatures } from './char-features.ts';
import { marginals, viterbi } from './decode.ts';
import { PerceptronWeights } from './perceptron-weights.ts';
import {
  decodeWeights,
  encodeWeights,
  SpanTaggerStateSchema,
  type SpanTaggerState,
} from './span-tagger-state.ts';
import { fitTemperature, type ScoredText } from './temperature.ts';

/**
 * A text with its accepted spans (code-point offsets, non-overlapping).
 *
 * @example
 * ```ts
 * const ex: SpanExample = { text: '王小明在北京', spans: [{ start: 0, end: 3, label: 'PER' }] };
 * ```
 */
export interface SpanExample {
  text: string;
  spans: readonly LabeledSpan[];
}

/**
 * A predicted span: offsets in code points, the covered text and a confidence in [0, 1].
 *
 * @example
 * ```ts
 * const s: ScoredSpan = { start: 4, end: 6, label: 'LOC', text: '北京', score: 0.97 };
 * ```
 */
export interface ScoredSpan extends LabeledSpan {
  text: string;
  score: number;
}

/**
 * Settings of a {@link SpanTagger}. Only `labels` is required.
 *
 * @example
 * ```ts
 * const o: SpanTaggerOptions = { labels: ['PER', 'ORG', 'LOC'], epochs: 8 };
 * ```
 */
export interface SpanTaggerOptions {
  labels: readonly string[];
  /** Hash buckets, a power of two from 2^10 to 2^24 (default 2^17). */
  buckets?: number;
  /** Training passes of `fit` (default 6). */
  epochs?: number;
  /** Seed of the shuffles in `fit` (default 1). */
  seed?: number;
}

/** Held-out share of `fit` used to fit the temperature, and the texts needed to do so. */
const HELD_OUT_SHARE = 0.2;
const MIN_TEXTS_FOR_HELD_OUT = 20;
/** Prequential texts kept for online recalibration, and the recalibration period. */
const ONLINE_KEEP = 200;
const RECALIBRATE_EVERY = 20;

interface Prepared {
  f: PositionFeatures;
  gold: Int32Array;
}

/**
 * Span tagger: an averaged structured perceptron over BIO tags with character features,
 * decoded by Viterbi under BIO constraints. Each span's score is the smallest marginal
 * probability of its tags (forward–backward over the perceptron scores at a temperature fitted
 * on held-out text): a span is as sure as its least sure character. `fit` retrains from
 * scratch (the temperature comes from a 20 % held-out split, then the model is retrained on
 * everything); `partialFit` is one perceptron step, scoring the text first so the temperature
 * can be refitted online.
 *
 * @example
 * ```ts
 * const tagger = new SpanTagger({ labels: ['PER', 'LOC'] });
 * tagger.fit([{ text: '王小明在北京', spans: [{ start: 0, end: 3, label: 'PER' }, { start: 4, end: 6, label: 'LOC' }] }]);
 * tagger.predict('李小红在上海'); // [{ start: 0, end: 3, label: 'PER', text: '李小红', score: ... }, ...]
 * ```
 */
export class SpanTagger {
  readonly bio: BioTags;
  readonly options: Required<SpanTaggerOptions>;
  readonly weights: PerceptronWeights;
  /** Temperature of the marginals, and where it came from. */
  temperature = 1;
  temperatureSource: 'default' | 'held-out' | 'prequential' = 'default';
  generation = 0;
  examplesSeen = 0;
  private recent: ScoredText[] = [];

  constructor(opts: SpanTaggerOptions) {
    this.options = checkOptions(opts);
    this.bio = new BioTags(this.options.labels);
    this.weights = new PerceptronWeights(this.bio, this.options.buckets);
  }

  /** Retrains from scratch on `examples` (all accepted span annotations). */
  fit(examples: readonly SpanExample[]): void {
    const data = examples.map((ex, i) => this.prepare(ex, `examples[${i}]`));
    const rng = seededRandom(this.options.seed);
    this.temperature = 1;
    this.temperatureSource = 'default';
    if (data.length >= MIN_TEXTS_FOR_HELD_OUT) {
      const order = shuffled(data.length, rng);
      const cut = Math.round(data.length * HELD_OUT_SHARE);
      this.train(
        order.slice(cut).map((i) => data[i]!),
        rng,
      );
      const heldOut = order.slice(0, cut).map((i) => this.scored(data[i]!));
      this.temperature = fitTemperature(heldOut, this.bio);
      this.temperatureSource = 'held-out';
    }
    this.train(data, rng);
    this.recent = [];
    this.examplesSeen = data.length;
    this.generation++;
  }

  /** One online perceptron step on `example` (scored first for online calibration). */
  partialFit(example: SpanExample): void {
    const p = this.prepare(example, 'example');
    if (this.examplesSeen > 0 && p.f.length > 0) {
      this.recent.push(this.scored(p));
      if (this.recent.length > ONLINE_KEEP) this.recent.shift();
    }
    this.step(p);
    this.examplesSeen++;
    this.generation++;
    const canOverride = this.temperatureSource !== 'held-out' || this.recent.length >= ONLINE_KEEP;
    if (this.recent.length >= RECALIBRATE_EVERY && this.generation % RECALIBRATE_EVERY === 0) {
      if (canOverride) {
        this.temperature = fitTemperature(this.recent, this.bio, this.temperature);
        this.temperatureSource = 'prequential';
      }
    }
  }

  /** Spans of `text` with scores, in order of position. */
  predict(text: string): ScoredSpan[] {
    return this.analyze(text).spans;
  }

  /**
   * Spans of `text` and the confidence of the whole tagging: the smallest marginal of any
   * decoded tag, O tags included, so a text where the tagger found nothing but hesitated
   * somewhere is not reported as sure (active learning and auto-accept use this).
   */
  analyze(text: string): { spans: ScoredSpan[]; confidence: number } {
    if (typeof text !== 'string') {
      throw new LearnInputError('bad_task', `predict: expected a string, got ${typeof text}`);
    }
    const chars = Array.from(text);
    if (chars.length === 0) return { spans: [], confidence: 1 };
    const s = this.weights.scores(charFeatures(chars, this.options.buckets), true);
    const tags = viterbi(s, this.bio);
    const m = marginals(s, this.bio, this.temperature);
    const T = this.bio.size;
    const conf = (a: number, b: number) => {
      let c = 1;
      for (let i = a; i < b; i++) c = Math.min(c, m[i * T + tags[i]!]!);
      return c;
    };
    const spans = this.bio.decode(tags).map((sp) => ({
      ...sp,
      text: chars.slice(sp.start, sp.end).join(''),
      score: conf(sp.start, sp.end),
    }));
    return { spans, confidence: conf(0, chars.length) };
  }

  /** Everything needed to restore the model. */
  toJSON(): SpanTaggerState {
    return {
      kind: 'tessera.span-tagger',
      formatVersion: 1,
      options: { ...this.options, labels: [...this.options.labels] },
      temperature: this.temperature,
      temperatureSource: this.temperatureSource,
      generation: this.generation,
      examplesSeen: this.examplesSeen,
      weights: encodeWeights(this.weights),
    };
  }

  /** Restores a model saved with `toJSON`; a LearnInputError lists every problem of a bad state. */
  static fromJSON(state: unknown): SpanTagger {
    const s = parseState(SpanTaggerStateSchema, state, 'SpanTagger.fromJSON');
    const tagger = new SpanTagger(s.options);
    decodeWeights(s.weights, tagger.weights);
    tagger.temperature = s.temperature;
    tagger.temperatureSource = s.temperatureSource;
    tagger.generation = s.generation;
    tagger.examplesSeen = s.examplesSeen;
    return tagger;
  }

  private prepare(ex: SpanExample, where: string): Prepared {
    if (typeof ex !== 'object' || ex === null || typeof ex.text !== 'string') {
      throw new LearnInputError('bad_example', `${where}.text: expected a string`);
    }
    if (!Array.isArray(ex.spans)) {
      throw new LearnInputError('bad_example', `${where}.spans: expected an array`);
    }
    const chars = Array.from(ex.text);
    const sorted = [...ex.spans].sort((a, b) => a.start - b.start);
    const gold = this.bio.encode(chars.length, sorted, where);
    return { f: charFeatures(chars, this.options.buckets), gold };
  }

  private train(data: readonly Prepared[], rng: () => number): void {
    this.weights.reset();
    for (let e = 0; e < this.options.epochs; e++) {
      for (const i of shuffled(data.length, rng)) this.step(data[i]!);
    }
  }

  private step(p: Prepared): void {
    if (p.f.length === 0) return;
    const pred = viterbi(this.weights.scores(p.f, false), this.bio);
    this.weights.update(p.f, p.gold, pred);
  }

  private scored(p: Prepared): ScoredText {
    return { scores: this.weights.scores(p.f, true), gold: p.gold };
  }
}

function shuffled(n: number, rng: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function checkOptions(o: SpanTaggerOptions): Required<SpanTaggerOptions> {
  const labels = o.labels;
  if (!Array.isArray(labels) || labels.length < 1) {
    throw new LearnInputError('bad_option', 'labels: a span tagger needs at least one label');
  }
  labels.forEach((l, i) => {
    if (typeof l !== 'string' || l === '' || labels.indexOf(l) !== i) {
      throw new LearnInputError('bad_option', `labels[${i}]: expected a unique non-empty string`);
    }
  });
  const r = {
    labels: [...labels],
    buckets: o.buckets ?? 2 ** 17,
    epochs: o.epochs ?? 6,
    seed: o.seed ?? 1,
  };
  if (!Number.isInteger(Math.log2(r.buckets)) || r.buckets < 2 ** 10 || r.buckets > 2 ** 24) {
    throw new LearnInputError(
      'bad_option',
      `buckets must be a power of two from 1024 to 16777216, got ${r.buckets}`,
    );
  }
  if (!Number.isInteger(r.epochs) || r.epochs < 1) {
    throw new LearnInputError('bad_option', `epochs must be a positive integer, got ${r.epochs}`);
  }
  if (!Number.isInteger(r.seed)) {
    throw new LearnInputError('bad_option', `seed must be an integer, got ${r.seed}`);
  }
  return r;
}
