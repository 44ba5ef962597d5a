/**
 * Quality control: truth inference, agreement, label-error search, gold accuracy, Wilson
 * intervals and acceptance sampling. Pure functions over typed arrays; no IO.
 * See docs/quality.md for the methods, formulas and measured results.
 */
export { QualityInputError, type QualityErrorCode } from './errors.ts';
export { definedMetric, undefinedMetric, type Metric } from './metric.ts';
export {
  buildLabelMatrix,
  indexByItem,
  sortValues,
  validateLabelMatrix,
  type BuildLabelMatrixOptions,
  type ItemIndex,
  type LabelMatrix,
  type LabelTriple,
  type NamedLabelMatrix,
} from './label-matrix.ts';
export {
  cell,
  parseAnswersCsv,
  parseCsv,
  parseTruthCsv,
  requireColumns,
  type CsvTable,
  type ParseCsvOptions,
} from './csv.ts';
export {
  parseLabelsText,
  parseProbsCsv,
  parseRatingsCsv,
  reliabilityData,
  type RatingRow,
  type ReliabilityData,
} from './csv-readers.ts';

export type { TruthMethod, TruthResult } from './truth/types.ts';
export {
  classPriors,
  consensusConfusionCounts,
  majorityVote,
  voteShares,
} from './truth/majority-vote.ts';
export { dawidSkene, softmaxRows, type DawidSkeneOptions } from './truth/dawid-skene.ts';
export { glad, type GladOptions, type GladResult } from './truth/glad.ts';
export { mace, type MaceOptions, type MaceResult } from './truth/mace.ts';
export {
  inferTruth,
  isTruthMethod,
  TRUTH_METHODS,
  type InferTruthOptions,
} from './truth/aggregate.ts';
export { IncrementalMajority, type ItemConsensus } from './truth/incremental-majority.ts';
export { IncrementalDawidSkene } from './truth/incremental-dawid-skene.ts';
export {
  confusionCounts,
  countLabelsPerItem,
  decodePosterior,
  normalizeConfusion,
} from './truth/confusion.ts';
export { aggregateNumeric, numericErrors, type NumericConsensus } from './truth/numeric.ts';
export { simulateCrowd, type SimulateCrowdOptions } from './truth/simulate.ts';

export { isMissing, orderedCategories, type RatingValue } from './agreement/categories.ts';
export {
  cohenKappa,
  cohenKappaFromTable,
  type KappaResult,
  type KappaWeights,
} from './agreement/cohen.ts';
export { fleissKappa, type FleissResult } from './agreement/fleiss.ts';
export { fleissCounts, pairwiseCohenKappa, type KappaPair } from './agreement/pairwise.ts';
export {
  krippendorffAlpha,
  krippendorffAlphaFromCounts,
  type AlphaLevel,
  type AlphaResult,
} from './agreement/krippendorff.ts';
export {
  boxAgreement,
  boxIoU,
  matchRegions,
  polygonAgreement,
  type Box,
  type GeometryAgreement,
  type MatchOptions,
  type Polygon,
  type RegionMatch,
} from './agreement/geometry.ts';
export {
  clipConvex,
  intersectionArea,
  polygonIoU,
  signedArea,
  triangulate,
  type Point,
} from './agreement/polygon.ts';
export { prfFromCounts, type PrfResult } from './agreement/prf.ts';
export { spanAgreement, type Span, type SpanAgreement } from './agreement/spans.ts';
export { kendallTauB, rankingAgreement, type KendallResult } from './agreement/kendall.ts';

export {
  calibrateConfidentJoint,
  checkInputs as checkPredProbs,
  computeConfidentJoint,
  confidentThresholds,
  labelCounts,
  type ConfidentJoint,
  type PredProbs,
} from './label-errors/confident-learning.ts';
export {
  findLabelIssues,
  type FilterBy,
  type FindLabelIssuesOptions,
  type LabelIssues,
} from './label-errors/find-label-issues.ts';
export { roundHalfEven, roundPreservingSum } from './label-errors/rounding.ts';

export { wilsonInterval, type Rate } from './stats/wilson.ts';
export { normalQuantile } from './stats/normal.ts';
export { digamma } from './stats/special.ts';
export { seededRandom } from './stats/rng.ts';
export {
  minimizeCg,
  type CgOptions,
  type CgResult,
  type Objective,
} from './stats/conjugate-gradient.ts';
export { consensusAccuracy, encodeTruth, goldAccuracy, type GoldReport } from './gold.ts';
export {
  ACCEPTANCE_PLANS,
  drawSample,
  judgeSample,
  requiredSampleSize,
  TC260_003_FIXED,
  TC260_003_PROPORTIONAL,
  type AcceptancePlan,
  type AcceptanceVerdict,
} from './sampling.ts';
export * from './rules/index.ts';
