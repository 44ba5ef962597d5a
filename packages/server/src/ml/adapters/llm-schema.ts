import type { Control, LabelingSchema, Region } from '@tessera/core/format';
import { DEFAULT_RATING_MAX } from '@tessera/core/format';

/** Control types an LLM can answer through a JSON schema. */
const LLM_CONTROLS = new Set(['choices', 'spans', 'textarea', 'rating']);

type Json = Record<string, unknown>;

/**
 * The controls of `names` that an LLM can label, or an error naming the first that cannot.
 *
 * @example
 * llmControls(schema, ['sentiment', 'entities']); // [Control, Control]
 */
export function llmControls(schema: LabelingSchema, names: readonly string[]): Control[] {
  return names.map((n) => {
    const c = schema.controls.find((x) => x.name === n);
    if (!c) throw new Error(`no control named "${n}"`);
    if (!LLM_CONTROLS.has(c.type))
      throw new Error(
        `control "${n}" is of type ${c.type}; an LLM endpoint labels choices, spans, textarea and rating controls`,
      );
    return c;
  });
}

/**
 * The JSON Schema (OpenAI structured outputs, `strict`: every property required, no extra
 * keys) of the answer for `controls`: one property per control, plus `confidence` in [0, 1].
 * Spans are asked for as `{text, label}` (models are poor at counting characters); the
 * offsets are found in the task text afterwards.
 *
 * @example
 * responseSchema(llmControls(schema, ['sentiment']));
 * // { type: 'object', properties: { sentiment: { type: 'string', enum: [...] }, confidence: … } … }
 */
export function responseSchema(controls: readonly Control[]): Json {
  const properties: Json = {};
  for (const c of controls) {
    const labels = (c.labels ?? []).map((l) => l.value);
    if (c.type === 'choices')
      properties[c.name] = c.multiple
        ? { type: 'array', items: { type: 'string', enum: labels } }
        : { type: 'string', enum: labels };
    else if (c.type === 'spans')
      properties[c.name] = {
        type: 'array',
        items: {
          type: 'object',
          properties: { text: { type: 'string' }, label: { type: 'string', enum: labels } },
          required: ['text', 'label'],
          additionalProperties: false,
        },
      };
    else if (c.type === 'textarea') properties[c.name] = { type: 'string' };
    else if (c.type === 'rating') properties[c.name] = { type: 'integer' };
  }
  properties.confidence = { type: 'number' };
  return {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/**
 * An LLM answer → regions, checking it against {@link responseSchema} first: anything else
 * (a missing or extra key, a label not offered, a span text not in the task) is an error with
 * the reason. `field` texts come from the task's data by each control's field.
 *
 * @example
 * answerToRegions({ sentiment: 'positive', confidence: 0.8 }, controls, task.data);
 * // { ok: true, regions: [...], score: 0.8 }
 */
export function answerToRegions(
  answer: unknown,
  controls: readonly Control[],
  data: Record<string, unknown>,
): { ok: true; regions: Region[]; score: number | undefined } | { ok: false; reason: string } {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
    return { ok: false, reason: 'the answer is not a JSON object' };
  const a = answer as Json;
  const allowed = new Set([...controls.map((c) => c.name), 'confidence']);
  const extra = Object.keys(a).find((k) => !allowed.has(k));
  if (extra) return { ok: false, reason: `unexpected key "${extra}"` };
  const regions: Region[] = [];
  for (const c of controls) {
    const r = controlRegions(c, a[c.name], data);
    if (typeof r === 'string') return { ok: false, reason: `${c.name}: ${r}` };
    regions.push(...r);
  }
  const conf = a.confidence;
  if (conf !== undefined && !(typeof conf === 'number' && conf >= 0 && conf <= 1))
    return { ok: false, reason: 'confidence: expected a number in [0, 1]' };
  return { ok: true, regions, score: conf as number | undefined };
}

function controlRegions(c: Control, v: unknown, data: Record<string, unknown>): Region[] | string {
  const labels = new Set((c.labels ?? []).map((l) => l.value));
  const id = (k: number) => `${c.name.slice(0, 50)}-${k + 1}`;
  if (v === undefined || v === null) return [];
  if (c.type === 'choices') {
    const list = Array.isArray(v) ? v : [v];
    if (list.length === 0) return [];
    const bad = list.find((x) => typeof x !== 'string' || !labels.has(x));
    if (bad !== undefined) return `${JSON.stringify(bad)} is not one of the labels`;
    return [{ id: id(0), control: c.name, type: 'choice', value: { choices: list as string[] } }];
  }
  if (c.type === 'textarea') {
    if (typeof v !== 'string') return 'expected a string';
    return v.trim() ? [{ id: id(0), control: c.name, type: 'text', value: { text: [v] } }] : [];
  }
  if (c.type === 'rating') {
    const max = c.max ?? DEFAULT_RATING_MAX;
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > max)
      return `expected a whole number from 1 to ${max}`;
    return [{ id: id(0), control: c.name, type: 'rating', value: { rating: v as number } }];
  }
  const text = 'field' in c ? data[c.field] : undefined;
  if (typeof text !== 'string') return 'the task has no text for this control';
  if (!Array.isArray(v)) return 'expected a list of {text, label}';
  return locateSpans(c.name, v, labels, text, id);
}

/** Finds each quoted span in the text (the next occurrence not already taken), in code points. */
function locateSpans(
  control: string,
  items: unknown[],
  labels: Set<string>,
  text: string,
  id: (k: number) => string,
): Region[] | string {
  const cps = Array.from(text);
  const taken: [number, number][] = [];
  const out: Region[] = [];
  for (const [k, it] of items.entries()) {
    const o = it as { text?: unknown; label?: unknown };
    if (typeof o?.text !== 'string' || !o.text || typeof o.label !== 'string')
      return `[${k}]: expected {text, label}`;
    if (!labels.has(o.label)) return `[${k}].label: "${o.label}" is not one of the labels`;
    const want = Array.from(o.text);
    let at = -1;
    for (let s = 0; s + want.length <= cps.length && at < 0; s++) {
      const e = s + want.length;
      if (taken.some(([a, b]) => s < b && a < e)) continue;
      if (want.every((ch, j) => cps[s + j] === ch)) at = s;
    }
    if (at < 0) return `[${k}].text: "${o.text.slice(0, 40)}" does not occur in the task text`;
    taken.push([at, at + want.length]);
    out.push({
      id: id(k),
      control,
      type: 'span',
      value: { start: at, end: at + want.length, labels: [o.label], text: o.text },
    });
  }
  return out;
}
