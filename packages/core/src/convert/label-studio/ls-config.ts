import { formatIssues, parseLabelingSchema, REGION_MAKING_CONTROLS } from '../../format/index.ts';
import type { Field, Label, LabelingSchema } from '../../format/index.ts';
import { ConvertError } from '../errors.ts';
import { childElements, parseXml } from '../xml/xml-parse.ts';
import type { XmlElement } from '../xml/xml-parse.ts';
import { fail, readControl } from './ls-config-controls.ts';
import type { Build, ConfigOptions } from './ls-config-controls.ts';
import { attr, describeTag, labelChildren } from './ls-config-labels.ts';
import { TAXONOMY_SEPARATOR } from './ls-mapping.ts';
import type { LabelStudioMapping, LsObjectKind } from './ls-mapping.ts';
import type { FieldType } from '../../format/index.ts';

/**
 * Label Studio XML labeling config -> Tessera labeling schema (plus the name mapping the task
 * converter needs). Supported tags: objects Text, HyperText, Image, Audio (AudioPlus), List;
 * controls Choices/Choice, Taxonomy, Labels/Label, HyperTextLabels, RectangleLabels,
 * Rectangle, PolygonLabels, Polygon, KeyPointLabels, KeyPoint, Relations/Relation, TextArea,
 * Rating, Pairwise, Ranker, Number (per-region only); View, Header and Style are layout and
 * are skipped. Anything else is an error naming the tag and its line and column.
 */

/**
 * A converted config: the Tessera schema and the Label Studio name mapping.
 *
 * @example
 * const { schema, mapping } = parseLabelStudioConfig(xml);
 */
export type LabelStudioConfig = { schema: LabelingSchema; mapping: LabelStudioMapping };

/**
 * Options of `parseLabelStudioConfig`. `implicitRelations` (default true) adds an unlabeled
 * relations control for every field with region controls when the config has no
 * `<Relations>` tag, because Label Studio lets annotators draw relations without one.
 * `source` names the config in errors. Dropped colours are reported through `onLoss`.
 */
export type LabelStudioConfigOptions = ConfigOptions;

const OBJECT_TAGS: Record<string, { kind: LsObjectKind; type: FieldType }> = {
  text: { kind: 'text', type: 'text' },
  hypertext: { kind: 'hypertext', type: 'html' },
  image: { kind: 'image', type: 'image' },
  audio: { kind: 'audio', type: 'audio' },
  audioplus: { kind: 'audio', type: 'audio' },
  list: { kind: 'list', type: 'responses' },
};
const CONTROL_TAGS = new Set([
  'choices',
  'taxonomy',
  'labels',
  'hypertextlabels',
  'rectanglelabels',
  'rectangle',
  'polygonlabels',
  'polygon',
  'keypointlabels',
  'keypoint',
  'relations',
  'textarea',
  'rating',
  'pairwise',
  'ranker',
  'number',
]);
const SUPPORTED =
  'View, Header, Style, Text, HyperText, Image, Audio, List, Choices, Taxonomy, Labels, HyperTextLabels, RectangleLabels, Rectangle, PolygonLabels, Polygon, KeyPointLabels, KeyPoint, Relations, TextArea, Rating, Pairwise, Ranker, Number (perRegion)';

function collect(el: XmlElement, b: Build, controls: XmlElement[]): void {
  for (const child of childElements(el)) {
    const tag = child.name.toLowerCase();
    if (tag === 'view') collect(child, b, controls);
    else if (tag === 'header' || tag === 'style') continue;
    else if (OBJECT_TAGS[tag]) addObject(child, b);
    else if (CONTROL_TAGS.has(tag)) controls.push(child);
    else fail(b, child, `unsupported tag <${child.name}> (supported: ${SUPPORTED})`);
  }
}

function addObject(el: XmlElement, b: Build): void {
  const spec = OBJECT_TAGS[el.name.toLowerCase()];
  const name = attr(el, 'name');
  const value = attr(el, 'value');
  if (!spec || !name) fail(b, el, `${describeTag(el)} needs a name attribute`);
  const m = /^\$([A-Za-z_\u00C0-\uFFFF][\w\u00C0-\uFFFF-]*)$/.exec(value?.trim() ?? '');
  if (!m?.[1]) {
    fail(
      b,
      el,
      `${describeTag(el)}: value must name a task data field, like value="$text" (got ${JSON.stringify(value ?? '')})`,
    );
  }
  if (b.objects.has(name)) fail(b, el, `two object tags are named "${name}"`);
  const field = m[1];
  for (const o of b.objects.values()) {
    if (o.field === field && o.type !== spec.type) {
      fail(
        b,
        el,
        `${describeTag(el)} shows $${field} as ${spec.type}, but ${describeTag(o.el)} shows it as ${o.type}`,
      );
    }
  }
  b.objects.set(name, { el, name, field, kind: spec.kind, type: spec.type });
  b.mapping.objects[name] = { field, kind: spec.kind };
}

function uniqueName(b: Build, base: string): string {
  let name = base;
  for (let i = 2; b.controls.some((c) => c.name === name); i++) name = `${base}_${i}`;
  return name;
}

function addRelations(b: Build): void {
  const tag = b.relationsTags[0];
  if (b.relationsTags.length > 1 && b.relationsTags[1])
    fail(b, b.relationsTags[1], 'only one <Relations> tag is allowed');
  if (!tag && b.options.implicitRelations === false) return;
  const labels: Label[] = tag ? labelChildren(tag, 'relation', b.source, b.options) : [];
  const fields = [
    ...new Set(
      b.controls
        .filter((c) => REGION_MAKING_CONTROLS.includes(c.type) && c.type !== 'link')
        .map((c) => (c.type === 'link' ? '' : c.field)),
    ),
  ];
  const base = (tag && attr(tag, 'name')) || 'relations';
  for (const field of fields) {
    const name = uniqueName(b, fields.length > 1 ? `${base}_${field}` : base);
    b.controls.push({ name, type: 'relations', field, ...(labels.length ? { labels } : {}) });
    if (tag) b.controlTags.push(tag);
    else
      b.controlTags.push({
        kind: 'element',
        name: 'Relations',
        attributes: {},
        children: [],
        line: 0,
        column: 0,
      });
    b.mapping.relations[field] = name;
  }
}

function applyPerRegion(b: Build): void {
  for (const { el, field, attribute } of b.perRegion) {
    const targets = b.controls.filter(
      (c) => c.type !== 'link' && c.field === field && REGION_MAKING_CONTROLS.includes(c.type),
    );
    if (targets.length === 0)
      fail(b, el, `${describeTag(el)} is perRegion, but no region control labels that object`);
    for (const c of targets) c.attributes = [...(c.attributes ?? []), attribute];
  }
}

function fieldsOf(b: Build): Field[] {
  const fields: Field[] = [];
  for (const o of b.objects.values())
    if (!fields.some((f) => f.name === o.field)) fields.push({ name: o.field, type: o.type });
  return fields;
}

function finish(b: Build): LabelingSchema {
  const parsed = parseLabelingSchema({ version: 1, fields: fieldsOf(b), controls: b.controls });
  if (parsed.ok) return parsed.value;
  const lines = parsed.issues.map((issue) => {
    const m = /^controls\[(\d+)\]/.exec(issue.path);
    const el = m ? b.controlTags[Number(m[1])] : undefined;
    const at = el && el.line > 0 ? `line ${el.line}, column ${el.column} ${describeTag(el)}: ` : '';
    return `${at}${formatIssues([issue])}`;
  });
  throw new ConvertError(
    { source: b.source },
    `the config does not make a valid Tessera schema:\n${lines.join('\n')}`,
  );
}

/**
 * Converts a Label Studio labeling config (XML) into a Tessera labeling schema and the name
 * mapping for task conversion. Throws a `ConvertError` with line and column for malformed
 * XML, DOCTYPE/ENTITY declarations, unsupported tags or attributes, and for configs whose
 * result is not a valid schema.
 *
 * @example
 * const { schema } = parseLabelStudioConfig(`<View>
 *   <Text name="text" value="$text"/>
 *   <Choices name="sentiment" toName="text" choice="single">
 *     <Choice value="Positive" hotkey="1"/><Choice value="Negative" hotkey="2"/>
 *   </Choices>
 * </View>`);
 * schema.controls[0]; // { name: 'sentiment', type: 'choices', field: 'text', labels: [...] }
 */
export function parseLabelStudioConfig(
  xml: string,
  options: LabelStudioConfigOptions = {},
): LabelStudioConfig {
  const source = options.source ?? 'Label Studio config';
  const root = parseXml(xml, source);
  const mapping: LabelStudioMapping = {
    controls: [],
    attributes: [],
    relations: {},
    objects: {},
    taxonomySeparator: TAXONOMY_SEPARATOR,
  };
  const b: Build = {
    source,
    options,
    objects: new Map(),
    controls: [],
    controlTags: [],
    mapping,
    perRegion: [],
    relationsTags: [],
  };
  if (root.name.toLowerCase() !== 'view') {
    fail(b, root, `the config must start with <View>, not <${root.name}>`);
  }
  const controlEls: XmlElement[] = [];
  collect(root, b, controlEls);
  if (b.objects.size === 0)
    fail(b, root, 'the config has no object tag (Text, HyperText, Image, Audio or List)');
  for (const el of controlEls) readControl(b, el);
  applyPerRegion(b);
  addRelations(b);
  return { schema: finish(b), mapping };
}
