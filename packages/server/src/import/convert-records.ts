import type { Readable } from 'node:stream';
import type { LabelingSchema, Task } from '@tessera/core/format';
import {
  cocoToTasks,
  conllToTasks,
  ConvertError,
  hfClassificationToTask,
  hfNerTagNames,
  hfTokensToTask,
  labelStudioMappingFromSchema,
  labelStudioTaskToTask,
} from '@tessera/core/convert';
import { AppError } from '../errors.ts';
import { readJsonArray } from './parse-json.ts';
import { readJsonl } from './parse-jsonl.ts';
import { firstNonUtf8Line, type SourceRecord } from './records.ts';

/** Import formats that go through a converter first. */
export const CONVERTED_FORMATS = ['ls', 'coco', 'conll', 'hf'] as const;
export type ConvertedFormat = (typeof CONVERTED_FORMATS)[number];

/** Whole-document formats are read into memory, so they have a size cap. */
const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;

const errorOf = (line: number, err: unknown): SourceRecord => ({
  line: (err as ConvertError).where?.line ?? line,
  error: err instanceof ConvertError ? err.message : (err as Error).message,
});

function fieldOf(schema: LabelingSchema, type: string): string | undefined {
  return schema.fields.find((f) => f.type === type)?.name;
}

/**
 * Reads another tool's format and yields interchange tasks as records, so the rest of the import
 * (schema validation, content hashes, batches, the report) is the same for every format. Label
 * Studio JSON and Hugging Face JSONL stream record by record; COCO and CoNLL are whole
 * documents (capped at 512 MiB) converted in one piece.
 */
export async function* readConverted(
  format: ConvertedFormat,
  schema: LabelingSchema,
  input: Readable,
  maxRecordBytes: number,
): AsyncGenerator<SourceRecord> {
  if (format === 'ls') {
    const mapping = labelStudioMappingFromSchema(schema);
    for await (const rec of readJsonArray(input, maxRecordBytes)) {
      if (rec.text === undefined) {
        yield rec;
        continue;
      }
      try {
        yield {
          line: rec.line,
          value: labelStudioTaskToTask(JSON.parse(rec.text), mapping, {
            source: 'Label Studio JSON',
          }),
        };
      } catch (err) {
        yield errorOf(rec.line, err);
      }
    }
    return;
  }
  if (format === 'hf') {
    const spans = schema.controls.find((c) => c.type === 'spans');
    const choices = schema.controls.find((c) => c.type === 'choices');
    for await (const rec of readJsonl(input, maxRecordBytes)) {
      if (rec.text === undefined) {
        yield rec;
        continue;
      }
      try {
        const row = JSON.parse(rec.text) as unknown;
        let task: Task;
        if (spans && spans.type !== 'link' && spans.labels?.length) {
          task = hfTokensToTask(row, {
            tagNames: hfNerTagNames(spans.labels.map((l) => l.value)),
            field: spans.field,
            control: spans.name,
            line: rec.line,
          });
        } else if (choices && choices.type !== 'link' && choices.labels?.length) {
          task = hfClassificationToTask(row, {
            control: choices.name,
            names: choices.labels.map((l) => l.value),
            field: choices.field,
            multiple: choices.multiple,
            line: rec.line,
          });
        } else
          throw new Error(
            'the project has no spans or choices control with labels for Hugging Face rows',
          );
        yield { line: rec.line, value: task };
      } catch (err) {
        yield errorOf(rec.line, err);
      }
    }
    return;
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_DOCUMENT_BYTES)
      throw new AppError(
        413,
        'payload_too_large',
        `A ${format.toUpperCase()} file is read whole; this one is over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB. Split it.`,
      );
    parts.push(chunk);
  }
  // Decoded whole, so that a character split between two chunks stays one character.
  const bytes = Buffer.concat(parts);
  const problem = firstNonUtf8Line(bytes);
  if (problem) {
    yield { line: 0, error: `line ${problem.line}: ${problem.error}`, fatal: true };
    return;
  }
  let doc = bytes.toString('utf8');
  if (doc.charCodeAt(0) === 0xfeff) doc = doc.slice(1); // a byte-order mark (Notepad, Excel)
  try {
    const tasks =
      format === 'coco'
        ? cocoToTasks(doc, { field: fieldOf(schema, 'image') ?? 'image', source: 'COCO' }).tasks
        : conllToTasks(doc, {
            field: fieldOf(schema, 'text') ?? 'text',
            control: schema.controls.find((c) => c.type === 'spans')?.name,
            source: 'CoNLL',
          });
    for (const [i, task] of tasks.entries()) yield { line: i + 1, value: task };
  } catch (err) {
    yield { ...errorOf(0, err), fatal: true } as SourceRecord;
  }
}
