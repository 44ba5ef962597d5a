import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { SourceRecord } from './records.ts';

/**
 * Reads CSV with a header row; each row becomes a task whose data fields are the columns.
 * A row with a different number of columns than the header is reported, in line order with the
 * good rows, so the caller can stop there (abort) or go on (skip).
 */
export async function* readCsv(
  input: Readable,
  maxRecordBytes: number,
): AsyncGenerator<SourceRecord> {
  const skipped: SourceRecord[] = [];
  const parser = parse({
    columns: (header: string[]) => {
      const seen = new Set<string>();
      return header.map((h, i) => {
        const name = h.trim();
        if (!name) throw new Error(`column ${i + 1} of the header has no name`);
        if (seen.has(name)) throw new Error(`column "${name}" appears twice in the header`);
        seen.add(name);
        return name;
      });
    },
    bom: true,
    info: true,
    skip_empty_lines: true,
    max_record_size: maxRecordBytes,
    skip_records_with_error: true,
  });
  parser.on('skip', (err: Error & { lines?: number }) => {
    skipped.push({ line: err.lines ?? 0, error: describe(err) });
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const row of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      // The parser reports a bad row as soon as it sees it, possibly before earlier good rows.
      while (skipped.length && skipped[0]!.line < row.info.lines) yield skipped.shift()!;
      yield { line: row.info.lines, value: row.record };
    }
  } catch (err) {
    while (skipped.length) yield skipped.shift()!;
    const e = err as Error & { lines?: number };
    yield { line: e.lines ?? 0, error: describe(e), fatal: true };
    return;
  }
  while (skipped.length) yield skipped.shift()!;
}

function describe(err: Error & { code?: string }): string {
  const m = err.message
    .replace(/^Invalid Record Length: /, '')
    .replace(/^Invalid Opening Quote: /, '');
  if (
    err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ||
    err.code === 'CSV_RECORD_INCONSISTENT_COLUMNS'
  )
    return `the row has a different number of columns than the header (${m})`;
  if (err.code === 'CSV_MAX_RECORD_SIZE')
    return 'the row is larger than the record size limit (TESSERA_MAX_RECORD_BYTES)';
  return m;
}
