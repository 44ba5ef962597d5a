import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { formatBytes } from './parse-jsonl.ts';
import { firstNonUtf8Line, type SourceRecord } from './records.ts';

type Stop = { line: number; error: string };

/**
 * Reads CSV with a header row; each row becomes a task whose data fields are the columns.
 * A row with a different number of columns than the header is reported, in line order with the
 * good rows, so the caller can stop there (abort) or go on (skip). A line that is not UTF-8 or
 * is longer than `maxRecordBytes` (Utf8Lines), and a row larger than that, stop the import at
 * their line: past them the parser cannot tell where rows begin, and csv-parse, left to skip an
 * oversized row, read its tail as rows of their own and dropped the rows after it in the chunk.
 */
export async function* readCsv(
  input: Readable,
  maxRecordBytes: number,
): AsyncGenerator<SourceRecord> {
  const skipped: SourceRecord[] = [];
  let tooLarge: Stop | undefined;
  const guard = new Utf8Lines(maxRecordBytes);
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
  parser.on('skip', (err: Error & { lines?: number; code?: string }) => {
    const at = { line: err.lines ?? 0, error: describe(err) };
    if (err.code !== 'CSV_MAX_RECORD_SIZE') skipped.push(at);
    else if (!tooLarge) {
      tooLarge = at;
      guard.stop(); // the rest is drained, not parsed
    }
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(guard).pipe(parser);
  /** Where the import stops, when something stopped it: the earliest line wins. */
  const stop = (): Stop | undefined =>
    tooLarge && guard.failure
      ? tooLarge.line <= guard.failure.line
        ? tooLarge
        : guard.failure
      : (tooLarge ?? guard.failure);
  let last = 1; // the line of the last row reported, good or bad (1: the header)
  try {
    for await (const row of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (tooLarge && row.info.lines >= tooLarge.line) break;
      // The parser reports a bad row as soon as it sees it, possibly before earlier good rows.
      while (skipped.length && skipped[0]!.line < row.info.lines) yield skipped.shift()!;
      yield { line: row.info.lines, value: row.record };
      last = row.info.lines;
    }
  } catch (err) {
    // A row cut short where the guard ended the input is not the parser's finding.
    if (!stop()) {
      while (skipped.length) yield skipped.shift()!;
      const e = err as Error & { lines?: number };
      yield { line: e.lines ?? 0, error: describe(e), fatal: true };
      return;
    }
  }
  const end = stop();
  while (skipped.length && (!end || skipped[0]!.line < end.line)) {
    last = Math.max(last, skipped[0]!.line);
    yield skipped.shift()!;
  }
  // The parser notices a row is too large some lines into it: the row began after the last one.
  if (end) yield { line: end === tooLarge ? last + 1 : end.line, error: end.error, fatal: true };
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
 * Passes the CSV's bytes to the parser a whole line at a time while the lines are UTF-8 and no
 * longer than `maxLine`. At the first line that is not, it passes the lines before it, ends the
 * parser's input there and keeps why in `failure`; the rest of the upload is drained.
 */
class Utf8Lines extends Transform {
  failure: Stop | undefined;
  private stopped = false;
  /** The bytes of the line not yet ended, in the chunks they came in. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  private line = 1;

  constructor(private readonly maxLine: number) {
    super();
  }

  /** Parses nothing more: the reader has stopped for its own reason. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.held = [];
    this.heldBytes = 0;
    this.push(null);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    if (this.stopped) return done();
    const nl = chunk.lastIndexOf(10);
    if (nl === -1) {
      this.held.push(chunk);
      this.heldBytes += chunk.length;
      if (this.heldBytes > this.maxLine) this.fail(this.tooLong());
      return done();
    }
    const ended = chunk.subarray(0, nl + 1);
    const lines = this.held.length ? Buffer.concat([...this.held, ended]) : ended;
    this.held = nl + 1 < chunk.length ? [chunk.subarray(nl + 1)] : [];
    this.heldBytes = chunk.length - nl - 1;
    this.pass(lines);
    done();
  }

  override _flush(done: () => void): void {
    if (!this.stopped && this.heldBytes > 0) this.pass(Buffer.concat(this.held));
    done();
  }

  private pass(bytes: Buffer): void {
    const encoding = firstNonUtf8Line(bytes);
    const limit = encoding ? encoding.start : bytes.length;
    let start = 0; // of the line being looked at
    let long = -1; // where the first over-long line starts
    for (let i = bytes.indexOf(10); start < limit; i = bytes.indexOf(10, start)) {
      const end = i === -1 ? bytes.length : i;
      if (end - start > this.maxLine) {
        long = start;
        break;
      }
      if (i === -1) break;
      this.line++;
      start = i + 1;
    }
    const good = long !== -1 ? long : limit;
    if (good > 0) this.push(bytes.subarray(0, good));
    if (long !== -1) this.fail(this.tooLong());
    else if (encoding) this.fail(encoding.error);
  }

  private tooLong(): string {
    return `line is longer than the limit of ${formatBytes(this.maxLine)} (TESSERA_MAX_RECORD_BYTES)`;
  }

  private fail(error: string): void {
    this.failure = { line: this.line, error };
    this.stop();
  }
}
