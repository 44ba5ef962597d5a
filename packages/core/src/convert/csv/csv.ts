import { Task as TaskSchema, formatIssues, zodIssuesToIssues } from '../../format/index.ts';
import type { Control, FieldType, LabelingSchema, Region, Task } from '../../format/index.ts';
import { ConvertError } from '../errors.ts';
import type { Where } from '../errors.ts';
import { flatColumns, isListControl, controlValue, valueRegions } from '../flat/flat-values.ts';
import { canonicalInt } from '../json-utils.ts';
import { pickRegions } from '../pick-regions.ts';
import type { PickOptions } from '../pick-regions.ts';
import { csvLine, guardCell, parseCsvRecords, unguardCell } from './csv-text.ts';

/**
 * CSV: one row per task. Columns: the task id, each schema field, each control (see
 * flat-values.ts for the value of a control). In a cell, a list of choices or a ranking is
 * joined with `|` (JSON when an item contains `|` or the cell would start with `[`), one
 * text entry is written as is (several as JSON), regions of spans, boxes and other region
 * controls as a JSON list; data fields of type number are numbers, json/dialogue/responses
 * JSON. An empty cell is "no value". Every cell is guarded against formula injection
 * (`guardCell`) and unguarded on import.
 */

/** Options of the CSV export: list separator inside a cell, cell delimiter, annotation. */
export type CsvExportOptions = PickOptions & { separator?: string; delimiter?: ',' | '\t' | ';' };

/** Options of `csvToTasks`. */
export type CsvImportOptions = {
  separator?: string;
  delimiter?: ',' | '\t' | ';';
  source?: string;
};

const JSON_FIELDS: readonly FieldType[] = ['json', 'dialogue', 'responses'];

function listCell(items: readonly string[], sep: string): string {
  const joined = items.join(sep);
  return items.some((i) => i.includes(sep)) || joined.startsWith('[') || items.length === 0
    ? JSON.stringify(items)
    : joined;
}

function controlCell(c: Control, v: unknown, sep: string): string {
  if (v === undefined) return '';
  if (isListControl(c)) return JSON.stringify(v);
  if (c.type === 'choices' && !c.multiple) return String(v);
  if (c.type === 'rating') return String(v);
  if (c.type === 'pairwise') return String(v);
  const items = v as string[];
  if (c.type === 'textarea')
    return items.length === 1 && items[0] !== '' && !items[0]?.startsWith('[')
      ? (items[0] ?? '')
      : JSON.stringify(items);
  return listCell(items, sep);
}

function dataCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/**
 * The header line for a schema.
 *
 * @example
 * csvHeader(buildSchema()); // 'id,text,sentiment,entities,rel\r\n'
 */
export function csvHeader(schema: LabelingSchema, options: CsvExportOptions = {}): string {
  const cols = flatColumns(schema);
  return csvLine(
    [cols.id, ...cols.fields, ...cols.controls.map(([n]) => n)].map(guardCell),
    options.delimiter,
  );
}

/**
 * One task as a CSV line (write `csvHeader` first), so an export streams task by task.
 *
 * @example
 * taskToCsvRow({ id: 1, data: { text: '=1+1' }, annotations: [...] }, schema); // "1,'=1+1,positive,...\r\n"
 */
export function taskToCsvRow(
  task: Task,
  schema: LabelingSchema,
  options: CsvExportOptions = {},
): string {
  const sep = options.separator ?? '|';
  const where: Where = { source: 'CSV', ...(task.id === undefined ? {} : { task: task.id }) };
  const cols = flatColumns(schema);
  const regions = pickRegions(task, options);
  const cells = [
    task.id === undefined ? '' : String(task.id),
    ...cols.fields.map((f) => dataCell(task.data[f])),
  ];
  for (const [, c] of cols.controls)
    cells.push(
      controlCell(
        c,
        controlValue(
          c,
          regions.filter((r) => r.control === c.name),
          options,
          where,
        ),
        sep,
      ),
    );
  return csvLine(cells.map(guardCell), options.delimiter);
}

/**
 * A whole CSV text (header and rows).
 *
 * @example
 * tasksToCsv(tasks, schema);
 */
export function tasksToCsv(
  tasks: Iterable<Task>,
  schema: LabelingSchema,
  options: CsvExportOptions = {},
): string {
  let out = csvHeader(schema, options);
  for (const t of tasks) out += taskToCsvRow(t, schema, options);
  return out;
}

function parseJson(cell: string, where: Where, what: string): unknown {
  try {
    return JSON.parse(cell) as unknown;
  } catch {
    throw new ConvertError(where, `${what}: not valid JSON`);
  }
}

function cellValue(c: Control, cell: string, sep: string, where: Where): unknown {
  if (cell === '') return undefined;
  if (isListControl(c)) return parseJson(cell, where, c.name);
  if (c.type === 'rating') {
    const n = Number(cell);
    if (!Number.isFinite(n)) throw new ConvertError(where, `${c.name}: "${cell}" is not a number`);
    return n;
  }
  if ((c.type === 'choices' && !c.multiple) || c.type === 'pairwise') return cell;
  if (cell.startsWith('[')) return parseJson(cell, where, c.name);
  return c.type === 'textarea' ? [cell] : cell.split(sep);
}

function fieldValue(
  type: FieldType | undefined,
  cell: string,
  where: Where,
  name: string,
): unknown {
  if (type === 'number') {
    const n = Number(cell);
    if (!Number.isFinite(n)) throw new ConvertError(where, `${name}: "${cell}" is not a number`);
    return n;
  }
  return type && JSON_FIELDS.includes(type) ? parseJson(cell, where, name) : cell;
}

function rowTask(
  cells: Map<string, string>,
  schema: LabelingSchema,
  sep: string,
  where: Where,
): Task {
  const cols = flatColumns(schema);
  const data: Record<string, unknown> = {};
  for (const f of schema.fields) {
    const cell = cells.get(f.name) ?? '';
    if (cell !== '') data[f.name] = fieldValue(f.type, cell, where, f.name);
  }
  const regions: Region[] = [];
  for (const [col, c] of cols.controls)
    regions.push(...valueRegions(c, cellValue(c, cells.get(col) ?? '', sep, where), where));
  const task: Task = { data, annotations: [{ regions }] };
  const id = cells.get(cols.id) ?? '';
  if (id !== '') task.id = canonicalInt(id) ?? id;
  const parsed = TaskSchema.safeParse(task);
  if (!parsed.success)
    throw new ConvertError(
      where,
      formatIssues(zodIssuesToIssues(parsed.error)).replace(/\n/g, '; '),
    );
  return parsed.data;
}

/**
 * Reads CSV written by `tasksToCsv` (or by hand, with the same columns; unknown columns are
 * ignored) into tasks with one annotation each. Errors name the line and column.
 *
 * @example
 * csvToTasks('id,text,sentiment\r\n1,hello,positive\r\n', schema)[0];
 * // { id: 1, data: { text: 'hello' }, annotations: [{ regions: [{ id: 'sentiment', ... }] }] }
 */
export function csvToTasks(
  text: string,
  schema: LabelingSchema,
  options: CsvImportOptions = {},
): Task[] {
  const source = options.source ?? 'CSV';
  const [head, ...rows] = parseCsvRecords(text, source, options.delimiter);
  if (!head) throw new ConvertError({ source }, 'no header row');
  const header = head.cells.map((h) => unguardCell(h).trim());
  return rows.map((r) => {
    if (r.cells.length !== header.length) {
      throw new ConvertError(
        { source, line: r.line },
        `expected ${header.length} cells (${header.join(',')}), found ${r.cells.length}`,
      );
    }
    const cells = new Map(header.map((h, i) => [h, unguardCell(r.cells[i] ?? '')]));
    return rowTask(cells, schema, options.separator ?? '|', { source, line: r.line });
  });
}
