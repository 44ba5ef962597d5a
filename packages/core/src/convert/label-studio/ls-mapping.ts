import type { Attribute, Control, LabelingSchema } from '../../format/index.ts';

/**
 * How a Label Studio project's names map onto a Tessera labeling schema. Label Studio results
 * name a control tag (`from_name`) and an object tag (`to_name`); Tessera regions name a
 * control, and controls name a data field. `parseLabelStudioConfig` builds this from an XML
 * config; `labelStudioMappingFromSchema` builds it from a Tessera schema (for export).
 */

/** Kinds of Label Studio object tags Tessera reads, by the data they show. */
export type LsObjectKind = 'text' | 'hypertext' | 'image' | 'audio' | 'list';

/** Label Studio result types Tessera reads and writes (relations aside). */
export type LsResultType =
  | 'choices'
  | 'taxonomy'
  | 'labels'
  | 'hypertextlabels'
  | 'rectanglelabels'
  | 'rectangle'
  | 'polygonlabels'
  | 'polygon'
  | 'keypointlabels'
  | 'keypoint'
  | 'textarea'
  | 'rating'
  | 'pairwise'
  | 'ranker';

/** One Label Studio control tag that makes Tessera regions. */
export type LsControlMap = {
  /** The Tessera control. */
  control: string;
  /** The Label Studio control tag's `name` (results' `from_name`). */
  fromName: string;
  /** Results' `to_name`: the object tag's name (two names joined by "," for Pairwise). */
  toName: string;
  /** The data field (the object tag's `$variable`). */
  field: string;
  objectKind: LsObjectKind;
  resultType: LsResultType;
};

/** A per-region Label Studio control (`perRegion="true"`): a Tessera region attribute. */
export type LsAttributeMap = {
  fromName: string;
  toName: string;
  field: string;
  /** The attribute's name on each region control of the field. */
  attribute: string;
  resultType: 'choices' | 'textarea' | 'rating' | 'number';
  /** For `choices`: whether several options may be chosen (a `multichoice` attribute). */
  multiple: boolean;
};

/**
 * The whole mapping: controls and attributes by `from_name`, relations controls by field,
 * object tags by name, and the separator Taxonomy paths are joined with in choice values.
 *
 * @example
 * const m = labelStudioMappingFromSchema(schema);
 * m.controls.find((c) => c.control === 'entities')?.resultType; // 'labels'
 */
export type LabelStudioMapping = {
  controls: LsControlMap[];
  attributes: LsAttributeMap[];
  /** Field name -> the Tessera relations control that holds relations between its regions. */
  relations: Record<string, string>;
  objects: Record<string, { field: string; kind: LsObjectKind }>;
  taxonomySeparator: string;
};

/**
 * Separator of Taxonomy path levels inside one Tessera choice value.
 *
 * @example
 * ['Online', 'Paywall'].join(TAXONOMY_SEPARATOR); // 'Online / Paywall'
 */
export const TAXONOMY_SEPARATOR = ' / ';

const OBJECT_KIND: Partial<Record<string, LsObjectKind>> = {
  text: 'text',
  html: 'hypertext',
  image: 'image',
  audio: 'audio',
  responses: 'list',
};

/** The result type a Tessera control type writes on a field of a given object kind. */
function resultTypeFor(control: Control, kind: LsObjectKind): LsResultType | undefined {
  switch (control.type) {
    case 'choices':
      return 'choices';
    case 'spans':
      return kind === 'hypertext' ? 'hypertextlabels' : kind === 'text' ? 'labels' : undefined;
    case 'segment':
      return kind === 'audio' ? 'labels' : undefined;
    case 'bbox':
      return kind === 'image' ? 'rectanglelabels' : undefined;
    case 'polygon':
      return kind === 'image' ? 'polygonlabels' : undefined;
    case 'keypoints':
      return kind === 'image' ? 'keypointlabels' : undefined;
    case 'textarea':
      return 'textarea';
    case 'rating':
      return 'rating';
    case 'ranking':
      return kind === 'list' ? 'ranker' : undefined;
    default:
      return undefined;
  }
}

function attributeResultType(a: Attribute): LsAttributeMap['resultType'] | undefined {
  if (a.type === 'choice' || a.type === 'multichoice') return 'choices';
  if (a.type === 'text') return 'textarea';
  if (a.type === 'number') return 'number';
  return undefined; // boolean: Label Studio has no per-region yes/no control
}

function attributeMaps(schema: LabelingSchema): LsAttributeMap[] {
  const out: LsAttributeMap[] = [];
  for (const c of schema.controls) {
    if (c.type === 'link') continue;
    for (const a of c.attributes ?? []) {
      const resultType = attributeResultType(a);
      if (!resultType || out.some((m) => m.fromName === a.name)) continue;
      out.push({
        fromName: a.name,
        toName: c.field,
        field: c.field,
        attribute: a.name,
        resultType,
        multiple: a.type === 'multichoice',
      });
    }
  }
  return out;
}

/**
 * The Label Studio mapping of a Tessera schema, for exporting to Label Studio: each field is
 * an object tag of the same name, each control a control tag of the same name; attributes
 * become per-region controls named after the attribute. Controls Label Studio has no tag for
 * (mask, track, link, video segments, and pairwise, which in Label Studio compares two object
 * tags rather than two items of one field) are left out, and their regions are reported as
 * losses on export.
 *
 * @example
 * labelStudioMappingFromSchema(buildSchema()).controls.map((c) => c.fromName);
 * // ['sentiment', 'entities']
 */
export function labelStudioMappingFromSchema(schema: LabelingSchema): LabelStudioMapping {
  const objects: LabelStudioMapping['objects'] = {};
  for (const f of schema.fields) {
    const kind = OBJECT_KIND[f.type];
    if (kind) objects[f.name] = { field: f.name, kind };
  }
  const controls: LsControlMap[] = [];
  const relations: Record<string, string> = {};
  for (const c of schema.controls) {
    if (c.type === 'link') continue;
    if (c.type === 'relations') {
      relations[c.field] ??= c.name;
      continue;
    }
    const kind = objects[c.field]?.kind;
    const resultType = kind && resultTypeFor(c, kind);
    if (!kind || !resultType) continue;
    controls.push({
      control: c.name,
      fromName: c.name,
      toName: c.field,
      field: c.field,
      objectKind: kind,
      resultType,
    });
  }
  return {
    controls,
    attributes: attributeMaps(schema),
    relations,
    objects,
    taxonomySeparator: TAXONOMY_SEPARATOR,
  };
}
