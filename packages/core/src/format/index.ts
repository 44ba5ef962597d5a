/**
 * The Tessera interchange format and labeling schema: zod schemas (with TypeScript types of the
 * same names), parsing and validation that report issues with exact paths, code-point helpers
 * for text offsets, and test builders. Spec: docs/FORMAT.md.
 *
 * @example
 * import { parseLabelingSchema, validateRegions, formatIssues } from '@tessera/core/format';
 */
export {
  ANCHOR_REGION_TYPES,
  CONTROL_TYPES,
  FIELD_TYPES,
  REGION_MAKING_CONTROLS,
  REGION_TYPES,
  fieldTypesForControl,
  regionTypesForControl,
} from './kinds.ts';
export type { ControlType, FieldType, RegionType } from './kinds.ts';
export {
  ExternalId,
  HexColor,
  IsoDateTime,
  LIMITS,
  LabelValue,
  Labels,
  LongText,
  Name,
  RegionId,
  Score,
  Sha256,
} from './primitives.ts';
export { Hotkey, normalizeHotkey } from './hotkey.ts';
export { formatIssues, formatPath, toIssues, zodIssuesToIssues } from './issues.ts';
export type { Issue, PathSegment, RawIssue, Result } from './issues.ts';
export {
  codePointLength,
  codePointSlice,
  codePointToUtf16,
  utf16ToCodePoint,
} from './codepoints.ts';
export { decodeRleString, encodeRleString, rlePixelCount } from './rle.ts';
export { Field } from './field.ts';
export {
  ATTRIBUTE_TYPES,
  Attribute,
  Control,
  FieldControl,
  Label,
  LinkControl,
  controlFields,
} from './control.ts';
export { LabelingSchema, parseLabelingSchema } from './labeling-schema.ts';
export { checkSchemaRules } from './schema-rules.ts';
export {
  BboxValue,
  ChoiceValue,
  Keyframe,
  Keypoint,
  KeypointsValue,
  LinkEnd,
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
export {
  AttributeValue,
  BboxRegion,
  ChoiceRegion,
  KeypointsRegion,
  LinkRegion,
  MaskRegion,
  PairwiseRegion,
  PolygonRegion,
  RankingRegion,
  RatingRegion,
  Region,
  RelationRegion,
  SegmentRegion,
  SpanRegion,
  TextRegion,
  TrackRegion,
} from './region.ts';
export type { RegionOfType } from './region.ts';
export { checkRegionReferences, regionReferences } from './region-references.ts';
export { Annotation, AnnotationOrigin, AnnotationStatus, Prediction } from './annotation.ts';
export { Provenance, Task, parseTask } from './task.ts';
export { validateAnnotationForSubmit, validateRegions } from './validate-regions.ts';
export { DEFAULT_RATING_MAX } from './region-checks.ts';
export { buildJsonSchemaFiles } from './json-schema.ts';
export { buildImageSchema, buildSchema } from './builders.ts';
