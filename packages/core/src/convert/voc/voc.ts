import { LabelValue } from '../../format/index.ts';
import type { Region, Task } from '../../format/index.ts';
import { ConvertError, reportLoss } from '../errors.ts';
import type { LossOptions, Where } from '../errors.ts';
import { requireImageSize } from '../image-size.ts';
import type { ImageSizeOptions } from '../image-size.ts';
import { isRecord } from '../json-utils.ts';
import { pickRegions } from '../pick-regions.ts';
import type { PickOptions } from '../pick-regions.ts';
import { childElements, parseXml, textContent } from '../xml/xml-parse.ts';
import type { XmlElement } from '../xml/xml-parse.ts';
import { escapeXml } from '../xml/xml-write.ts';

/**
 * Pascal VOC: one XML file per image with its size and one `<object>` per box: `name`,
 * `pose`, `truncated`, `difficult`, (`occluded`) and `bndbox` (`xmin ymin xmax ymax`). VOC
 * pixel coordinates are 1-based and inclusive (the devkit's convention, which detectron2 and
 * torchvision undo by subtracting 1 from xmin and ymin), so by default a Tessera box
 * `x, y, width, height` (pixel edges, 0-based) is written `xmin = x + 1`, `ymin = y + 1`,
 * `xmax = x + width`, `ymax = y + height`; `oneBased: false` writes the edges as they are.
 * `pose` (other than "Unspecified") becomes a text attribute, and `truncated`, `difficult`
 * and `occluded` set to 1 become boolean attributes.
 */

/** Options of `taskToVocXml`. */
export type VocExportOptions = PickOptions &
  ImageSizeOptions & { field?: string; oneBased?: boolean };

const FLAGS = ['truncated', 'difficult', 'occluded'] as const;

function tag(name: string, value: string | number, indent: string): string {
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

function objectXml(r: Region, oneBased: boolean, options: LossOptions, where: Where): string[] {
  if (r.type !== 'bbox') {
    reportLoss(options, where, `Pascal VOC holds boxes, not ${r.type} regions`);
    return [];
  }
  const v = r.value;
  const label = v.labels[0];
  if (label === undefined) {
    reportLoss(options, where, 'a VOC object needs a name: the box has no label; left out');
    return [];
  }
  if (v.labels.length > 1)
    reportLoss(
      options,
      where,
      `VOC keeps one name; labels ${v.labels.slice(1).join(', ')} dropped`,
    );
  if (v.rotation)
    reportLoss(options, where, `VOC boxes are not rotated; rotation ${v.rotation} dropped`);
  if (r.score !== undefined) reportLoss(options, where, 'VOC objects have no score');
  const a = r.attributes ?? {};
  const others = Object.keys(a).filter(
    (k) => k !== 'pose' && !(FLAGS as readonly string[]).includes(k),
  );
  if (others.length) reportLoss(options, where, `VOC has no attributes ${others.join(', ')}`);
  const off = oneBased ? 1 : 0;
  const lines = [
    '  <object>',
    tag('name', label, '    '),
    tag('pose', typeof a.pose === 'string' ? a.pose : 'Unspecified', '    '),
  ];
  lines.push(
    tag('truncated', a.truncated === true ? 1 : 0, '    '),
    tag('difficult', a.difficult === true ? 1 : 0, '    '),
  );
  if (a.occluded === true) lines.push(tag('occluded', 1, '    '));
  lines.push(
    '    <bndbox>',
    tag('xmin', v.x + off, '      '),
    tag('ymin', v.y + off, '      '),
    tag('xmax', v.x + v.width, '      '),
    tag('ymax', v.y + v.height, '      '),
    '    </bndbox>',
    '  </object>',
  );
  return lines;
}

/**
 * Writes a task as a Pascal VOC XML file. `meta.voc` (kept by `vocXmlToTask`) restores
 * folder, database, depth and segmented; the defaults are no folder, "Unknown", 3 and 0.
 *
 * @example
 * taskToVocXml({ data: { image: 'a.jpg' }, meta: { width: 4, height: 3 }, annotations: [...] });
 * // '<annotation>\n  <filename>a.jpg</filename>\n  ...'
 */
export function taskToVocXml(task: Task, options: VocExportOptions = {}): string {
  const field = options.field ?? 'image';
  const where: Where = { source: 'VOC', ...(task.id === undefined ? {} : { task: task.id }) };
  const ref = task.data[field];
  if (typeof ref !== 'string')
    throw new ConvertError(where, `data.${field} must be a string (the image file)`);
  const size = requireImageSize(task, field, options, 'VOC');
  const voc = isRecord(task.meta?.voc) ? task.meta.voc : {};
  const filename = typeof voc.filename === 'string' ? voc.filename : (ref.split('/').pop() ?? ref);
  const lines = ['<annotation>'];
  if (typeof voc.folder === 'string') lines.push(tag('folder', voc.folder, '  '));
  lines.push(tag('filename', filename, '  '));
  if (filename !== ref) lines.push(tag('path', ref, '  '));
  lines.push(
    '  <source>',
    tag('database', typeof voc.database === 'string' ? voc.database : 'Unknown', '    '),
    '  </source>',
  );
  lines.push(
    '  <size>',
    tag('width', size.width, '    '),
    tag('height', size.height, '    '),
    tag('depth', typeof voc.depth === 'number' ? voc.depth : 3, '    '),
    '  </size>',
  );
  lines.push(tag('segmented', typeof voc.segmented === 'number' ? voc.segmented : 0, '  '));
  for (const r of pickRegions(task, options))
    lines.push(...objectXml(r, options.oneBased ?? true, options, { ...where, id: r.id }));
  lines.push('</annotation>');
  return lines.join('\n') + '\n';
}

/** Options of `vocXmlToTask`: image field and box control (default `image`, `bbox`). */
export type VocImportOptions = LossOptions & {
  field?: string;
  control?: string;
  oneBased?: boolean;
  source?: string;
};

function child(el: XmlElement, name: string): XmlElement | undefined {
  return childElements(el).find((c) => c.name === name);
}

function text(el: XmlElement, name: string): string | undefined {
  const c = child(el, name);
  return c ? textContent(c).trim() : undefined;
}

function number(el: XmlElement, name: string, source: string): number {
  const c = child(el, name);
  const n = c ? Number(textContent(c).trim()) : NaN;
  if (!c || textContent(c).trim() === '' || !Number.isFinite(n)) {
    throw new ConvertError(
      { source, line: (c ?? el).line },
      `<${el.name}> needs a numeric <${name}>`,
    );
  }
  return n;
}

function objectRegion(
  obj: XmlElement,
  index: number,
  opts: VocImportOptions,
  source: string,
): Region {
  const where = { source, line: obj.line };
  const name = text(obj, 'name');
  if (!name || !LabelValue.safeParse(name).success)
    throw new ConvertError(where, '<object> needs a <name> (1-200 characters)');
  const box = child(obj, 'bndbox');
  if (!box) throw new ConvertError(where, `<object> "${name}" has no <bndbox>`);
  const [xmin, ymin, xmax, ymax] = ['xmin', 'ymin', 'xmax', 'ymax'].map((k) =>
    number(box, k, source),
  ) as [number, number, number, number];
  const off = (opts.oneBased ?? true) ? 1 : 0;
  const value = {
    x: xmin - off,
    y: ymin - off,
    width: xmax - xmin + off,
    height: ymax - ymin + off,
    labels: [name],
  };
  if (!(value.width > 0 && value.height > 0))
    throw new ConvertError(
      { source, line: box.line },
      `box ${xmin},${ymin},${xmax},${ymax} has no area`,
    );
  const attributes: Record<string, string | boolean> = {};
  const pose = text(obj, 'pose');
  if (pose && pose !== 'Unspecified') attributes.pose = pose;
  for (const f of FLAGS) if (text(obj, f) === '1') attributes[f] = true;
  for (const c of childElements(obj)) {
    if (!['name', 'pose', 'bndbox', ...FLAGS].includes(c.name))
      reportLoss(opts, { source, line: c.line }, `<${c.name}> in <object> is not kept`);
  }
  const region: Region = {
    id: String(index + 1),
    control: opts.control ?? 'bbox',
    type: 'bbox',
    value,
  };
  if (Object.keys(attributes).length) region.attributes = attributes;
  return region;
}

function vocMeta(
  root: XmlElement,
  filename: string,
  ref: string,
  source: string,
): Record<string, unknown> {
  const voc: Record<string, unknown> = {};
  const folder = text(root, 'folder');
  if (folder !== undefined) voc.folder = folder;
  if (filename !== (ref.split('/').pop() ?? ref)) voc.filename = filename;
  const database = child(root, 'source') && text(child(root, 'source') as XmlElement, 'database');
  if (database !== undefined && database !== 'Unknown') voc.database = database;
  const size = child(root, 'size') as XmlElement;
  const depth = child(size, 'depth') ? number(size, 'depth', source) : 3;
  if (depth !== 3) voc.depth = depth;
  const segmented = child(root, 'segmented') ? number(root, 'segmented', source) : 0;
  if (segmented !== 0) voc.segmented = segmented;
  return voc;
}

/**
 * Reads a Pascal VOC XML file into a task: `data[field]` is `<path>` when given, else
 * `<filename>`; `meta.width`/`meta.height` come from `<size>`; region ids are the objects'
 * positions (`"1"`, `"2"`, ...). Missing or malformed parts are errors naming the line.
 *
 * @example
 * vocXmlToTask(xmlText, { source: 'Annotations/2007_000027.xml' }).annotations?.[0]?.regions;
 */
export function vocXmlToTask(xml: string, options: VocImportOptions = {}): Task {
  const source = options.source ?? 'VOC';
  const root = parseXml(xml, source);
  if (root.name !== 'annotation')
    throw new ConvertError(
      { source, line: root.line },
      `expected <annotation>, got <${root.name}>`,
    );
  const filename = text(root, 'filename');
  if (!filename)
    throw new ConvertError({ source, line: root.line }, '<annotation> needs a <filename>');
  const size = child(root, 'size');
  if (!size) throw new ConvertError({ source, line: root.line }, '<annotation> needs a <size>');
  const width = number(size, 'width', source);
  const height = number(size, 'height', source);
  if (!(width > 0 && height > 0))
    throw new ConvertError(
      { source, line: size.line },
      `image size ${width}×${height} is not positive (the file does not know the size)`,
    );
  const ref = text(root, 'path') || filename;
  const objects = childElements(root).filter((c) => c.name === 'object');
  const regions = objects.map((o, i) => objectRegion(o, i, options, source));
  const voc = vocMeta(root, filename, ref, source);
  const meta: Record<string, unknown> = {
    width,
    height,
    ...(Object.keys(voc).length ? { voc } : {}),
  };
  return { data: { [options.field ?? 'image']: ref }, meta, annotations: [{ regions }] };
}
