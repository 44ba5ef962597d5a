import { QualityInputError } from './errors.ts';
import type { LabelTriple } from './label-matrix.ts';

/** A parsed CSV: header names, data rows, and the 1-based line each row started on. */
export interface CsvTable {
  readonly header: readonly string[];
  /** 1-based line of the header row. */
  readonly headerLine: number;
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

/** Options for {@link parseCsv}. */
export interface ParseCsvOptions {
  /** Field separator (default ','); use '\t' for TSV. */
  readonly delimiter?: string;
  /** Name used in error messages (e.g. the file name). */
  readonly source?: string;
}

/**
 * Parses RFC 4180 CSV text with a header row: quoted fields (with `""` escapes and embedded
 * newlines), CRLF or LF line ends, a leading BOM. Blank lines are skipped. A row whose field
 * count differs from the header, or an unterminated quote, is an error naming the line.
 *
 * @example
 * ```ts
 * const t = parseCsv('question,worker,answer\nq1,w1,"a, b"\n');
 * t.header; // ['question', 'worker', 'answer']
 * t.rows[0]; // ['q1', 'w1', 'a, b']
 * t.lines[0]; // 2
 * ```
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvTable {
  const source = options.source ?? 'CSV';
  const records = splitRecords(
    text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    options.delimiter ?? ',',
    source,
  );
  const first = records[0];
  if (!first)
    throw new QualityInputError('empty_input', `${source}: no header row (the input is empty)`);
  const header = first.fields.map((h) => h.trim());
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.fields.length !== header.length) {
      throw new QualityInputError(
        'bad_csv',
        `${source} line ${rec.line}: expected ${header.length} fields (${header.join(',')}), found ${rec.fields.length}`,
      );
    }
    rows.push(rec.fields);
    lines.push(rec.line);
  }
  return { header, headerLine: first.line, rows, lines };
}

interface CsvRecord {
  fields: string[];
  line: number;
}

function splitRecords(text: string, delimiter: string, source: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let startLine = 1;
  let quoted = false;
  let i = 0;
  const end = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: startLine });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      end();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      startLine = line;
    } else field += ch;
    i++;
  }
  if (quoted)
    throw new QualityInputError(
      'bad_csv',
      `${source} line ${startLine}: unterminated quoted field`,
    );
  if (field !== '' || fields.length > 0) end();
  return records;
}

/**
 * Checks that the header has exactly the `required` columns (any order, plus any `optional`
 * ones) and returns each column's position. Missing and unknown columns are named.
 *
 * @example
 * ```ts
 * const col = requireColumns(table, ['question', 'truth'], [], 'truth.csv');
 * table.rows[0][col.truth];
 * ```
 */
export function requireColumns<const R extends string>(
  table: CsvTable,
  required: readonly R[],
  optional: readonly string[] = [],
  source = 'CSV',
): Record<R, number> {
  const missing = required.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    throw new QualityInputError(
      'missing_column',
      `${source} line ${table.headerLine}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} (header is: ${table.header.join(',')}; expected ${required.join(',')})`,
    );
  }
  const known = new Set<string>([...required, ...optional]);
  const unknown = table.header.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new QualityInputError(
      'unknown_column',
      `${source} line ${table.headerLine}: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} (expected ${required.join(',')})`,
    );
  }
  const dup = table.header.find((c, i) => table.header.indexOf(c) !== i);
  if (dup !== undefined)
    throw new QualityInputError(
      'bad_csv',
      `${source} line ${table.headerLine}: column "${dup}" appears twice`,
    );
  const out = {} as Record<R, number>;
  for (const c of required) out[c] = table.header.indexOf(c);
  return out;
}

/**
 * Reads a non-empty (trimmed) cell, or throws naming line and column.
 *
 * @example
 * ```ts
 * const q = cell(table, r, col.question, 'question', 'answers.csv');
 * ```
 */
export function cell(
  table: CsvTable,
  row: number,
  index: number,
  column: string,
  source = 'CSV',
): string {
  const value = (table.rows[row]![index] ?? '').trim();
  if (value === '') {
    throw new QualityInputError(
      'bad_value',
      `${source} line ${table.lines[row]}: empty value in column "${column}"`,
    );
  }
  return value;
}

/**
 * Parses crowd answers: CSV with header `question,worker,answer` (any column order, no other
 * columns). Every value must be non-empty.
 *
 * @example
 * ```ts
 * const triples = parseAnswersCsv('question,worker,answer\nq1,w1,0\n');
 * const named = buildLabelMatrix(triples);
 * ```
 */
export function parseAnswersCsv(text: string, source = 'answers'): LabelTriple[] {
  const table = parseCsv(text, { source });
  const col = requireColumns(table, ['question', 'worker', 'answer'], [], source);
  if (table.rows.length === 0)
    throw new QualityInputError('empty_input', `${source}: no answers after the header`);
  const out: LabelTriple[] = new Array(table.rows.length);
  for (let r = 0; r < table.rows.length; r++) {
    out[r] = {
      question: cell(table, r, col.question, 'question', source),
      worker: cell(table, r, col.worker, 'worker', source),
      answer: cell(table, r, col.answer, 'answer', source),
    };
  }
  return out;
}

/**
 * Parses gold labels: CSV with header `question,truth`. A question listed twice with
 * different truths is an error naming both lines.
 *
 * @example
 * ```ts
 * parseTruthCsv('question,truth\nq1,1\n').get('q1'); // '1'
 * ```
 */
export function parseTruthCsv(text: string, source = 'truth'): Map<string, string> {
  const table = parseCsv(text, { source });
  const col = requireColumns(table, ['question', 'truth'], [], source);
  const out = new Map<string, string>();
  const firstLine = new Map<string, number>();
  for (let r = 0; r < table.rows.length; r++) {
    const q = cell(table, r, col.question, 'question', source);
    const t = cell(table, r, col.truth, 'truth', source);
    const prev = out.get(q);
    if (prev !== undefined && prev !== t) {
      throw new QualityInputError(
        'bad_value',
        `${source} line ${table.lines[r]}: question "${q}" has truth "${t}" but line ${firstLine.get(q)} says "${prev}"`,
      );
    }
    out.set(q, t);
    firstLine.set(q, table.lines[r]!);
  }
  return out;
}
