import {
  codePointSlice,
  ExternalId,
  Task as TaskSchema,
  formatIssues,
  zodIssuesToIssues,
} from '../../format/index.ts';
import type { LabelingSchema, Region, Task } from '../../format/index.ts';
import { tagsToSpans } from '../conll/bio.ts';
import type { BioScheme } from '../conll/bio.ts';
import { taskToTaggedSentences } from '../conll/conll.ts';
import type { BioExportOptions } from '../conll/conll.ts';
import { detokenizeWithOffsets } from '../conll/tokenize.ts';
import { ConvertError, reportLoss } from '../errors.ts';
import type { Where } from '../errors.ts';
import { controlValue, flatColumns, valueRegions } from '../flat/flat-values.ts';
import { isRecord } from '../json-utils.ts';
import { pickRegions } from '../pick-regions.ts';
import type { PickOptions } from '../pick-regions.ts';

/**
 * Hugging Face datasets-style rows (one JSON object per line): text classification
 * (`{ text, label }` with a ClassLabel name list, `labels` for multi-label), token
 * classification (`{ tokens, ner_tags }` with a tag name list such as
 * `["O", "B-PER", "I-PER", ...]`), and a generic flat row (`{ id, ...data, <control>: value }`,
 * see flat-values.ts).
 */

function checked(task: Task, where: Where): Task {
  const parsed = TaskSchema.safeParse(task);
  if (!parsed.success)
    throw new ConvertError(
      where,
      formatIssues(zodIssuesToIssues(parsed.error)).replace(/\n/g, '; '),
    );
  return parsed.data;
}

function withId<T extends Record<string, unknown>>(row: T, task: Task): T {
  return task.id === undefined ? row : { id: task.id, ...row };
}

/** Options of the classification rows: the choices control, its label names, the text field. */
export type HfClassificationOptions = PickOptions & {
  control: string;
  names: readonly string[];
  field?: string;
  multiple?: boolean;
};

/**
 * A text-classification row: `label` is the index of the chosen name (-1, as in Hugging Face
 * test splits, when there is no choice); with `multiple`, `labels` lists indexes.
 *
 * @example
 * taskToHfClassification(task, { control: 'sentiment', names: ['neg', 'pos'] }); // { text: 'I liked it', label: 1 }
 */
export function taskToHfClassification(
  task: Task,
  options: HfClassificationOptions,
): Record<string, unknown> {
  const where: Where = {
    source: 'Hugging Face',
    ...(task.id === undefined ? {} : { task: task.id }),
  };
  const text = task.data[options.field ?? 'text'];
  if (typeof text !== 'string')
    throw new ConvertError(where, `data.${options.field ?? 'text'} must be a string`);
  const regions = pickRegions(task, options).filter((r) => r.control === options.control);
  const choices = regions[0]?.type === 'choice' ? regions[0].value.choices : [];
  if (regions[0] && (regions[0].id !== options.control || regions[0].score !== undefined))
    reportLoss(
      options,
      { ...where, id: regions[0].id },
      'a class label keeps no region id or score',
    );
  const indexes = choices
    .map((c) => {
      const i = options.names.indexOf(c);
      if (i < 0) reportLoss(options, where, `label "${c}" is not in names`);
      return i;
    })
    .filter((i) => i >= 0);
  if (options.multiple) return withId({ text, labels: indexes }, task);
  if (indexes.length > 1) reportLoss(options, where, 'one label per row: the first choice is kept');
  return withId({ text, label: indexes[0] ?? -1 }, task);
}

function rowId(row: Record<string, unknown>, where: Where): string | number | undefined {
  if (row.id === undefined) return undefined;
  if (!ExternalId.safeParse(row.id).success)
    throw new ConvertError(where, 'id must be a string or a non-negative integer');
  return row.id as string | number;
}

/**
 * A task from a text-classification row (see `taskToHfClassification`).
 *
 * @example
 * hfClassificationToTask({ text: 'I liked it', label: 1 }, { control: 'sentiment', names: ['neg', 'pos'] });
 */
export function hfClassificationToTask(
  row: unknown,
  options: HfClassificationOptions & { source?: string; line?: number },
): Task {
  const where: Where = {
    source: options.source ?? 'Hugging Face',
    ...(options.line === undefined ? {} : { line: options.line }),
  };
  if (!isRecord(row) || typeof row.text !== 'string')
    throw new ConvertError(where, 'a row needs a text string');
  const raw = options.multiple ? row.labels : [row.label];
  if (!Array.isArray(raw)) throw new ConvertError(where, 'labels must be a list of label indexes');
  const choices = raw
    .filter((i) => i !== -1)
    .map((i) => {
      const name = typeof i === 'number' ? options.names[i] : undefined;
      if (name === undefined)
        throw new ConvertError(
          where,
          `label ${JSON.stringify(i)} is not an index of names (0..${options.names.length - 1})`,
        );
      return name;
    });
  const regions: Region[] = choices.length
    ? [{ id: options.control, control: options.control, type: 'choice', value: { choices } }]
    : [];
  const id = rowId(row, where);
  return checked(
    {
      ...(id === undefined ? {} : { id }),
      data: { [options.field ?? 'text']: row.text },
      annotations: [{ regions }],
    },
    where,
  );
}

/**
 * The tag names of a label set in a scheme, `O` first, as a ClassLabel list.
 *
 * @example
 * hfNerTagNames(['PER', 'LOC']); // ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']
 */
export function hfNerTagNames(labels: readonly string[], scheme: BioScheme = 'BIO'): string[] {
  const prefixes = scheme === 'BIO' ? ['B', 'I'] : ['B', 'I', 'E', 'S'];
  return ['O', ...labels.flatMap((l) => prefixes.map((p) => `${p}-${l}`))];
}

/** Options of the token-classification rows: the tag names and BIO options. */
export type HfTokensOptions = BioExportOptions & { tagNames: readonly string[] };

/**
 * A token-classification row: the task's tokens (all lines, in order) and tag indexes.
 *
 * @example
 * taskToHfTokens(task, { tagNames: hfNerTagNames(['PER']) }); // { tokens: ['Alice', 'runs'], ner_tags: [1, 0] }
 */
export function taskToHfTokens(task: Task, options: HfTokensOptions): Record<string, unknown> {
  const where: Where = {
    source: 'Hugging Face',
    ...(task.id === undefined ? {} : { task: task.id }),
  };
  const o = options.tagNames.indexOf('O');
  if (o < 0) throw new ConvertError(where, 'tagNames must include "O"');
  const sentences = taskToTaggedSentences(task, options);
  if (sentences.length > 1) reportLoss(options, where, 'token rows do not keep line breaks');
  const tokens = sentences.flatMap((s) => s.tokens.map((t) => t.text));
  const tags = sentences
    .flatMap((s) => s.tags)
    .map((t) => {
      const i = options.tagNames.indexOf(t);
      if (i < 0) reportLoss(options, where, `tag "${t}" is not in tagNames; written as O`);
      return i < 0 ? o : i;
    });
  return withId({ tokens, ner_tags: tags }, task);
}

/**
 * A task from a token-classification row: the text is `detokenize(tokens)` and the spans
 * come from the tags (ids "1", "2", ..., with their text).
 *
 * @example
 * hfTokensToTask({ tokens: ['Alice', 'runs'], ner_tags: [1, 0] }, { tagNames: hfNerTagNames(['PER']) });
 */
export function hfTokensToTask(
  row: unknown,
  options: {
    tagNames: readonly string[];
    field?: string;
    control?: string;
    source?: string;
    line?: number;
  },
): Task {
  const where: Where = {
    source: options.source ?? 'Hugging Face',
    ...(options.line === undefined ? {} : { line: options.line }),
  };
  if (
    !isRecord(row) ||
    !Array.isArray(row.tokens) ||
    !row.tokens.every((t) => typeof t === 'string' && t.length > 0)
  ) {
    throw new ConvertError(where, 'tokens must be a list of non-empty strings');
  }
  const tags = row.ner_tags;
  if (!Array.isArray(tags) || tags.length !== row.tokens.length)
    throw new ConvertError(where, 'ner_tags must be a list as long as tokens');
  const names = tags.map((i, k) => {
    const n = typeof i === 'number' ? options.tagNames[i] : undefined;
    if (n === undefined)
      throw new ConvertError(
        { ...where, path: `ner_tags[${k}]` },
        `${JSON.stringify(i)} is not an index of tagNames`,
      );
    return n;
  });
  const { text, tokens } = detokenizeWithOffsets(row.tokens as string[]);
  const regions: Region[] = tagsToSpans(names, (k) => ({ ...where, path: `ner_tags[${k}]` })).map(
    (s, k) => {
      const start = tokens[s.first]?.start ?? 0;
      const end = tokens[s.last]?.end ?? 0;
      return {
        id: String(k + 1),
        control: options.control ?? 'entities',
        type: 'span',
        value: { start, end, labels: [s.label], text: codePointSlice(text, start, end) },
      };
    },
  );
  const id = rowId(row, where);
  return checked(
    {
      ...(id === undefined ? {} : { id }),
      data: { [options.field ?? 'text']: text },
      annotations: [{ regions }],
    },
    where,
  );
}

/**
 * A generic flat row: the task id, every data key, and one value per control (see
 * flat-values.ts), JSON-typed.
 *
 * @example
 * taskToFlatJson(task, schema); // { id: 7, text: 'Rex runs', sentiment: 'positive', entities: [{ id: 's1', start: 0, end: 3, labels: ['PER'] }] }
 */
export function taskToFlatJson(
  task: Task,
  schema: LabelingSchema,
  options: PickOptions = {},
): Record<string, unknown> {
  const where: Where = { source: 'JSONL', ...(task.id === undefined ? {} : { task: task.id }) };
  const cols = flatColumns(schema);
  const row: Record<string, unknown> = task.id === undefined ? {} : { [cols.id]: task.id };
  Object.assign(row, task.data);
  const regions = pickRegions(task, options);
  for (const [col, c] of cols.controls) {
    const v = controlValue(
      c,
      regions.filter((r) => r.control === c.name),
      options,
      where,
    );
    if (v !== undefined) row[col] = v;
  }
  return row;
}

/**
 * A task from a generic flat row: control columns become regions, the id column the task id,
 * every other key a data field.
 *
 * @example
 * flatJsonToTask({ id: 7, text: 'Rex runs', sentiment: 'positive' }, schema);
 */
export function flatJsonToTask(
  row: unknown,
  schema: LabelingSchema,
  options: { source?: string; line?: number } = {},
): Task {
  const where: Where = {
    source: options.source ?? 'JSONL',
    ...(options.line === undefined ? {} : { line: options.line }),
  };
  if (!isRecord(row)) throw new ConvertError(where, 'a row must be a JSON object');
  const cols = flatColumns(schema);
  const controls = new Map(cols.controls);
  const data: Record<string, unknown> = {};
  const regions: Region[] = [];
  for (const [k, v] of Object.entries(row)) {
    const c = controls.get(k);
    if (c) regions.push(...valueRegions(c, v, where));
    else if (k !== cols.id) data[k] = v;
  }
  const id = row[cols.id] === undefined ? undefined : rowId({ id: row[cols.id] }, where);
  return checked({ ...(id === undefined ? {} : { id }), data, annotations: [{ regions }] }, where);
}
