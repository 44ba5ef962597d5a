import type { Control, LabelingSchema, Region } from '@tessera/core/format';

/*
 * Label Studio's labeling config and result JSON ↔ Tessera's schema and regions. Label Studio
 * describes a project with XML tags (object tags for data, control tags for labels); results
 * are `{from_name, to_name, type, value}` with image geometry in percent of the original size.
 */

const OBJECT_TAG: Record<string, string> = {
  text: 'Text',
  image: 'Image',
  audio: 'Audio',
  video: 'Video',
  html: 'HyperText',
  dialogue: 'Paragraphs',
};

const CONTROL_TAG: Record<string, [tag: string, child: string | null]> = {
  choices: ['Choices', 'Choice'],
  spans: ['Labels', 'Label'],
  bbox: ['RectangleLabels', 'Label'],
  polygon: ['PolygonLabels', 'Label'],
  keypoints: ['KeyPointLabels', 'Label'],
  relations: ['Relations', 'Relation'],
  textarea: ['TextArea', null],
  rating: ['Rating', null],
};

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The Label Studio XML labeling config equivalent to `schema` (the controls an ML backend can
 * answer; others are left out), sent to `/setup` and `/predict` as `label_config`.
 *
 * @example
 * labelConfigXml(buildSchema()); // '<View><Text name="text" value="$text"/><Choices …'
 */
export function labelConfigXml(schema: LabelingSchema): string {
  const parts = schema.fields.map((f) => {
    const tag = OBJECT_TAG[f.type] ?? 'Text';
    return `<${tag} name="${esc(f.name)}" value="$${esc(f.name)}"/>`;
  });
  for (const c of schema.controls) {
    const spec = CONTROL_TAG[c.type];
    if (!spec || !('field' in c)) continue;
    const [tag, child] = spec;
    const attrs = [`name="${esc(c.name)}"`, `toName="${esc(c.field)}"`];
    if (c.type === 'choices') attrs.push(`choice="${c.multiple ? 'multiple' : 'single'}"`);
    if (c.type === 'rating') attrs.push(`maxRating="${c.max ?? 5}"`);
    const kids = child ? (c.labels ?? []).map((l) => `<${child} value="${esc(l.value)}"/>`) : [];
    parts.push(
      kids.length
        ? `<${tag} ${attrs.join(' ')}>${kids.join('')}</${tag}>`
        : `<${tag} ${attrs.join(' ')}/>`,
    );
  }
  return `<View>${parts.join('')}</View>`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Label Studio results of one task → candidate regions (checked afterwards against the
 * project schema with `validateRegions`). Returns the reason instead when a result cannot be
 * mapped: an unknown `type`, a control that is not in the schema, image geometry without
 * `original_width`/`original_height`. Text offsets are taken as code points (what Python
 * backends count). Region scores come from `score` (result or value level).
 *
 * @example
 * lsResultsToRegions([{ from_name: 'sentiment', to_name: 'text', type: 'choices',
 *   value: { choices: ['positive'] }, score: 0.9 }], schema);
 * // { ok: true, regions: [{ id: 'sentiment-1', control: 'sentiment', type: 'choice', … }] }
 */
export function lsResultsToRegions(
  results: unknown,
  schema: LabelingSchema,
): { ok: true; regions: Region[] } | { ok: false; reason: string } {
  if (!Array.isArray(results)) return { ok: false, reason: 'result is not a list' };
  const regions: Region[] = [];
  const ids = new Set<string>();
  for (const [k, r] of results.entries()) {
    if (!isObj(r) || !isObj(r.value) || typeof r.type !== 'string')
      return { ok: false, reason: `result[${k}]: expected {from_name, type, value}` };
    const control = schema.controls.find((c) => c.name === r.from_name);
    if (!control)
      return {
        ok: false,
        reason: `result[${k}].from_name: no control ${JSON.stringify(r.from_name)}`,
      };
    const mapped = mapValue(r, control);
    if (typeof mapped === 'string') return { ok: false, reason: `result[${k}]: ${mapped}` };
    let id = typeof r.id === 'string' && r.id.length > 0 && r.id.length <= 64 ? r.id : '';
    if (!id || ids.has(id)) id = `${control.name.slice(0, 50)}-${k + 1}`;
    ids.add(id);
    const score = num(r.score) ? r.score : num(r.value.score) ? r.value.score : undefined;
    const region = {
      id,
      control: control.name,
      ...mapped,
      ...(score !== undefined ? { score } : {}),
    };
    regions.push(region as Region);
  }
  return { ok: true, regions };
}

function mapValue(r: Obj, c: Control): { type: string; value: unknown } | string {
  const v = r.value as Obj;
  const labels = (key: string) => (Array.isArray(v[key]) ? v[key] : v.labels);
  switch (r.type) {
    case 'choices':
      return { type: 'choice', value: { choices: v.choices } };
    case 'labels':
      return {
        type: 'span',
        value: {
          start: v.start,
          end: v.end,
          labels: labels('labels'),
          ...(typeof v.text === 'string' ? { text: v.text } : {}),
        },
      };
    case 'textarea':
      return { type: 'text', value: { text: v.text } };
    case 'rating':
      return { type: 'rating', value: { rating: v.rating } };
    case 'rectanglelabels':
    case 'polygonlabels':
    case 'keypointlabels':
      return mapImage(r, v, labels(r.type as string), c);
    default:
      return `unsupported result type ${JSON.stringify(r.type)}`;
  }
}

/** Percent of the original image → pixels, which our regions use. */
function mapImage(
  r: Obj,
  v: Obj,
  labels: unknown,
  c: Control,
): { type: string; value: unknown } | string {
  const W = r.original_width;
  const H = r.original_height;
  if (!num(W) || !num(H) || W <= 0 || H <= 0)
    return `${String(r.type)} for control "${c.name}" needs original_width and original_height`;
  const px = (x: unknown, side: number) => (num(x) ? (x / 100) * side : NaN);
  if (r.type === 'rectanglelabels')
    return {
      type: 'bbox',
      value: {
        x: px(v.x, W),
        y: px(v.y, H),
        width: px(v.width, W),
        height: px(v.height, H),
        ...(num(v.rotation) && v.rotation !== 0 ? { rotation: v.rotation } : {}),
        labels,
      },
    };
  if (r.type === 'polygonlabels') {
    if (!Array.isArray(v.points)) return 'polygonlabels without points';
    const points = v.points.map((p: unknown) =>
      Array.isArray(p) ? [px(p[0], W), px(p[1], H)] : [NaN, NaN],
    );
    return { type: 'polygon', value: { points, labels } };
  }
  return { type: 'keypoints', value: { points: [{ x: px(v.x, W), y: px(v.y, H) }], labels } };
}

/**
 * Our regions → Label Studio results, for `/train`. Text and classification regions map
 * exactly; image regions need the image size to become percentages and are left out unless
 * the task data carries `width` and `height`.
 *
 * @example
 * regionsToLsResults(annotation.regions, schema, task.data);
 */
export function regionsToLsResults(
  regions: readonly Region[],
  schema: LabelingSchema,
  data: Record<string, unknown>,
): Obj[] {
  const out: Obj[] = [];
  const W = num(data.width) ? data.width : undefined;
  const H = num(data.height) ? data.height : undefined;
  for (const r of regions) {
    const c = schema.controls.find((x) => x.name === r.control);
    if (!c || !('field' in c)) continue;
    const base = { id: r.id, from_name: c.name, to_name: c.field };
    if (r.type === 'choice')
      out.push({ ...base, type: 'choices', value: { choices: r.value.choices } });
    else if (r.type === 'span')
      out.push({
        ...base,
        type: 'labels',
        value: {
          start: r.value.start,
          end: r.value.end,
          labels: r.value.labels,
          text: r.value.text,
        },
      });
    else if (r.type === 'text')
      out.push({ ...base, type: 'textarea', value: { text: r.value.text } });
    else if (r.type === 'rating')
      out.push({ ...base, type: 'rating', value: { rating: r.value.rating } });
    else if (r.type === 'bbox' && W && H)
      out.push({
        ...base,
        type: 'rectanglelabels',
        original_width: W,
        original_height: H,
        value: {
          x: (r.value.x / W) * 100,
          y: (r.value.y / H) * 100,
          width: (r.value.width / W) * 100,
          height: (r.value.height / H) * 100,
          rotation: r.value.rotation ?? 0,
          rectanglelabels: r.value.labels,
        },
      });
  }
  return out;
}
