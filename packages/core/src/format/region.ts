import { z } from 'zod';
import { LIMITS, Name, RegionId, Score } from './primitives.ts';
import {
  BboxValue,
  ChoiceValue,
  KeypointsValue,
  LinkValue,
  MaskValue,
  PairwiseValue,
  PolygonValue,
  RankingValue,
  RatingValue,
  RelationValue,
  SegmentValue,
  SpanValue,
  TextValue,
  TrackValue,
} from './region-values.ts';
import { REGION_TYPES } from './kinds.ts';
import type { RegionType } from './kinds.ts';
import { discriminatorError } from './issues.ts';

/**
 * The value of one per-region attribute: text, a number, a yes/no, or several options.
 *
 * @example
 * AttributeValue.parse(['occluded', 'truncated']);
 */
export const AttributeValue = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(LIMITS.label)).max(LIMITS.listItems),
]);

/** The part every region shares. */
const common = {
  id: RegionId,
  control: Name,
  score: Score.optional(),
  attributes: z
    .record(Name, AttributeValue)
    .refine((a) => Object.keys(a).length <= LIMITS.attributes, {
      error: `at most ${LIMITS.attributes} attributes`,
    })
    .optional(),
  prediction_id: z.string().min(1).max(LIMITS.shortString).optional(),
};

/*
 * One strict object per region type. Exported one by one so callers can validate a single
 * kind (the editor's tools do) and so the JSON Schema names each variant.
 */

/** A `choice` region. @example ChoiceRegion.parse({ id: 'c1', control: 'sentiment', type: 'choice', value: { choices: ['positive'] } }); */
export const ChoiceRegion = z.strictObject({
  ...common,
  type: z.literal('choice'),
  value: ChoiceValue,
});
/** A `span` region. @example SpanRegion.parse({ id: 's1', control: 'entities', type: 'span', value: { start: 0, end: 5, labels: ['PER'] } }); */
export const SpanRegion = z.strictObject({ ...common, type: z.literal('span'), value: SpanValue });
/** A `relation` region. @example RelationRegion.parse({ id: 'x', control: 'rel', type: 'relation', value: { from: 's1', to: 's2' } }); */
export const RelationRegion = z.strictObject({
  ...common,
  type: z.literal('relation'),
  value: RelationValue,
});
/** A `bbox` region. @example BboxRegion.parse({ id: 'b1', control: 'objects', type: 'bbox', value: { x: 0, y: 0, width: 5, height: 5, labels: ['car'] } }); */
export const BboxRegion = z.strictObject({ ...common, type: z.literal('bbox'), value: BboxValue });
/** A `polygon` region. @example PolygonRegion.parse({ id: 'p1', control: 'areas', type: 'polygon', value: { points: [[0, 0], [4, 0], [4, 4]], labels: [] } }); */
export const PolygonRegion = z.strictObject({
  ...common,
  type: z.literal('polygon'),
  value: PolygonValue,
});
/** A `keypoints` region. @example KeypointsRegion.parse({ id: 'k1', control: 'pose', type: 'keypoints', value: { points: [{ x: 1, y: 2 }], labels: [] } }); */
export const KeypointsRegion = z.strictObject({
  ...common,
  type: z.literal('keypoints'),
  value: KeypointsValue,
});
/** A `mask` region. @example MaskRegion.parse({ id: 'm1', control: 'seg', type: 'mask', value: { rle: { size: [1, 2], counts: [2] }, labels: [] } }); */
export const MaskRegion = z.strictObject({ ...common, type: z.literal('mask'), value: MaskValue });
/** A `segment` region. @example SegmentRegion.parse({ id: 'a1', control: 'speech', type: 'segment', value: { start: 0, end: 1, labels: [] } }); */
export const SegmentRegion = z.strictObject({
  ...common,
  type: z.literal('segment'),
  value: SegmentValue,
});
/** A `track` region. @example TrackRegion.parse({ id: 't1', control: 'tracks', type: 'track', value: { keyframes: [{ frame: 0, x: 0, y: 0, width: 2, height: 2 }], labels: [] } }); */
export const TrackRegion = z.strictObject({
  ...common,
  type: z.literal('track'),
  value: TrackValue,
});
/** A `link` region. @example LinkRegion.parse({ id: 'l1', control: 'grounding', type: 'link', value: { from: { field: 'caption', region: 's1' }, to: { field: 'image', region: 'b1' } } }); */
export const LinkRegion = z.strictObject({ ...common, type: z.literal('link'), value: LinkValue });
/** A `rating` region. @example RatingRegion.parse({ id: 'q1', control: 'quality', type: 'rating', value: { rating: 4 } }); */
export const RatingRegion = z.strictObject({
  ...common,
  type: z.literal('rating'),
  value: RatingValue,
});
/** A `ranking` region. @example RankingRegion.parse({ id: 'o1', control: 'rank', type: 'ranking', value: { order: ['b', 'a'] } }); */
export const RankingRegion = z.strictObject({
  ...common,
  type: z.literal('ranking'),
  value: RankingValue,
});
/** A `pairwise` region. @example PairwiseRegion.parse({ id: 'w1', control: 'preference', type: 'pairwise', value: { choice: 'tie' } }); */
export const PairwiseRegion = z.strictObject({
  ...common,
  type: z.literal('pairwise'),
  value: PairwiseValue,
});
/** A `text` region. @example TextRegion.parse({ id: 'x1', control: 'summary', type: 'text', value: { text: ['short'] } }); */
export const TextRegion = z.strictObject({ ...common, type: z.literal('text'), value: TextValue });

/**
 * A region: one labeled result, `{ id, control, type, value, score?, attributes?,
 * prediction_id? }`, discriminated on `type`.
 *
 * @example
 * Region.parse({ id: 'b1', control: 'objects', type: 'bbox',
 *   value: { x: 10, y: 20, width: 100, height: 50, labels: ['car'] } });
 */
export const Region = z.discriminatedUnion(
  'type',
  [
    ChoiceRegion,
    SpanRegion,
    RelationRegion,
    BboxRegion,
    PolygonRegion,
    KeypointsRegion,
    MaskRegion,
    SegmentRegion,
    TrackRegion,
    LinkRegion,
    RatingRegion,
    RankingRegion,
    PairwiseRegion,
    TextRegion,
  ],
  { error: discriminatorError('region', REGION_TYPES) },
);

/** A region (see the `Region` schema). */
export type Region = z.infer<typeof Region>;

/**
 * The region variant of one type.
 *
 * @example
 * const box: RegionOfType<'bbox'> = { id: 'b1', control: 'objects', type: 'bbox',
 *   value: { x: 0, y: 0, width: 1, height: 1, labels: [] } };
 */
export type RegionOfType<T extends RegionType> = Extract<Region, { type: T }>;
