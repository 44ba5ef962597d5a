import { z } from 'zod';
import { LIMITS, Labels, LabelValue, LongText, Name, RegionId } from './primitives.ts';
import { rlePixelCount } from './rle.ts';

/*
 * The `value` of each region type. Objects are strict: an unknown key is an error, so a typo
 * such as `lables` or `rotate` is reported instead of silently dropped. Numbers are finite
 * (zod 4 rejects NaN and Infinity). Text offsets are Unicode code points; image geometry is in
 * pixels of the original image; times are seconds.
 */

const Pixel = z.number();
const Side = z.number().positive();

/**
 * Classification: the chosen labels of a `choices` control.
 *
 * @example
 * ChoiceValue.parse({ choices: ['positive'] });
 */
export const ChoiceValue = z.strictObject({
  choices: z.array(LabelValue).min(1).max(LIMITS.labelsPerRegion),
});

/**
 * A text span `[start, end)` in code points, with its labels and, optionally, the text it
 * covers (a check that the offsets are right).
 *
 * @example
 * SpanValue.parse({ start: 0, end: 5, labels: ['PER'], text: 'Alice' });
 */
export const SpanValue = z
  .strictObject({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    labels: Labels.min(1),
    text: LongText.optional(),
  })
  .refine((v) => v.end > v.start, { path: ['end'], error: 'end must be greater than start' });

/**
 * A relation between two regions of the same annotation, by region id.
 *
 * @example
 * RelationValue.parse({ from: 'r1', to: 'r2', labels: ['works_for'], direction: 'right' });
 */
export const RelationValue = z
  .strictObject({
    from: RegionId,
    to: RegionId,
    labels: Labels.optional(),
    direction: z.enum(['right', 'left', 'bi']).optional(),
  })
  .refine((v) => v.from !== v.to, {
    path: ['to'],
    error: 'a relation needs two different regions',
  });

/**
 * An axis-aligned box in image pixels; `rotation` turns it clockwise, in degrees, around its
 * top-left corner (x, y), as Label Studio does.
 *
 * @example
 * BboxValue.parse({ x: 10, y: 20, width: 100, height: 50, labels: ['car'] });
 */
export const BboxValue = z.strictObject({
  x: Pixel,
  y: Pixel,
  width: Side,
  height: Side,
  rotation: z.number().min(-360).max(360).optional(),
  labels: Labels,
});

/**
 * A polygon: at least three `[x, y]` vertices in image pixels, implicitly closed.
 *
 * @example
 * PolygonValue.parse({ points: [[0, 0], [10, 0], [10, 10]], labels: ['road'] });
 */
export const PolygonValue = z.strictObject({
  points: z
    .array(z.tuple([Pixel, Pixel]))
    .min(3)
    .max(LIMITS.points),
  labels: Labels,
});

/**
 * One keypoint; `visibility` follows COCO: 0 not labeled, 1 labeled but hidden, 2 visible.
 *
 * @example
 * Keypoint.parse({ x: 3, y: 4, label: 'nose', visibility: 2 });
 */
export const Keypoint = z.strictObject({
  x: Pixel,
  y: Pixel,
  label: LabelValue.optional(),
  visibility: z.literal([0, 1, 2]).optional(),
});

/**
 * A set of keypoints of one object (a pose), with the object's labels.
 *
 * @example
 * KeypointsValue.parse({ points: [{ x: 3, y: 4, label: 'nose' }], labels: ['person'] });
 */
export const KeypointsValue = z.strictObject({
  points: z.array(Keypoint).min(1).max(LIMITS.points),
  labels: Labels,
});

/**
 * A COCO run-length encoded mask: `size` is `[height, width]`, `counts` the run lengths
 * (column-major, starting with 0s) or COCO's compact string; the runs must cover every pixel.
 *
 * @example
 * MaskValue.parse({ rle: { size: [2, 3], counts: [2, 3, 1] }, labels: ['sky'] });
 */
export const MaskValue = z.strictObject({
  rle: z
    .strictObject({
      size: z.tuple([
        z.number().int().positive().max(LIMITS.imageSide),
        z.number().int().positive().max(LIMITS.imageSide),
      ]),
      counts: z.union([
        z.array(z.number().int().nonnegative()).max(LIMITS.rleCounts),
        z.string().max(LIMITS.rleCounts),
      ]),
    })
    .superRefine((rle, ctx) => {
      const [height, width] = rle.size;
      const total = rlePixelCount(rle.counts);
      if (total === undefined) {
        ctx.addIssue({ code: 'custom', path: ['counts'], message: 'not a valid COCO RLE string' });
      } else if (total !== height * width) {
        ctx.addIssue({
          code: 'custom',
          path: ['counts'],
          message: `runs cover ${total} pixels but size ${height}×${width} has ${height * width}`,
        });
      }
    }),
  labels: Labels,
});

/**
 * A time range of audio or video in seconds, `[start, end)`, optionally on one channel.
 *
 * @example
 * SegmentValue.parse({ start: 1.5, end: 3.25, labels: ['speech'] });
 */
export const SegmentValue = z
  .strictObject({
    start: z.number().nonnegative(),
    end: z.number().nonnegative(),
    labels: Labels,
    channel: z.number().int().nonnegative().optional(),
  })
  .refine((v) => v.end > v.start, { path: ['end'], error: 'end must be greater than start' });

/**
 * One keyframe of a video track: a box in frame pixels; `enabled: false` means the object is
 * gone from this frame until the next enabled keyframe.
 *
 * @example
 * Keyframe.parse({ frame: 0, x: 1, y: 2, width: 30, height: 40 });
 */
export const Keyframe = z.strictObject({
  frame: z.number().int().nonnegative(),
  x: Pixel,
  y: Pixel,
  width: Side,
  height: Side,
  enabled: z.boolean().optional(),
});

/**
 * An object followed through a video: keyframes with strictly increasing frame numbers; boxes
 * between keyframes are interpolated.
 *
 * @example
 * TrackValue.parse({ keyframes: [{ frame: 0, x: 1, y: 2, width: 30, height: 40 }], labels: ['car'] });
 */
export const TrackValue = z.strictObject({
  keyframes: z
    .array(Keyframe)
    .min(1)
    .max(LIMITS.keyframes)
    .superRefine((frames, ctx) => {
      for (let i = 1; i < frames.length; i++) {
        const prev = frames[i - 1]?.frame ?? -1;
        const cur = frames[i]?.frame ?? 0;
        if (cur <= prev) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'frame'],
            message: `frames must increase strictly: ${cur} follows ${prev}`,
          });
        }
      }
    }),
  labels: Labels,
});

/**
 * One end of a link: a region of a given data field.
 *
 * @example
 * LinkEnd.parse({ field: 'caption', region: 'r1' });
 */
export const LinkEnd = z.strictObject({ field: Name, region: RegionId });

/**
 * A link ties a region in one field to a region in another (a caption phrase to an image box).
 *
 * @example
 * LinkValue.parse({ from: { field: 'caption', region: 's1' }, to: { field: 'image', region: 'b1' } });
 */
export const LinkValue = z.strictObject({ from: LinkEnd, to: LinkEnd });

/**
 * A score on the control's scale, 1..`max`.
 *
 * @example
 * RatingValue.parse({ rating: 4 });
 */
export const RatingValue = z.strictObject({ rating: z.number() });

/**
 * An ordering of responses, best first, by response id; each id at most once.
 *
 * @example
 * RankingValue.parse({ order: ['r2', 'r1', 'r3'] });
 */
export const RankingValue = z.strictObject({
  order: z
    .array(z.string().min(1).max(LIMITS.shortString))
    .min(1)
    .max(LIMITS.listItems)
    .superRefine((order, ctx) => {
      order.forEach((id, i) => {
        if (order.indexOf(id) !== i) {
          ctx.addIssue({ code: 'custom', path: [i], message: `"${id}" is ranked twice` });
        }
      });
    }),
});

/**
 * A preference between response `a` (the first) and `b` (the second), or a tie; `strength`
 * says by how much (on the project's own scale, 0 or more).
 *
 * @example
 * PairwiseValue.parse({ choice: 'a', strength: 2 });
 */
export const PairwiseValue = z.strictObject({
  choice: z.enum(['a', 'b', 'tie']),
  strength: z.number().nonnegative().optional(),
});

/**
 * Free text from a `textarea` control: one or more entries.
 *
 * @example
 * TextValue.parse({ text: ['A dog runs on the beach.'] });
 */
export const TextValue = z.strictObject({ text: z.array(LongText).max(LIMITS.listItems) });

/** Value of a `choice` region. */
export type ChoiceValue = z.infer<typeof ChoiceValue>;
/** Value of a `span` region. */
export type SpanValue = z.infer<typeof SpanValue>;
/** Value of a `relation` region. */
export type RelationValue = z.infer<typeof RelationValue>;
/** Value of a `bbox` region. */
export type BboxValue = z.infer<typeof BboxValue>;
/** Value of a `polygon` region. */
export type PolygonValue = z.infer<typeof PolygonValue>;
/** One keypoint. */
export type Keypoint = z.infer<typeof Keypoint>;
/** Value of a `keypoints` region. */
export type KeypointsValue = z.infer<typeof KeypointsValue>;
/** Value of a `mask` region. */
export type MaskValue = z.infer<typeof MaskValue>;
/** Value of a `segment` region. */
export type SegmentValue = z.infer<typeof SegmentValue>;
/** One keyframe of a track. */
export type Keyframe = z.infer<typeof Keyframe>;
/** Value of a `track` region. */
export type TrackValue = z.infer<typeof TrackValue>;
/** One end of a link. */
export type LinkEnd = z.infer<typeof LinkEnd>;
/** Value of a `link` region. */
export type LinkValue = z.infer<typeof LinkValue>;
/** Value of a `rating` region. */
export type RatingValue = z.infer<typeof RatingValue>;
/** Value of a `ranking` region. */
export type RankingValue = z.infer<typeof RankingValue>;
/** Value of a `pairwise` region. */
export type PairwiseValue = z.infer<typeof PairwiseValue>;
/** Value of a `text` region. */
export type TextValue = z.infer<typeof TextValue>;
