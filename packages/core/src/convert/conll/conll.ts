import { codePointLength, codePointSlice } from '../../format/index.ts';
import type { Region, RegionOfType, Task } from '../../format/index.ts';
import { ConvertError, reportLoss } from '../errors.ts';
import type { Where } from '../errors.ts';
import { pickRegions } from '../pick-regions.ts';
import type { PickOptions } from '../pick-regions.ts';
import { spansToTags, tagsToSpans, toTokenSpan } from './bio.ts';
import type { BioScheme, TokenSpan } from './bio.ts';
import { detokenizeWithOffsets, tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';

/**
 * CoNLL-2003-style column files for NER: one token per line (`token TAG`; on import the
 * first column is the token and the last the tag, so 4-column CoNLL-2003 reads too), a blank
 * line after each sentence, and `-DOCSTART- -X- -X- O` before each document. A task is a
 * document; each line of its text is a sentence. Offsets in code points map to tokens with
 * `tokenize` and back with `detokenize`.
 */

/** One sentence of a task: its tokens (offsets in the task's text) and their tags. */
export type TaggedSentence = { tokens: Token[]; tags: string[] };

/** Options of the BIO export: text field (default `text`), span control, scheme. */
export type BioExportOptions = PickOptions & {
  field?: string;
  control?: string;
  scheme?: BioScheme;
};

/** Options of `taskToConll`: also the column separator and whether to write -DOCSTART-. */
export type ConllExportOptions = BioExportOptions & { separator?: ' ' | '\t'; docstart?: boolean };

const DOCSTART = '-DOCSTART- -X- -X- O';

function spansOf(task: Task, options: BioExportOptions, where: Where): RegionOfType<'span'>[] {
  const spans: RegionOfType<'span'>[] = [];
  for (const r of pickRegions(task, options)) {
    if (r.type === 'span' && (options.control === undefined || r.control === options.control))
      spans.push(r);
    else
      reportLoss(
        options,
        { ...where, id: r.id },
        `BIO tags hold spans${options.control ? ` of "${options.control}"` : ''}, not this ${r.type} region`,
      );
  }
  return spans.sort((a, b) => a.value.start - b.value.start || b.value.end - a.value.end);
}

function usable(
  r: RegionOfType<'span'>,
  text: string,
  taken: number,
  options: BioExportOptions,
  where: Where,
): boolean {
  const v = r.value;
  const covered = codePointSlice(text, v.start, v.end);
  const lost = (what: string): false => {
    reportLoss(options, { ...where, id: r.id }, what);
    return false;
  };
  if (v.start < taken)
    return lost('BIO tags are flat: this span overlaps an earlier one; left out');
  if (covered.includes('\n')) return lost('the span crosses a sentence (line) break; left out');
  if (/^\s|\s$/u.test(covered) || covered.trim() === '')
    return lost("BIO tags cover tokens: white space at the span's ends is not kept");
  if (v.labels.length > 1)
    reportLoss(
      options,
      { ...where, id: r.id },
      `BIO keeps one label per span; ${v.labels.slice(1).join(', ')} dropped`,
    );
  if (/\s/u.test(v.labels[0] ?? ''))
    return lost(
      `label "${v.labels[0]}" contains white space, which a tag column cannot hold; left out`,
    );
  return true;
}

/**
 * Tokens and tags of each sentence (line) of a task's text. Span boundaries become token
 * boundaries, so every span is kept unless it overlaps another, crosses a line, or carries
 * white space at its ends (reported as losses).
 *
 * @example
 * taskToTaggedSentences(task, { scheme: 'BIO' }); // [{ tokens: [...], tags: ['B-PER', 'O', ...] }]
 */
export function taskToTaggedSentences(
  task: Task,
  options: BioExportOptions = {},
): TaggedSentence[] {
  const field = options.field ?? 'text';
  const where: Where = { source: 'BIO', ...(task.id === undefined ? {} : { task: task.id }) };
  const text = task.data[field];
  if (typeof text !== 'string') throw new ConvertError(where, `data.${field} must be a string`);
  let taken = 0;
  const kept = spansOf(task, options, where).filter((r) => {
    const ok = usable(r, text, taken, options, where);
    if (ok) taken = r.value.end;
    return ok;
  });
  const breaks = new Set(kept.flatMap((r) => [r.value.start, r.value.end]));
  const all = tokenize(text, breaks);
  const sentences: TaggedSentence[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const lineEnd = lineStart + codePointLength(line);
    const tokens = all.filter((t) => t.start >= lineStart && t.end <= lineEnd);
    const spans: TokenSpan[] = [];
    for (const r of kept) {
      if (r.value.start < lineStart || r.value.end > lineEnd) continue;
      const ts = toTokenSpan(r.value, tokens);
      if (ts) spans.push({ ...ts, label: r.value.labels[0] ?? '' });
    }
    if (tokens.length)
      sentences.push({ tokens, tags: spansToTags(tokens.length, spans, options.scheme ?? 'BIO') });
    lineStart = lineEnd + 1;
  }
  return sentences;
}

/**
 * One task as a CoNLL document block (ending with a blank line), so an export can stream task
 * by task.
 *
 * @example
 * taskToConll({ data: { text: 'Rex runs' }, annotations: [{ regions: [span] }] });
 * // '-DOCSTART- -X- -X- O\n\nRex B-ANIMAL\nruns O\n\n'
 */
export function taskToConll(task: Task, options: ConllExportOptions = {}): string {
  const sep = options.separator ?? ' ';
  const blocks = taskToTaggedSentences(task, options).map(
    (s) => s.tokens.map((t, i) => `${t.text}${sep}${s.tags[i] ?? 'O'}\n`).join('') + '\n',
  );
  return (options.docstart === false ? '' : `${DOCSTART}\n\n`) + blocks.join('');
}

/**
 * Options of `conllToTasks`: the text field and span control of the tasks (default `text`,
 * `entities`), the file name for errors, and what a task is: `'document'` (split at
 * -DOCSTART-), `'sentence'`, or `'auto'` (documents when the file has -DOCSTART-, else
 * sentences).
 */
export type ConllImportOptions = {
  field?: string;
  control?: string;
  source?: string;
  unit?: 'auto' | 'document' | 'sentence';
};

type Row = { token: string; tag: string; line: number };

function readRows(text: string, source: string): { docs: Row[][][]; sawDocstart: boolean } {
  const docs: Row[][][] = [[]];
  let sentence: Row[] = [];
  let sawDocstart = false;
  const endSentence = (): void => {
    if (sentence.length) docs[docs.length - 1]?.push(sentence);
    sentence = [];
  };
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const cols = raw.trim().split(/\s+/);
      if (raw.trim() === '') return endSentence();
      if (cols[0] === '-DOCSTART-') {
        endSentence();
        sawDocstart = true;
        if (docs[docs.length - 1]?.length) docs.push([]);
        return;
      }
      if (cols.length < 2)
        throw new ConvertError(
          { source, line: i + 1 },
          `expected "token TAG", got ${JSON.stringify(raw.trim())}`,
        );
      sentence.push({ token: cols[0] ?? '', tag: cols[cols.length - 1] ?? 'O', line: i + 1 });
    });
  endSentence();
  return { docs: docs.filter((d) => d.length > 0), sawDocstart };
}

function taskOf(sentences: Row[][], options: ConllImportOptions, source: string): Task {
  const field = options.field ?? 'text';
  const lines: string[] = [];
  const regions: Region[] = [];
  let offset = 0;
  for (const rows of sentences) {
    const { text: line, tokens: tokenized } = detokenizeWithOffsets(rows.map((r) => r.token));
    for (const s of tagsToSpans(
      rows.map((r) => r.tag),
      (i) => ({ source, line: rows[i]?.line ?? 0 }),
    )) {
      const start = offset + (tokenized[s.first]?.start ?? 0);
      const end = offset + (tokenized[s.last]?.end ?? 0);
      regions.push({
        id: String(regions.length + 1),
        control: options.control ?? 'entities',
        type: 'span',
        value: { start, end, labels: [s.label] },
      });
    }
    lines.push(line);
    offset += codePointLength(line) + 1;
  }
  const text = lines.join('\n');
  for (const r of regions)
    if (r.type === 'span') r.value.text = codePointSlice(text, r.value.start, r.value.end);
  return { data: { [field]: text }, annotations: [{ regions }] };
}

/**
 * Reads a CoNLL/BIO file into tasks: each task's text is its sentences' tokens joined by
 * `detokenize`, one sentence per line, and its spans come from the tags (region ids "1",
 * "2", ... with the covered `text`). An unknown tag is an error naming the line.
 *
 * @example
 * conllToTasks('EU B-ORG\nrejects O\n\n'); // [{ data: { text: 'EU rejects' }, annotations: [{ regions: [...] }] }]
 */
export function conllToTasks(text: string, options: ConllImportOptions = {}): Task[] {
  const source = options.source ?? 'CoNLL';
  const { docs, sawDocstart } = readRows(text, source);
  const unit = options.unit ?? 'auto';
  const byDocument = unit === 'document' || (unit === 'auto' && sawDocstart);
  const groups = byDocument ? docs : docs.flat().map((s) => [s]);
  return groups.map((g) => taskOf(g, options, source));
}
