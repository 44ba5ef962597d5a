/**
 * PII scanning at scale on top of core's `detectPii`: long texts are scanned in overlapping
 * windows (core resolves overlaps pairwise, so one call on megabytes of text would be
 * quadratic, and each call has a fixed cost, so many short lines are batched), and task data
 * is walked field by field with a path for every string.
 */

import {
  applyOperators,
  codePointLength,
  detectPii,
  maskValue,
  type DetectPiiOptions,
  type PiiFinding,
  type RedactionPolicy,
} from '@tessera/core/compliance';
import type { LabelingSchema } from '@tessera/core/format';

/**
 * Own part of a window, in UTF-16 units; about where per-call cost stops mattering.
 * @example batch lines until their length reaches WINDOW, then scan them together
 */
export const WINDOW = 4096;
/**
 * Context scanned on each side of a window's own part: longer than any entity or context.
 * @example a finding starting in the margin belongs to the neighbouring window
 */
export const MARGIN = 256;

/**
 * Field types whose values hold free text to scan (media fields are references).
 * @example TEXT_FIELD_TYPES.includes('dialogue') // true
 */
export const TEXT_FIELD_TYPES = ['text', 'html', 'dialogue', 'responses', 'json'] as const;

/** A finding in a string of task data or a JSONL record. */
export interface PathFinding extends PiiFinding {
  /** e.g. `text`, `dialogue[2].content`. */
  path: string;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
/** Moves a cut so it never splits a surrogate pair. */
const safeCut = (t: string, i: number) =>
  i > 0 && i < t.length && isHigh(t.charCodeAt(i - 1)) ? i - 1 : i;

/** Keeps one of two overlapping findings from neighbouring windows: higher score, then longer. */
function pushResolved(out: PiiFinding[], f: PiiFinding): void {
  const last = out[out.length - 1];
  if (!last || f.start >= last.end) out.push(f);
  else if (
    f.score > last.score ||
    (f.score === last.score && f.end - f.start > last.end - last.start)
  )
    out[out.length - 1] = f;
}

/**
 * `detectPii` for texts of any length: the same findings (code-point offsets into `text`),
 * computed in windows of {@link WINDOW} units with {@link MARGIN} units of context on each
 * side, so time is linear in the length.
 * @example scanText(longText, { entities: ['CN_MOBILE'] })
 */
export function scanText(text: string, opts: DetectPiiOptions = {}): PiiFinding[] {
  if (text.length <= WINDOW + 2 * MARGIN) return detectPii(text, opts);
  const out: PiiFinding[] = [];
  let own = 0;
  let ownCp = 0;
  while (own < text.length) {
    const ownEnd = safeCut(text, Math.min(text.length, own + WINDOW));
    const lead = safeCut(text, Math.max(0, own - MARGIN));
    const tail = safeCut(text, Math.min(text.length, ownEnd + MARGIN));
    const leadCp = codePointLength(text.slice(lead, own));
    const ownLenCp = codePointLength(text.slice(own, ownEnd));
    for (const f of detectPii(text.slice(lead, tail), opts)) {
      const s = f.start - leadCp;
      // A finding starting in the margins belongs to the neighbouring window.
      if (s < 0 || s >= ownLenCp) continue;
      pushResolved(out, {
        entity: f.entity,
        start: s + ownCp,
        end: f.end - leadCp + ownCp,
        text: f.text,
        score: f.score,
        context: f.context,
      });
    }
    ownCp += ownLenCp;
    own = ownEnd;
  }
  return out;
}

const SURROGATE = /[\ud800-\udfff]/;

/** A finding in a line of a text file; offsets are code points within the line. */
export interface LineFinding extends PiiFinding {
  line: number;
}

/**
 * Scans consecutive lines of one text file as one text (joined by line breaks, as in the
 * file), so short lines share a call; findings come back per line.
 * @example scanLines([{ line: 1, text: '电话13812345678' }, { line: 2, text: '' }])[0].line // 1
 */
export function scanLines(
  lines: readonly { line: number; text: string }[],
  opts: DetectPiiOptions = {},
): LineFinding[] {
  const text = lines.map((l) => l.text).join('\n');
  // Without surrogate pairs code points are UTF-16 units: skip counting them line by line
  // (that counting was a sixth of a batched scan).
  const cpLength = SURROGATE.test(text) ? codePointLength : (t: string) => t.length;
  const starts: number[] = [];
  let cp = 0;
  for (const l of lines) {
    starts.push(cp);
    cp += cpLength(l.text) + 1;
  }
  const out: LineFinding[] = [];
  let i = 0;
  for (const f of scanText(text, opts)) {
    while (i + 1 < starts.length && starts[i + 1]! <= f.start) i++;
    const base = starts[i]!;
    const len = cpLength(lines[i]!.text);
    // An explicit literal: `{ ...f, start, end }` (a spread then overriding its keys) took a
    // slow path in V8 and cost a third of a batched scan.
    out.push({
      entity: f.entity,
      start: f.start - base,
      end: Math.min(len, f.end - base),
      text: f.text,
      score: f.score,
      context: f.context,
      line: lines[i]!.line,
    });
  }
  return out;
}

/**
 * Calls `fn` on every string inside `value` with its path, and returns a copy where each string
 * is replaced by what `fn` returned (or kept when it returned undefined).
 * @example mapStrings({ a: ['x'] }, 'data', (p, s) => s.toUpperCase()) // { a: ['X'] }
 */
export function mapStrings(
  value: unknown,
  path: string,
  fn: (path: string, s: string) => string | undefined,
  depth = 0,
): unknown {
  if (typeof value === 'string') return fn(path, value) ?? value;
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  if (Array.isArray(value))
    return value.map((v, i) => mapStrings(v, `${path}[${i}]`, fn, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = mapStrings(v, path ? `${path}.${k}` : k, fn, depth + 1);
  return out;
}

/**
 * The data fields of a schema that hold text.
 * @example textFields(buildSchema()) // ['text']
 */
export function textFields(schema: LabelingSchema): string[] {
  const kinds = new Set<string>(TEXT_FIELD_TYPES);
  return schema.fields.filter((f) => kinds.has(f.type)).map((f) => f.name);
}

/**
 * Scans the text fields of one task's data (or every string of a record when `fields` is
 * undefined); findings carry the path of their string.
 * @example scanData({ text: '邮箱 a@b.cn' }, ['text'])[0] // { path: 'text', entity: 'EMAIL', ... }
 */
export function scanData(
  data: unknown,
  fields: readonly string[] | undefined,
  opts: DetectPiiOptions = {},
): PathFinding[] {
  const out: PathFinding[] = [];
  const visit = (path: string, s: string) => {
    for (const f of scanText(s, opts)) out.push({ ...f, path });
    return undefined;
  };
  if (fields === undefined) mapStrings(data, '', visit);
  else if (data && typeof data === 'object')
    for (const name of fields) mapStrings((data as Record<string, unknown>)[name], name, visit);
  return out;
}

/**
 * Entities a policy acts on, for detection (`undefined` = all, when '*' is set).
 * @example policyEntities({ EMAIL: { type: 'redact' } }) // ['EMAIL']
 */
export function policyEntities(policy: RedactionPolicy): string[] | undefined {
  return '*' in policy ? undefined : Object.keys(policy);
}

/**
 * Applies a redaction policy to every string under `value` (or only the named fields).
 * Returns the copy and how many values of each entity were replaced.
 * @example redactData({ text: '手机13812345678' }, ['text'], { CN_MOBILE: { type: 'mask', head: 3, tail: 4 } }, key)
 * // { data: { text: '手机138****5678' }, counts: { CN_MOBILE: 1 } }
 */
export function redactData(
  value: unknown,
  fields: readonly string[] | undefined,
  policy: RedactionPolicy,
  key: Uint8Array | string,
  opts: Omit<DetectPiiOptions, 'entities'> = {},
): { data: unknown; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const entities = policyEntities(policy);
  if (entities?.length === 0) return { data: value, counts };
  const redact = (_path: string, s: string) => {
    const found = scanText(s, { ...opts, ...(entities ? { entities } : {}) });
    if (found.length === 0) return undefined;
    for (const f of found) counts[f.entity] = (counts[f.entity] ?? 0) + 1;
    return applyOperators(s, found, policy, key).text;
  };
  if (fields === undefined) return { data: mapStrings(value, '', redact), counts };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { data: value, counts };
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const name of fields) if (name in copy) copy[name] = mapStrings(copy[name], name, redact);
  return { data: copy, counts };
}

/**
 * A JSONL line as a record: the parsed object or array, null for a blank line, or a message
 * saying why the line is not a record.
 * @example parseRecordLine('{"text":"a"}', 3) // { text: 'a' }
 */
export function parseRecordLine(
  text: string,
  line: number,
): Record<string, unknown> | unknown[] | null | string {
  if (text.trim() === '') return null;
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object') return v as Record<string, unknown>;
  } catch (err) {
    return `line ${line} is not valid JSON: ${(err as Error).message}`;
  }
  return `line ${line} is not a JSON object or array`;
}

/**
 * The part of a record that is scanned: `data` for interchange-format records (so `meta`,
 * ids and annotations are left alone), otherwise the whole record.
 * @example scannedPart({ id: 1, data: { text: 'x' } }) // { text: 'x' }
 */
export function scannedPart(rec: Record<string, unknown> | unknown[]): unknown {
  return !Array.isArray(rec) && rec.data && typeof rec.data === 'object' ? rec.data : rec;
}

/**
 * What is shown of a finding instead of the value: its first and last two characters when it
 * is longer than six, otherwise nothing but its layout.
 * @example maskedPreview('13812345678') // '13*******78'
 */
export function maskedPreview(text: string): string {
  const n = Array.from(text).length;
  return maskValue(text, n > 6 ? 2 : 0, n > 6 ? 2 : 0);
}
