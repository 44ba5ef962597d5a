/**
 * Which options apply to which control type, mirroring the core schema rules, so the schema
 * form shows only meaningful inputs and never produces a schema the server refuses for an
 * option left over from a previous control type.
 *
 * @example
 * retypeControl({ name: 'q', type: 'choices', field: 'text', labels: [...], multiple: true }, 'rating')
 * // { name: 'q', type: 'rating', field: 'text' } (labels and multiple dropped)
 */
import type { ControlType, FieldControl, LabelingSchema } from './types.ts';

/** Label sets: required, optional or not allowed. */
export function labelsRule(type: ControlType): 'required' | 'optional' | 'none' {
  if (type === 'choices' || type === 'spans') return 'required';
  if (['link', 'rating', 'ranking', 'pairwise', 'textarea'].includes(type)) return 'none';
  return 'optional';
}

const OPTION_TYPES = {
  multiple: ['choices'],
  overlap: ['spans'],
  max: ['rating'],
  min_width: ['bbox', 'track'],
  min_height: ['bbox', 'track'],
  attributes: ['spans', 'bbox', 'polygon', 'keypoints', 'mask', 'segment', 'track'],
} as const satisfies Record<string, readonly ControlType[]>;

/** The per-type options of a control. */
export type ControlOption = keyof typeof OPTION_TYPES;

/** True when `option` applies to controls of `type`. */
export function optionApplies(option: ControlOption, type: ControlType): boolean {
  return (OPTION_TYPES[option] as readonly ControlType[]).includes(type);
}

/** Changes a control's type, dropping options and labels the new type does not take. */
export function retypeControl(c: FieldControl, type: FieldControl['type']): FieldControl {
  const next: FieldControl = { ...c, type };
  for (const option of Object.keys(OPTION_TYPES) as ControlOption[]) {
    if (!optionApplies(option, type)) delete next[option];
  }
  if (labelsRule(type) === 'none') delete next.labels;
  else if (labelsRule(type) === 'required' && !next.labels?.length) next.labels = [];
  return next;
}

/** Removes empty optional values (blank descriptions, empty label lists where optional). */
export function tidySchema(s: LabelingSchema): LabelingSchema {
  return {
    ...s,
    fields: s.fields.map((f) => (f.label === '' ? { name: f.name, type: f.type } : f)),
    controls: s.controls.map((c) => {
      const out = { ...c };
      if (out.description === '') delete out.description;
      if (out.hotkey === '') delete out.hotkey;
      if (out.labels && out.labels.length === 0 && labelsRule(out.type) === 'optional')
        delete out.labels;
      if (out.attributes && out.attributes.length === 0) delete out.attributes;
      if (out.attributes) {
        out.attributes = out.attributes.map((a) =>
          a.options ? { ...a, options: a.options.filter((o) => o !== '') } : a,
        );
      }
      if (out.labels) {
        out.labels = out.labels.map((l) => {
          const label = { ...l };
          if (label.hotkey === '') delete label.hotkey;
          if (label.description === '') delete label.description;
          return label;
        });
      }
      return out;
    }),
  };
}
