/**
 * Online learners for pre-labeling and active learning, pure TypeScript (no IO, no native
 * code): a text classifier (naive Bayes + logistic regression over hashed word and character
 * n-grams, calibrated), a span tagger (averaged perceptron over BIO tags with character
 * features) with a gazetteer of accepted spans, active-learning batch selection and learning
 * curves, deterministic A/B assignment with per-arm Wilson intervals, and model adapters that
 * turn predictions into regions of a labeling schema. Guide: docs/prelabel.md.
 *
 * @example
 * ```ts
 * import { TextClassifier, selectBatch } from '@tessera/core/learn';
 * const clf = new TextClassifier({ labels: ['ham', 'spam'] });
 * ```
 */
export { LearnInputError, type LearnErrorCode } from './errors.ts';
export { hashString, hashUnit } from './hashing.ts';
export { countsToVector, l2Normalize, sparseDot, type SparseVector } from './sparse-vector.ts';
export { bytesToBase64, base64ToBytes, type EncodedSparse } from './base64.ts';

export { charType, isCjk, type CharType } from './text/char-type.ts';
export { defaultTokenize, type Tokenize } from './text/tokenize.ts';
export { Featurizer, type FeatureConfig, type FeatureOptions } from './text/featurizer.ts';
export {
  DEFAULT_BLEND,
  fitBlend,
  type Blend,
  type HeldOutScores,
} from './text/blend-calibration.ts';
export { HashedNaiveBayes } from './text/naive-bayes.ts';
export { HashedSoftmaxRegression, type RegressionOptions } from './text/softmax-regression.ts';
export {
  TextClassifier,
  type TextClassifierOptions,
  type TextExample,
  type TextPrediction,
} from './text/text-classifier.ts';
export {
  TextClassifierStateSchema,
  type TextClassifierState,
} from './text/text-classifier-state.ts';

export { BioTags, type LabeledSpan } from './spans/bio.ts';
export { charFeatures, type PositionFeatures } from './spans/char-features.ts';
export { marginals, viterbi, type ChainScores } from './spans/decode.ts';
export {
  SpanTagger,
  type ScoredSpan,
  type SpanExample,
  type SpanTaggerOptions,
} from './spans/span-tagger.ts';
export { SpanTaggerStateSchema, type SpanTaggerState } from './spans/span-tagger-state.ts';
export { fitTemperature, type ScoredText } from './spans/temperature.ts';
export {
  Gazetteer,
  GazetteerStateSchema,
  type GazetteerOptions,
  type GazetteerState,
} from './spans/gazetteer.ts';
export { combineSpans } from './spans/combine-spans.ts';
export { spanPrf } from './spans/span-metrics.ts';
export { generateZhNer } from './spans/zh-ner-synth.ts';

export { uncertainty, type UncertaintyStrategy } from './active/uncertainty.ts';
export {
  selectBatch,
  type Candidate,
  type Selected,
  type SelectOptions,
} from './active/select-batch.ts';
export { LearningCurve, type CurvePoint } from './active/learning-curve.ts';

export { abAccuracy, assignArm, type AbOutcome, type Arm, type Difference } from './ab/ab-test.ts';

export {
  regionId,
  taskText,
  textControl,
  type AdapterExample,
  type AdapterTask,
  type ModelAdapter,
  type PredictionOut,
} from './adapters/model-adapter.ts';
export { TextClassifierAdapter } from './adapters/text-classifier-adapter.ts';
export {
  SpanTaggerAdapter,
  type SpanTaggerAdapterOptions,
} from './adapters/span-tagger-adapter.ts';
