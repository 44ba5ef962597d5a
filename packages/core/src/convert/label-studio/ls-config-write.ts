import type { Attribute, Control, Field, Label, LabelingSchema } from '../../format/index.ts';
import { reportLoss } from '../errors.ts';
import type { LossOptions } from '../errors.ts';
import { escapeXml } from '../xml/xml-write.ts';
import { labelStudioMappingFromSchema } from './ls-mapping.ts';

/**
 * Tessera labeling schema -> Label Studio XML labeling config, so a project can be opened in
 * Label Studio with the tasks `taskToLabelStudioTask` writes. It follows the same mapping as
 * `labelStudioMappingFromSchema`: fields become object tags named after the field, controls
 * control tags named after the control, attributes per-region controls.
 */

const OBJECT_TAG: Partial<Record<Field['type'], string>> = {
  text: 'Text',
  html: 'HyperText',
  image: 'Image',
  audio: 'Audio',
  responses: 'List',
};

function attrs(pairs: Record<string, string | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v ?? '')}"`)
    .join('');
}

function labelTags(tag: string, labels: readonly Label[] | undefined, indent: string): string[] {
  return (labels ?? []).map(
    (l) =>
      `${indent}<${tag}${attrs({ value: l.value, hotkey: l.hotkey, background: l.color, hint: l.description })}/>`,
  );
}

function controlTag(c: Control, fieldType: Field['type']): string | undefined {
  const labeled = (c.labels?.length ?? 0) > 0;
  switch (c.type) {
    case 'choices':
      return 'Choices';
    case 'spans':
      return fieldType === 'html' ? 'HyperTextLabels' : 'Labels';
    case 'segment':
      return 'Labels';
    case 'bbox':
      return labeled ? 'RectangleLabels' : 'Rectangle';
    case 'polygon':
      return labeled ? 'PolygonLabels' : 'Polygon';
    case 'keypoints':
      return labeled ? 'KeyPointLabels' : 'KeyPoint';
    case 'textarea':
      return 'TextArea';
    case 'rating':
      return 'Rating';
    case 'ranking':
      return 'Ranker';
    default:
      return undefined;
  }
}

function controlXml(c: Control, tag: string): string[] {
  if (c.type === 'link') return [];
  const head = attrs({
    name: c.name,
    toName: c.field,
    choice: c.type === 'choices' ? (c.multiple ? 'multiple' : 'single') : undefined,
    maxRating: c.type === 'rating' && c.max !== undefined ? String(c.max) : undefined,
    hotkey: c.hotkey,
    required: c.required ? 'true' : undefined,
  });
  const child = c.type === 'choices' ? 'Choice' : 'Label';
  const kids = labelTags(child, c.labels, '    ');
  return kids.length ? [`  <${tag}${head}>`, ...kids, `  </${tag}>`] : [`  <${tag}${head}/>`];
}

function attributeXml(a: Attribute, field: string): string[] {
  const common = {
    name: a.name,
    toName: field,
    perRegion: 'true',
    required: a.required ? 'true' : undefined,
  };
  if (a.type === 'text') return [`  <TextArea${attrs(common)}/>`];
  if (a.type === 'number') return [`  <Number${attrs(common)}/>`];
  const head = attrs({ ...common, choice: a.type === 'multichoice' ? 'multiple' : 'single' });
  return [
    `  <Choices${head}>`,
    ...(a.options ?? []).map((o) => `    <Choice${attrs({ value: o })}/>`),
    '  </Choices>',
  ];
}

/**
 * Writes a Label Studio labeling config for a Tessera schema. Fields, controls and attributes
 * Label Studio has no tag for are left out and reported through `onLoss`.
 *
 * @example
 * schemaToLabelStudioConfig(buildSchema());
 * // '<View>\n  <Text name="text" value="$text"/>\n  <Choices name="sentiment" toName="text" choice="single">...'
 */
export function schemaToLabelStudioConfig(
  schema: LabelingSchema,
  options: LossOptions = {},
): string {
  const mapping = labelStudioMappingFromSchema(schema);
  const lines = ['<View>'];
  for (const f of schema.fields) {
    const tag = OBJECT_TAG[f.type];
    if (tag) lines.push(`  <${tag}${attrs({ name: f.name, value: `$${f.name}` })}/>`);
    else
      reportLoss(
        options,
        { path: `fields.${f.name}` },
        `Label Studio has no object tag for ${f.type} fields`,
      );
  }
  const relationLabels = new Map<string, Label>();
  const relationNames = new Set<string>();
  for (const c of schema.controls) {
    const where = { path: `controls.${c.name}` };
    if (c.type === 'relations') {
      relationNames.add(c.name);
      for (const l of c.labels ?? []) relationLabels.set(l.value, l);
      continue;
    }
    const map = mapping.controls.find((m) => m.control === c.name);
    const fieldType = schema.fields.find((f) => c.type !== 'link' && f.name === c.field)?.type;
    const tag = map && fieldType ? controlTag(c, fieldType) : undefined;
    if (!tag) {
      reportLoss(options, where, `Label Studio has no control tag for a ${c.type} control here`);
      continue;
    }
    lines.push(...controlXml(c, tag));
  }
  const written = new Set<string>();
  for (const c of schema.controls) {
    if (c.type === 'link') continue;
    for (const a of c.attributes ?? []) {
      if (written.has(a.name)) continue;
      written.add(a.name);
      if (a.type === 'boolean')
        reportLoss(
          options,
          { path: `controls.${c.name}.attributes.${a.name}` },
          'Label Studio has no per-region yes/no control',
        );
      else lines.push(...attributeXml(a, c.field));
    }
  }
  // Label Studio has one <Relations> tag for the whole config; its name is Tessera's when one.
  const name = relationNames.size === 1 ? [...relationNames][0] : undefined;
  if (relationLabels.size) {
    lines.push(
      `  <Relations${attrs({ name })}>`,
      ...labelTags('Relation', [...relationLabels.values()], '    '),
      '  </Relations>',
    );
  }
  lines.push('</View>');
  return lines.join('\n') + '\n';
}
