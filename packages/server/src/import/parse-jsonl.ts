import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { notUtf8, type SourceRecord } from './records.ts';

/**
 * Splits a byte stream into JSONL records without holding more than one record (plus the
 * current chunk) in memory. A line longer than `maxRecordBytes` is reported as an error (and
 * skipped to its end) rather than buffered, and so is a line that is not UTF-8. Blank lines are
 * ignored, and a byte-order mark before the first line. Lines are numbered from 1.
 * Records come in arrays, one per chunk read: a million single-record awaits would cost as
 * much as parsing the records (bench/README.md).
 *
 * @example
 * for await (const recs of readJsonlBatches(createReadStream('tasks.jsonl'), 5_000_000)) { … }
 */
export async function* readJsonlBatches(
  input: Readable,
  maxRecordBytes: number,
): AsyncGenerator<SourceRecord[]> {
  let line = 0;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let oversize = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    const out: SourceRecord[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!oversize) {
        partBytes += end - start;
        if (partBytes > maxRecordBytes) {
          oversize = true;
          parts = [];
        } else if (end > start) {
          parts.push(chunk.subarray(start, end));
        }
      }
      if (nl === -1) break;
      line++;
      const rec = finishLine(line, parts, oversize, maxRecordBytes);
      parts = [];
      partBytes = 0;
      oversize = false;
      if (rec) out.push(rec);
      start = nl + 1;
    }
    if (out.length > 0) yield out;
  }
  if (partBytes > 0 || oversize) {
    const rec = finishLine(line + 1, parts, oversize, maxRecordBytes);
    if (rec) yield [rec];
  }
}

/** The same records one at a time, for readers that wrap JSONL (Label Studio, Hugging Face). */
export async function* readJsonl(
  input: Readable,
  maxRecordBytes: number,
): AsyncGenerator<SourceRecord> {
  for await (const recs of readJsonlBatches(input, maxRecordBytes)) yield* recs;
}

function finishLine(
  line: number,
  parts: Buffer[],
  oversize: boolean,
  max: number,
): SourceRecord | undefined {
  if (oversize) {
    return {
      line,
      error: `line is longer than the limit of ${formatBytes(max)} (TESSERA_MAX_RECORD_BYTES)`,
    };
  }
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  if (!isUtf8(bytes)) return { line, error: notUtf8(bytes, 'line') };
  let text = bytes.toString('utf8');
  // A byte-order mark (Notepad, Excel) opens the file, not the first record.
  if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (text.trim() === '') return undefined;
  return { line, text };
}

/** `5 MiB`, `300 KiB`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
