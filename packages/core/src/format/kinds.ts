/**
 * The kinds of things the format knows: data field types, control types, region types, and the
 * tables that tie them together. One place, so the schema checks, region checks, the editor and
 * the docs agree.
 */

/**
 * Types of a task's data fields.
 *
 * @example
 * FIELD_TYPES.includes('image'); // true
 */
export const FIELD_TYPES = [
  'text',
  'image',
  'audio',
  'video',
  'html',
  'dialogue',
  'responses',
  'url',
  'number',
  'json',
] as const;

/** A data field type, e.g. `'text'`. */
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * Types of controls (what can be labeled on a field).
 *
 * @example
 * CONTROL_TYPES.length; // 14
 */
export const CONTROL_TYPES = [
  'choices',
  'spans',
  'relations',
  'bbox',
  'polygon',
  'keypoints',
  'mask',
  'segment',
  'track',
  'link',
  'rating',
  'ranking',
  'pairwise',
  'textarea',
] as const;

/** A control type, e.g. `'spans'`. */
export type ControlType = (typeof CONTROL_TYPES)[number];

/**
 * Types of regions (the results a control produces).
 *
 * @example
 * REGION_TYPES.length; // 14
 */
export const REGION_TYPES = [
  'choice',
  'span',
  'relation',
  'bbox',
  'polygon',
  'keypoints',
  'mask',
  'segment',
  'track',
  'link',
  'rating',
  'ranking',
  'pairwise',
  'text',
] as const;

/** A region type, e.g. `'span'`. */
export type RegionType = (typeof REGION_TYPES)[number];

const REGIONS_OF_CONTROL: Record<ControlType, readonly RegionType[]> = {
  choices: ['choice'],
  spans: ['span'],
  relations: ['relation'],
  bbox: ['bbox'],
  polygon: ['polygon'],
  keypoints: ['keypoints'],
  mask: ['mask'],
  segment: ['segment'],
  track: ['track'],
  link: ['link'],
  rating: ['rating'],
  ranking: ['ranking'],
  pairwise: ['pairwise'],
  textarea: ['text'],
};

/**
 * The region types a control of this type produces (today exactly one each; a list so a
 * control may later produce several without changing callers).
 *
 * @example
 * regionTypesForControl('textarea'); // ['text']
 */
export function regionTypesForControl(controlType: ControlType): readonly RegionType[] {
  return REGIONS_OF_CONTROL[controlType];
}

const ANY_FIELD: readonly FieldType[] = FIELD_TYPES;
const FIELDS_OF_CONTROL: Record<Exclude<ControlType, 'link'>, readonly FieldType[]> = {
  choices: ANY_FIELD,
  textarea: ANY_FIELD,
  spans: ['text', 'html', 'dialogue'],
  relations: ['text', 'html', 'dialogue', 'image', 'audio', 'video'],
  bbox: ['image', 'video'],
  polygon: ['image'],
  keypoints: ['image'],
  mask: ['image'],
  track: ['video'],
  segment: ['audio', 'video'],
  // Rating a single generated image or clip is everyday AIGC work, so media fields rate too.
  rating: ['responses', 'dialogue', 'text', 'html', 'image', 'audio', 'video'],
  ranking: ['responses', 'dialogue', 'text'],
  pairwise: ['responses', 'dialogue', 'text'],
};

/**
 * The field types a control of this type may label. `link` is not listed: it ties two fields
 * that each have a region-making control.
 *
 * @example
 * fieldTypesForControl('spans'); // ['text', 'html', 'dialogue']
 */
export function fieldTypesForControl(
  controlType: Exclude<ControlType, 'link'>,
): readonly FieldType[] {
  return FIELDS_OF_CONTROL[controlType];
}

/**
 * Control types whose regions mark a place in the data (a span, a box, a time range), so that
 * relations and links can point at them.
 *
 * @example
 * REGION_MAKING_CONTROLS.includes('spans'); // true
 */
export const REGION_MAKING_CONTROLS: readonly ControlType[] = [
  'spans',
  'bbox',
  'polygon',
  'keypoints',
  'mask',
  'segment',
  'track',
];

/**
 * Region types that relations and links may point at (those of `REGION_MAKING_CONTROLS`).
 *
 * @example
 * ANCHOR_REGION_TYPES.includes('choice'); // false
 */
export const ANCHOR_REGION_TYPES: readonly RegionType[] = REGION_MAKING_CONTROLS.flatMap((c) =>
  regionTypesForControl(c),
);
