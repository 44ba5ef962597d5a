/**
 * Labeling schema and region types as the web app uses them: the interchange format's own
 * types from `@tessera/core/format` (docs/FORMAT.md) under the names the editor code reads
 * best, plus small lookup tables for the UI.
 *
 * @example
 * const schema: LabelingSchema = {
 *   version: 1,
 *   fields: [{ name: 'text', type: 'text' }],
 *   controls: [{ name: 'sentiment', type: 'choices', field: 'text', labels: [{ value: 'pos', hotkey: '1' }] }],
 * };
 */
import type {
  Attribute,
  Control,
  ControlType,
  Field,
  FieldType,
  Label,
  LabelingSchema,
  Region,
  RegionOfType,
  RegionType,
} from '@tessera/core/format';

export type { ControlType, FieldType, LabelingSchema, Region, RegionType };

/** One named data field of a task (`task.data[name]`). */
export type SchemaField = Field;

/** One label a control offers. */
export type LabelDef = Label;

/** A per-region attribute definition (e.g. `occluded: boolean`). */
export type AttributeDef = Attribute;

/** One thing that can be labeled (narrow on `type` to reach `field`). */
export type SchemaControl = Control;

/** A control that labels one field. */
export type FieldControl = Exclude<Control, { type: 'link' }>;

/** A control that ties regions of two fields. */
export type LinkControl = Extract<Control, { type: 'link' }>;

/** A region of a given type. */
export type RegionOf<K extends RegionType> = RegionOfType<K>;

/** Region values by region type. Span offsets are Unicode code points, not UTF-16 units. */
export type RegionValueMap = { [K in RegionType]: RegionOfType<K>['value'] };

/** Which region type each control produces. */
export const REGION_TYPE_OF_CONTROL: Record<ControlType, RegionType> = {
  choices: 'choice',
  spans: 'span',
  relations: 'relation',
  bbox: 'bbox',
  polygon: 'polygon',
  keypoints: 'keypoints',
  mask: 'mask',
  segment: 'segment',
  track: 'track',
  link: 'link',
  rating: 'rating',
  ranking: 'ranking',
  pairwise: 'pairwise',
  textarea: 'text',
};

/** Control types the editor can edit, in the order the schema form offers them. */
export const EDITABLE_CONTROL_TYPES = [
  'choices',
  'spans',
  'relations',
  'bbox',
  'polygon',
  'keypoints',
  'rating',
  'ranking',
  'pairwise',
  'textarea',
] as const satisfies readonly ControlType[];

/** All field types, in the order the schema form offers them. */
export const FIELD_TYPES: readonly FieldType[] = [
  'text',
  'image',
  'html',
  'dialogue',
  'responses',
  'audio',
  'video',
  'url',
  'number',
  'json',
];

/**
 * The field a control labels, or undefined for a link control.
 *
 * @example
 * controlField({ name: 'c', type: 'choices', field: 'text' }) // 'text'
 */
export function controlField(c: SchemaControl): string | undefined {
  return c.type === 'link' ? undefined : c.field;
}
