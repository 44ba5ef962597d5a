import { z } from 'zod';
import { ExternalId, IsoDateTime, LIMITS, Score } from './primitives.ts';
import { Region } from './region.ts';
import { checkRegionReferences } from './region-references.ts';

/**
 * The regions of one annotation or prediction, with the checks that need no schema: unique
 * ids, relation and link endpoints present.
 */
const Regions = z.array(Region).max(LIMITS.regionsPerAnnotation);

function addReferenceIssues(value: { regions: Region[] }, ctx: z.RefinementCtx): void {
  for (const issue of checkRegionReferences(value.regions)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
}

/**
 * Who made an annotation: a person, a model (an accepted pre-label), or truth inference.
 *
 * @example
 * AnnotationOrigin.parse('human');
 */
export const AnnotationOrigin = z.enum(['human', 'model', 'consensus']);

/**
 * Where an annotation is in review.
 *
 * @example
 * AnnotationStatus.parse('submitted');
 */
export const AnnotationStatus = z.enum(['draft', 'submitted', 'accepted', 'rejected']);

/**
 * One annotator's (or the consensus') result for a task: its regions plus who, when, how long
 * and under which schema and guideline version.
 *
 * @example
 * Annotation.parse({ regions: [], origin: 'human', status: 'draft', lead_time_ms: 5300 });
 */
export const Annotation = z
  .strictObject({
    id: ExternalId.optional(),
    regions: Regions,
    origin: AnnotationOrigin.optional(),
    status: AnnotationStatus.optional(),
    annotator: z.string().min(1).max(LIMITS.shortString).optional(),
    lead_time_ms: z.number().nonnegative().optional(),
    created_at: IsoDateTime.optional(),
    schema_version: z.number().int().positive().optional(),
    guideline_version: z.string().min(1).max(100).optional(),
  })
  .superRefine(addReferenceIssues);

/** An annotation (see the `Annotation` schema). */
export type Annotation = z.infer<typeof Annotation>;

/**
 * A model's suggestion for a task: the model's name and version, an overall score, and regions
 * (each may carry its own score).
 *
 * @example
 * Prediction.parse({ model: 'ner-online', model_version: '12', score: 0.8, regions: [] });
 */
export const Prediction = z
  .strictObject({
    id: ExternalId.optional(),
    model: z.string().min(1).max(LIMITS.shortString),
    model_version: z.string().min(1).max(100),
    score: Score.optional(),
    regions: Regions,
  })
  .superRefine(addReferenceIssues);

/** A prediction (see the `Prediction` schema). */
export type Prediction = z.infer<typeof Prediction>;
