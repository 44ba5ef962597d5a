import { ConvertError } from '../errors.ts';

/**
 * The `data.yaml` of an Ultralytics YOLO dataset, in the fixed shape Tessera needs: top-level
 * `key: value` scalars (`path`, `train`, `val`, `test`, `nc`, ...) and `names`, as a block
 * mapping (`0: person`), a block list (`- person`), or a flow list or mapping. Other keys'
 * nested blocks (e.g. a `download: |` script) are skipped. No YAML library: this is not a
 * general YAML reader, and it says so when it meets something else.
 */

/**
 * A parsed `data.yaml`: class names by index, and the other top-level scalars as strings.
 *
 * @example
 * const d: YoloData = { names: ['person', 'car'], fields: { train: 'images/train' } };
 */
export type YoloData = { names: string[]; fields: Record<string, string> };

const RESERVED = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;

function scalarOut(s: string): string {
  const plain =
    /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9 _.\-/\u00C0-\uFFFF]*$/.test(s) &&
    !s.endsWith(' ') &&
    !RESERVED.test(s);
  return plain ? s : JSON.stringify(s);
}

/**
 * Writes a `data.yaml` with `names` as an index mapping (Ultralytics' own style) and `nc`.
 *
 * @example
 * writeYoloDataYaml(['person', 'traffic light'], { train: 'images/train', val: 'images/val' });
 * // 'train: images/train\nval: images/val\nnc: 2\nnames:\n  0: person\n  1: traffic light\n'
 */
export function writeYoloDataYaml(
  names: readonly string[],
  fields: Record<string, string> = {},
): string {
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${scalarOut(v)}`);
  lines.push(`nc: ${names.length}`, 'names:', ...names.map((n, i) => `  ${i}: ${scalarOut(n)}`));
  return lines.join('\n') + '\n';
}

function fail(line: number, what: string): never {
  throw new ConvertError({ source: 'data.yaml', line }, what);
}

/** Strips a comment that is not inside quotes. */
function stripComment(s: string): string {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1] ?? ''))) return s.slice(0, i);
  }
  return s;
}

function scalarIn(raw: string, line: number): string {
  const s = raw.trim();
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) fail(line, `unterminated string ${s}`);
    try {
      return JSON.parse(s) as string;
    } catch {
      fail(line, `cannot read the string ${s}`);
    }
  }
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) fail(line, `unterminated string ${s}`);
    return s.slice(1, -1).replace(/''/g, "'");
  }
  return s;
}

/** Splits a flow collection's items at top-level commas. */
function flowItems(body: string, line: number): string[] {
  const items: string[] = [];
  let quote = '';
  let cur = '';
  for (const c of body) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      items.push(cur);
      cur = '';
      continue;
    } else if (c === '[' || c === '{') fail(line, 'nested collections are not supported in names');
    cur += c;
  }
  if (quote) fail(line, 'unterminated string in names');
  if (cur.trim()) items.push(cur);
  return items;
}

function keyValue(item: string, line: number): [number, string] {
  const m = /^\s*(\d+)\s*:\s*(.*)$/.exec(item);
  if (!m) fail(line, `expected "index: name", got ${JSON.stringify(item.trim())}`);
  return [Number(m[1]), scalarIn(m[2] ?? '', line)];
}

function namesFromEntries(entries: [number, string][], line: number): string[] {
  const names: string[] = [];
  for (const [i, name] of entries) {
    if (names[i] !== undefined) fail(line, `class ${i} is named twice`);
    names[i] = name;
  }
  for (let i = 0; i < names.length; i++)
    if (names[i] === undefined)
      fail(line, `class ${i} has no name (indexes must run 0, 1, 2, ...)`);
  return names;
}

function flowNames(value: string, line: number): string[] {
  if (value.startsWith('[')) {
    if (!value.endsWith(']')) fail(line, 'a flow list must end with "]" on the same line');
    return flowItems(value.slice(1, -1), line).map((s) => scalarIn(s, line));
  }
  if (!value.endsWith('}')) fail(line, 'a flow mapping must end with "}" on the same line');
  return namesFromEntries(
    flowItems(value.slice(1, -1), line).map((s) => keyValue(s, line)),
    line,
  );
}

/**
 * Reads a `data.yaml`. Throws a `ConvertError` with the line for anything outside the
 * supported shape, and when `names` is missing or its indexes have gaps.
 *
 * @example
 * parseYoloDataYaml('nc: 2\nnames: [person, car]\n'); // { names: ['person', 'car'], fields: { nc: '2' } }
 */
export function parseYoloDataYaml(text: string): YoloData {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fields: Record<string, string> = {};
  let names: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = stripComment(lines[i] ?? '');
    if (!raw.trim() || /^\s/.test(raw) || raw.trim() === '---') continue; // nested blocks of other keys
    const m = /^([A-Za-z_][\w.-]*)\s*:(?:\s+(.*))?$/.exec(raw.trimEnd());
    if (!m?.[1]) fail(i + 1, `expected "key: value", got ${JSON.stringify(raw.trim())}`);
    const key = m[1];
    const value = (m[2] ?? '').trim();
    if (key !== 'names') {
      if (value && !/^[|>]/.test(value)) fields[key] = scalarIn(value, i + 1);
      continue;
    }
    if (value) {
      names = flowNames(value, i + 1);
      continue;
    }
    const at = i + 1; // block errors name the `names:` line
    const block: string[] = [];
    while (
      i + 1 < lines.length &&
      (/^\s+\S/.test(stripComment(lines[i + 1] ?? '')) || !stripComment(lines[i + 1] ?? '').trim())
    ) {
      i++;
      const item = stripComment(lines[i] ?? '').trim();
      if (item) block.push(item);
    }
    if (block.every((b) => b.startsWith('- ') || b === '-'))
      names = block.map((b) => scalarIn(b.slice(1), at));
    else
      names = namesFromEntries(
        block.map((b) => keyValue(b, at)),
        at,
      );
  }
  if (!names) fail(lines.length, 'names is missing');
  if (fields.nc !== undefined && Number(fields.nc) !== names.length)
    fail(1, `nc is ${fields.nc} but names lists ${names.length} classes`);
  return { names, fields };
}
