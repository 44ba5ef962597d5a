import type { Attribute, Control, FieldType } from '../../format/index.ts';
import { ConvertError } from '../errors.ts';
import type { LossOptions } from '../errors.ts';
import { childElements } from '../xml/xml-parse.ts';
import type { XmlElement } from '../xml/xml-parse.ts';
import {
  attr,
  boolAttr,
  describeTag,
  hotkeyOf,
  labelChildren,
  tagWhere,
} from './ls-config-labels.ts';
import { taxonomyLabels } from './ls-config-taxonomy.ts';
import type {
  LabelStudioMapping,
  LsAttributeMap,
  LsControlMap,
  LsObjectKind,
  LsResultType,
} from './ls-mapping.ts';

/**
 * Label Studio control tags -> Tessera controls (and per-region controls -> attributes), for
 * ls-config.ts. Each reader checks its tag's target object and attributes and fails with the
 * tag's line and column.
 */

/** Options of the config conversion (see `LabelStudioConfigOptions`). */
export type ConfigOptions = LossOptions & { implicitRelations?: boolean; source?: string };

/** An object tag: the data field it shows and as what. */
export type ObjectTag = {
  el: XmlElement;
  name: string;
  field: string;
  kind: LsObjectKind;
  type: FieldType;
};

/** Everything collected while reading the config. */
export type Build = {
  source: string;
  options: ConfigOptions;
  objects: Map<string, ObjectTag>;
  controls: Control[];
  controlTags: XmlElement[];
  mapping: LabelStudioMapping;
  perRegion: { el: XmlElement; field: string; attribute: Attribute }[];
  relationsTags: XmlElement[];
};

/**
 * Fails at a tag.
 *
 * @example
 * fail(b, el, 'needs a name attribute'); // throws ConvertError at the tag's line and column
 */
export function fail(b: Build, el: XmlElement, what: string): never {
  throw new ConvertError(tagWhere(el, b.source), what);
}

function targetOf(b: Build, el: XmlElement): ObjectTag {
  const toName = attr(el, 'toName');
  if (!toName) fail(b, el, `${describeTag(el)} needs a toName attribute`);
  const first = toName.split(',')[0]?.trim() ?? '';
  const target = b.objects.get(first);
  if (!target) {
    const known = [...b.objects.keys()].map((k) => `"${k}"`).join(', ') || 'none';
    fail(
      b,
      el,
      `${describeTag(el)}: toName "${first}" is not an object tag (object tags: ${known})`,
    );
  }
  return target;
}

function addControl(
  b: Build,
  el: XmlElement,
  control: Control,
  resultType: LsResultType,
  target: ObjectTag,
): void {
  if (b.controls.some((c) => c.name === control.name))
    fail(b, el, `two control tags are named "${control.name}"`);
  if (boolAttr(el, 'required')) control.required = true;
  b.controls.push(control);
  b.controlTags.push(el);
  const map: LsControlMap = {
    control: control.name,
    fromName: control.name,
    toName: attr(el, 'toName')?.trim() ?? target.name,
    field: target.field,
    objectKind: target.kind,
    resultType,
  };
  b.mapping.controls.push(map);
}

const REGION_TAGS: Record<
  string,
  { type: Control['type']; kinds: LsObjectKind[]; labeled: boolean }
> = {
  labels: { type: 'spans', kinds: ['text', 'hypertext', 'audio'], labeled: true },
  hypertextlabels: { type: 'spans', kinds: ['hypertext'], labeled: true },
  rectanglelabels: { type: 'bbox', kinds: ['image'], labeled: true },
  rectangle: { type: 'bbox', kinds: ['image'], labeled: false },
  polygonlabels: { type: 'polygon', kinds: ['image'], labeled: true },
  polygon: { type: 'polygon', kinds: ['image'], labeled: false },
  keypointlabels: { type: 'keypoints', kinds: ['image'], labeled: true },
  keypoint: { type: 'keypoints', kinds: ['image'], labeled: false },
};

function regionControl(b: Build, el: XmlElement, name: string, target: ObjectTag): void {
  const tag = el.name.toLowerCase();
  const spec = REGION_TAGS[tag];
  if (!spec) return;
  if (!spec.kinds.includes(target.kind)) {
    fail(
      b,
      el,
      `${describeTag(el)} cannot label <${target.el.name}> "${target.name}" (it labels ${spec.kinds.join(', ')})`,
    );
  }
  const type = tag === 'labels' && target.kind === 'audio' ? 'segment' : spec.type;
  const labels = spec.labeled ? labelChildren(el, 'label', b.source, b.options) : [];
  if (spec.labeled && labels.length === 0) fail(b, el, `${describeTag(el)} has no <Label>`);
  const control = {
    name,
    type,
    field: target.field,
    ...(labels.length ? { labels } : {}),
  } as Control;
  // Label Studio lets spans overlap; a Tessera spans control allows it only when told.
  if (type === 'spans') control.overlap = true;
  addControl(b, el, control, tag as LsResultType, target);
}

function perRegionAttribute(
  b: Build,
  el: XmlElement,
  name: string,
  target: ObjectTag,
  attribute: Omit<Attribute, 'name'>,
): void {
  const a: Attribute = { name, ...attribute };
  if (boolAttr(el, 'required')) a.required = true;
  b.perRegion.push({ el, field: target.field, attribute: a });
  const tag = el.name.toLowerCase();
  const resultType: LsAttributeMap['resultType'] =
    tag === 'choices'
      ? 'choices'
      : tag === 'textarea'
        ? 'textarea'
        : tag === 'rating'
          ? 'rating'
          : 'number';
  b.mapping.attributes.push({
    fromName: name,
    toName: attr(el, 'toName')?.trim() ?? target.name,
    field: target.field,
    attribute: name,
    resultType,
    multiple: attribute.type === 'multichoice',
  });
}

function choicesControl(b: Build, el: XmlElement, name: string, target: ObjectTag): void {
  const labels = labelChildren(el, 'choice', b.source, b.options);
  const dynamic = attr(el, 'value');
  if (labels.length === 0) {
    fail(
      b,
      el,
      dynamic
        ? `${describeTag(el)}: dynamic choices (value="${dynamic}") are not supported; list the <Choice> tags`
        : `${describeTag(el)} has no <Choice>`,
    );
  }
  const multiple = attr(el, 'choice')?.trim().toLowerCase() === 'multiple';
  if (boolAttr(el, 'perRegion')) {
    const options = labels.map((l) => l.value);
    perRegionAttribute(b, el, name, target, { type: multiple ? 'multichoice' : 'choice', options });
    return;
  }
  const control: Control = { name, type: 'choices', field: target.field, labels };
  if (multiple) control.multiple = true;
  addControl(b, el, control, 'choices', target);
}

function classificationControl(b: Build, el: XmlElement, name: string, target: ObjectTag): void {
  const tag = el.name.toLowerCase();
  const perRegion = boolAttr(el, 'perRegion');
  if (tag === 'textarea') {
    if (perRegion) return perRegionAttribute(b, el, name, target, { type: 'text' });
    return addControl(b, el, { name, type: 'textarea', field: target.field }, 'textarea', target);
  }
  if (tag === 'number') {
    if (perRegion) return perRegionAttribute(b, el, name, target, { type: 'number' });
    fail(
      b,
      el,
      `${describeTag(el)}: <Number> is supported only with perRegion="true" (as a region attribute)`,
    );
  }
  if (perRegion) return perRegionAttribute(b, el, name, target, { type: 'number' });
  const control: Control = { name, type: 'rating', field: target.field };
  const max = Number(attr(el, 'maxRating') ?? '5');
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    fail(b, el, `${describeTag(el)}: maxRating must be a whole number from 1 to 100`);
  }
  if (max !== 5) control.max = max;
  const hotkey = hotkeyOf(el, b.source);
  if (hotkey) control.hotkey = hotkey;
  addControl(b, el, control, 'rating', target);
}

function otherControl(b: Build, el: XmlElement, name: string, target: ObjectTag): void {
  const tag = el.name.toLowerCase();
  if (tag === 'pairwise') {
    const names = (attr(el, 'toName') ?? '').split(',').map((s) => s.trim());
    if (names.length !== 2 || !names[1] || !b.objects.has(names[1]) || names[0] === names[1]) {
      fail(
        b,
        el,
        `${describeTag(el)}: toName must name two different object tags, like toName="a,b"`,
      );
    }
    return addControl(b, el, { name, type: 'pairwise', field: target.field }, 'pairwise', target);
  }
  if (tag === 'ranker') {
    const bucket = childElements(el)[0];
    if (bucket)
      fail(
        b,
        bucket,
        `${describeTag(el)}: <${bucket.name}> (buckets) is not supported; only plain ranking is`,
      );
    if (target.kind !== 'list') fail(b, el, `${describeTag(el)} must rank a <List> object tag`);
    return addControl(b, el, { name, type: 'ranking', field: target.field }, 'ranker', target);
  }
  if (tag === 'taxonomy') {
    if (attr(el, 'apiUrl'))
      fail(b, el, `${describeTag(el)}: apiUrl (remote taxonomies) is not supported`);
    const labels = taxonomyLabels(el, b.source, b.options);
    return addControl(
      b,
      el,
      { name, type: 'choices', field: target.field, labels, multiple: true },
      'taxonomy',
      target,
    );
  }
}

/**
 * Reads one control tag into the build.
 *
 * @example
 * readControl(b, parseXml('<Rating name="q" toName="img" maxRating="10"/>'));
 */
export function readControl(b: Build, el: XmlElement): void {
  const tag = el.name.toLowerCase();
  if (tag === 'relations') {
    b.relationsTags.push(el);
    return;
  }
  const name = attr(el, 'name');
  if (!name) fail(b, el, `<${el.name}> needs a name attribute`);
  const target = targetOf(b, el);
  if (REGION_TAGS[tag]) regionControl(b, el, name, target);
  else if (tag === 'choices') choicesControl(b, el, name, target);
  else if (tag === 'textarea' || tag === 'rating' || tag === 'number')
    classificationControl(b, el, name, target);
  else otherControl(b, el, name, target);
}
