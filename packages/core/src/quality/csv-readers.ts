import { cell, parseCsv, requireColumns } from './csv.ts';
import { QualityInputError } from './errors.ts';
import type { PredProbs } from './label-errors/confident-learning.ts';

/** One rating for agreement: which item, which annotator, which value (as text). */
export interface RatingRow {
  readonly item: string;
  readonly annotator: string;
  readonly value: string;
  readonly line: number;
}

/**
 * Parses agreement input: CSV with header `item,annotator,value` (no other columns).
 *
 * @example
 * ```ts
 * parseRatingsCsv('item,annotator,value\nt1,ann,3\n')[0]; // { item: 't1', annotator: 'ann', value: '3', line: 2 }
 * ```
 */
export function parseRatingsCsv(text: string, source = 'ratings'): RatingRow[] {
  const table = parseCsv(text, { source });
  const col = requireColumns(table, ['item', 'annotator', 'value'], [], source);
  if (table.rows.length === 0)
    throw new QualityInputError('empty_input', `${source}: no ratings after the header`);
  return table.rows.map((_, r) => ({
    item: cell(table, r, col.item, 'item', source),
    annotator: cell(table, r, col.annotator, 'annotator', source),
    value: cell(table, r, col.value, 'value', source),
    line: table.lines[r]!,
  }));
}

/** Ratings arranged as reliability data: `data[annotator][unit]`, null where not rated. */
export interface ReliabilityData {
  readonly units: readonly string[];
  readonly annotators: readonly string[];
  readonly data: (string | null)[][];
}

/**
 * Arranges rating rows as annotators × units (the input of Krippendorff's alpha and, per
 * pair of annotators, of Cohen's kappa). An annotator rating the same item twice is an
 * error naming both lines.
 *
 * @example
 * ```ts
 * const { data } = reliabilityData(parseRatingsCsv(text));
 * krippendorffAlpha(data, { level: 'ordinal' });
 * ```
 */
export function reliabilityData(rows: readonly RatingRow[], source = 'ratings'): ReliabilityData {
  const unitIndex = new Map<string, number>();
  const annotatorIndex = new Map<string, number>();
  for (const r of rows) {
    if (!unitIndex.has(r.item)) unitIndex.set(r.item, unitIndex.size);
    if (!annotatorIndex.has(r.annotator)) annotatorIndex.set(r.annotator, annotatorIndex.size);
  }
  const data = [...annotatorIndex.keys()].map(() =>
    new Array<string | null>(unitIndex.size).fill(null),
  );
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.annotator}\u0000${r.item}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new QualityInputError(
        'bad_value',
        `${source} line ${r.line}: annotator "${r.annotator}" already rated item "${r.item}" on line ${first}`,
      );
    }
    seen.set(key, r.line);
    data[annotatorIndex.get(r.annotator)!]![unitIndex.get(r.item)!] = r.value;
  }
  return { units: [...unitIndex.keys()], annotators: [...annotatorIndex.keys()], data };
}

/**
 * Parses given labels: either one integer per line, or CSV with a `label` column (other
 * columns ignored, so a predictions file that also holds the labels can be reused).
 *
 * @example
 * ```ts
 * parseLabelsText('3\n0\n'); // Int32Array [3, 0]
 * parseLabelsText('index,label\n0,7\n'); // Int32Array [7]
 * ```
 */
export function parseLabelsText(text: string, source = 'labels'): Int32Array {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes(',') || /[a-z]/i.test(firstLine)) {
    const table = parseCsv(text, { source });
    const at = table.header.indexOf('label');
    if (at < 0)
      throw new QualityInputError(
        'missing_column',
        `${source} line ${table.headerLine}: no "label" column (header is: ${table.header.join(',')})`,
      );
    return Int32Array.from(table.rows, (_, r) =>
      toLabel(cell(table, r, at, 'label', source), `${source} line ${table.lines[r]}`),
    );
  }
  const out: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() !== '') out.push(toLabel(line.trim(), `${source} line ${i + 1}`));
  });
  if (out.length === 0) throw new QualityInputError('empty_input', `${source}: no labels`);
  return Int32Array.from(out);
}

function toLabel(s: string, where: string): number {
  const v = Number(s);
  if (!Number.isInteger(v) || v < 0)
    throw new QualityInputError(
      'bad_value',
      `${where}: label "${s}" is not a non-negative integer class index`,
    );
  return v;
}

/**
 * Parses predicted probabilities: CSV, one row per example. With a header, the columns named
 * `p0, p1, …` are used if present, otherwise every column except `index`, `id` and `label`;
 * without a header (first row numeric), every column. Values must be numbers in [0, 1].
 *
 * @example
 * ```ts
 * parseProbsCsv('p0,p1\n0.9,0.1\n'); // { n: 1, nClasses: 2, probs: Float64Array [0.9, 0.1] }
 * ```
 */
export function parseProbsCsv(text: string, source = 'probs'): PredProbs {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const hasHeader = firstLine
    .split(',')
    .some((f) => f.trim() !== '' && !Number.isFinite(Number(f)));
  const table = parseCsv(
    hasHeader
      ? body
      : `${firstLine
          .split(',')
          .map((_, j) => `p${j}`)
          .join(',')}\n${body}`,
    { source },
  );
  const pCols = table.header.map((h, j) => [h, j] as const).filter(([h]) => /^p\d+$/.test(h));
  const cols =
    pCols.length > 0
      ? pCols.sort((a, b) => Number(a[0].slice(1)) - Number(b[0].slice(1))).map(([, j]) => j)
      : table.header
          .map((h, j) => [h, j] as const)
          .filter(([h]) => !['index', 'id', 'label'].includes(h))
          .map(([, j]) => j);
  const k = cols.length;
  if (k < 2)
    throw new QualityInputError(
      'bad_shape',
      `${source}: need at least 2 probability columns, found ${k}`,
    );
  const probs = new Float64Array(table.rows.length * k);
  table.rows.forEach((row, r) => {
    const where = `${source} line ${hasHeader ? table.lines[r] : table.lines[r]! - 1}`;
    cols.forEach((j, c) => {
      const s = (row[j] ?? '').trim();
      const v = Number(s);
      if (s === '' || !(v >= 0 && v <= 1)) {
        throw new QualityInputError(
          'bad_value',
          `${where}, column "${table.header[j]}": "${s}" is not a probability in [0, 1]`,
        );
      }
      probs[r * k + c] = v;
    });
  });
  if (table.rows.length === 0)
    throw new QualityInputError('empty_input', `${source}: no rows of probabilities`);
  return { n: table.rows.length, nClasses: k, probs };
}
