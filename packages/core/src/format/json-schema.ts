import { z } from 'zod';
import { Annotation, Prediction } from './annotation.ts';
import { Attribute, Control, Label } from './control.ts';
import { Field } from './field.ts';
import { LabelingSchema } from './labeling-schema.ts';
import { IsoDateTime, LabelValue, Name } from './primitives.ts';
import * as regions from './region.ts';
import { Provenance, Task } from './task.ts';

type Meta = { id?: string; title?: string; description?: string };

const REGION_VARIANTS = [
  'ChoiceRegion',
  'SpanRegion',
  'RelationRegion',
  'BboxRegion',
  'PolygonRegion',
  'KeypointsRegion',
  'MaskRegion',
  'SegmentRegion',
  'TrackRegion',
  'LinkRegion',
  'RatingRegion',
  'RankingRegion',
  'PairwiseRegion',
  'TextRegion',
] as const;

/**
 * Names and descriptions for the JSON Schema, kept in a registry made per call rather than
 * zod's global one: a global registry rejects an id registered twice, which happens when a
 * module is evaluated again (test isolation, hot reload).
 */
function buildRegistry(): z.core.$ZodRegistry<Meta> {
  const reg = z.registry<Meta>();
  reg.add(Task, {
    title: 'Tessera task',
    description:
      'One task of the Tessera interchange format (one JSON object per line in JSONL). Text offsets are Unicode code points; image geometry is in pixels of the original image. Cross-references (unique region ids, relation endpoints) are checked by Tessera, not by this JSON Schema. See docs/FORMAT.md.',
  });
  reg.add(LabelingSchema, {
    title: 'Tessera labeling schema',
    description:
      "A project's labeling schema: data fields, and controls with labels, hotkeys and per-region attributes. Cross-references (a control's field exists, unique names and hotkeys, ...) are checked by Tessera, not by this JSON Schema. See docs/FORMAT.md.",
  });
  reg.add(Annotation, { id: 'Annotation' });
  reg.add(Prediction, { id: 'Prediction' });
  reg.add(Provenance, { id: 'Provenance' });
  reg.add(regions.Region, { id: 'Region', description: 'A region, discriminated on `type`.' });
  for (const name of REGION_VARIANTS) reg.add(regions[name], { id: name });
  reg.add(IsoDateTime, { id: 'IsoDateTime' });
  reg.add(Name, { id: 'Name', description: 'A field, control or attribute name.' });
  reg.add(LabelValue, { id: 'LabelValue' });
  reg.add(Field, { id: 'Field' });
  reg.add(Control, { id: 'Control' });
  reg.add(Label, { id: 'Label' });
  reg.add(Attribute, { id: 'Attribute' });
  return reg;
}

/**
 * The JSON Schema files published in `docs/schema/`, by file name, as JSON text. They describe
 * the input a user writes (`io: 'input'`: fields with defaults are optional) and the structure
 * only; cross-reference rules (a control's field exists, relation endpoints exist, labels from
 * the label set) are Tessera's own checks and cannot be written in JSON Schema.
 *
 * @example
 * const files = buildJsonSchemaFiles();
 * JSON.parse(files['task.schema.json']).title; // 'Tessera task'
 */
export function buildJsonSchemaFiles(): Record<
  'task.schema.json' | 'labeling-schema.schema.json',
  string
> {
  const metadata = buildRegistry();
  const render = (schema: z.ZodType): string => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', metadata });
    return `${JSON.stringify(json, null, 2)}\n`;
  };
  return {
    'task.schema.json': render(Task),
    'labeling-schema.schema.json': render(LabelingSchema),
  };
}
