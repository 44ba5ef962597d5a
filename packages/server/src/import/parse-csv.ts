import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { firstNonUtf8Line, type SourceRecord } from './records.ts';

/**
 * Reads CSV with a header row; each row becomes a task whose data fields are the columns.
 * A row with a different number of columns than the header is reported, in line order with the
 * good rows, so the caller can stop there (abort) or go on (skip). Bytes that are not UTF-8 stop
 * the import at their line (Utf8Lines).
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
  const guard = new Utf8Lines(maxRecordBytes);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(guard).pipe(parser);
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
    // A row cut short by the bytes that stopped the input is not the parser's finding.
    if (guard.failure) yield { ...guard.failure, fatal: true };
    else {
      const e = err as Error & { lines?: number };
      yield { line: e.lines ?? 0, error: describe(e), fatal: true };
    }
    return;
  }
  while (skipped.length) yield skipped.shift()!;
  if (guard.failure) yield { ...guard.failure, fatal: true };
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

/**
 * Passes the CSV's bytes to the parser a whole line at a time while they are UTF-8. At the first
 * line that is not, it passes the lines before it, ends the parser's input there and keeps the
 * reason in `failure`: the parser cannot tell where a row with broken bytes ends, so the import
 * stops at that line (whatever `on_error` says), with the rows before it stored.
 */
class Utf8Lines extends Transform {
  failure: { line: number; error: string } | undefined;
  private carry: Buffer | undefined;
  private line = 1;

  constructor(private readonly maxLine: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    if (this.failure) return done(); // the rest is drained, not parsed
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    let end = buf.lastIndexOf(10) + 1;
    // A line longer than any record may be goes on unchecked: the parser refuses it by size.
    if (end === 0 && buf.length > this.maxLine) end = buf.length;
    this.carry = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined;
    this.pass(buf.subarray(0, end));
    done();
  }

  override _flush(done: () => void): void {
    if (!this.failure && this.carry) this.pass(this.carry);
    done();
  }

  private pass(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const problem = firstNonUtf8Line(bytes);
    const good = problem ? bytes.subarray(0, problem.start) : bytes;
    for (let i = good.indexOf(10); i !== -1; i = good.indexOf(10, i + 1)) this.line++;
    if (good.length > 0) this.push(good);
    if (!problem) return;
    this.failure = { line: this.line, error: problem.error };
    this.carry = undefined;
    this.push(null);
  }
}
