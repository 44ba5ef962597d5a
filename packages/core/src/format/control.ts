import { z } from 'zod';
import { Hotkey } from './hotkey.ts';
import { discriminatorError } from './issues.ts';
import { CONTROL_TYPES } from './kinds.ts';
import { HexColor, LIMITS, LabelValue, Name } from './primitives.ts';

/**
 * One label of a control: its value (what regions store), an optional hotkey, colour and
 * description for the editor.
 *
 * @example
 * Label.parse({ value: 'PER', hotkey: 'p', color: '#1f77b4', description: 'a person' });
 */
export const Label = z.strictObject({
  value: LabelValue,
  hotkey: Hotkey.optional(),
  color: HexColor.optional(),
  description: z.string().max(LIMITS.description).optional(),
});

/** A label (see the `Label` schema). */
export type Label = z.infer<typeof Label>;

/**
 * Types of per-region attributes.
 *
 * @example
 * ATTRIBUTE_TYPES.includes('multichoice'); // true
 */
export const ATTRIBUTE_TYPES = ['choice', 'multichoice', 'text', 'number', 'boolean'] as const;

/**
 * A per-region attribute a control asks for (e.g. `occluded: boolean` on every box);
 * `choice` and `multichoice` attributes list their options.
 *
 * @example
 * Attribute.parse({ name: 'occluded', type: 'boolean' });
 * Attribute.parse({ name: 'colour', type: 'choice', options: ['red', 'blue'], required: true });
 */
export const Attribute = z.strictObject({
  name: Name,
  type: z.enum(ATTRIBUTE_TYPES),
  options: z.array(LabelValue).max(LIMITS.listItems).optional(),
  required: z.boolean().optional(),
});

/** A per-region attribute definition (see the `Attribute` schema). */
export type Attribute = z.infer<typeof Attribute>;

/** Options every control may carry; which apply to which type is checked in schema-rules.ts. */
const controlOptions = {
  name: Name,
  labels: z.array(Label).max(LIMITS.labelsPerControl).optional(),
  required: z.boolean().optional(),
  multiple: z.boolean().optional(),
  overlap: z.boolean().optional(),
  max: z.number().int().min(1).max(100).optional(),
  min_width: z.number().nonnegative().optional(),
  min_height: z.number().nonnegative().optional(),
  attributes: z.array(Attribute).max(LIMITS.attributes).optional(),
  description: z.string().max(LIMITS.description).optional(),
  hotkey: Hotkey.optional(),
};

/**
 * A control that labels one data field (every type but `link`).
 *
 * @example
 * FieldControl.parse({ name: 'sentiment', type: 'choices', field: 'text', labels: [{ value: 'positive' }] });
 */
export const FieldControl = z.strictObject({
  ...controlOptions,
  type: z.enum(CONTROL_TYPES).exclude(['link']),
  field: Name,
});

/**
 * A `link` control: ties regions of two different fields (`fields: [a, b]`).
 *
 * @example
 * LinkControl.parse({ name: 'grounding', type: 'link', fields: ['caption', 'image'] });
 */
export const LinkControl = z.strictObject({
  ...controlOptions,
  type: z.literal('link'),
  fields: z.tuple([Name, Name]),
});

/**
 * A control: what can be labeled on which field, with its labels, required flag, per-region
 * attributes and editor options. Narrow on `type` to reach `field` (or `fields` for `link`),
 * or call `controlFields`.
 *
 * @example
 * Control.parse({ name: 'entities', type: 'spans', field: 'text', labels: [{ value: 'PER' }] });
 */
export const Control = z.discriminatedUnion('type', [FieldControl, LinkControl], {
  error: discriminatorError('control', CONTROL_TYPES),
});

/** A control (see the `Control` schema). */
export type Control = z.infer<typeof Control>;

/**
 * The data fields a control labels: `[field]`, or both fields of a `link`.
 *
 * @example
 * controlFields({ name: 'g', type: 'link', fields: ['caption', 'image'] }); // ['caption', 'image']
 */
export function controlFields(control: Control): readonly string[] {
  return control.type === 'link' ? control.fields : [control.field];
}
