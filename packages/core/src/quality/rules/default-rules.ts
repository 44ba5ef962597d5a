import type { ControlType, LabelingSchema } from '../../format/index.ts';
import type { QcRules } from './config.ts';

const SHAPES: readonly ControlType[] = ['bbox', 'polygon', 'keypoints', 'track'];
const DUPLICABLE: readonly ControlType[] = [
  'bbox',
  'polygon',
  'spans',
  'segment',
  'relations',
  'mask',
];

/**
 * The rules a new project starts with, from its labeling schema: `required` (block) when a
 * control is required; and, as warnings, `bbox_inside_image` (silent when the image size is
 * unknown) for image shapes, `span_token_boundary` for spans on text or dialogue fields, and
 * `duplicate_regions` for region controls. Rules that need project choices (labels, patterns,
 * times) are left to the owner.
 *
 * @example
 * defaultRules(buildImageSchema());
 * // [{ kind: 'bbox_inside_image', severity: 'warn', when_unknown: 'skip' },
 * //  { kind: 'duplicate_regions', severity: 'warn' }]
 */
export function defaultRules(schema: LabelingSchema): QcRules {
  const types = new Set(schema.controls.map((c) => c.type));
  const fieldType = new Map(schema.fields.map((f) => [f.name, f.type] as const));
  const rules: QcRules = [];
  if (schema.controls.some((c) => c.required === true)) {
    rules.push({ kind: 'required', severity: 'block' });
  }
  if (SHAPES.some((t) => types.has(t))) {
    rules.push({ kind: 'bbox_inside_image', severity: 'warn', when_unknown: 'skip' });
  }
  const spansOnText = schema.controls.some(
    (c) => c.type === 'spans' && ['text', 'dialogue'].includes(fieldType.get(c.field) ?? ''),
  );
  if (spansOnText) rules.push({ kind: 'span_token_boundary', severity: 'warn' });
  if (DUPLICABLE.some((t) => types.has(t))) {
    rules.push({ kind: 'duplicate_regions', severity: 'warn' });
  }
  return rules;
}
