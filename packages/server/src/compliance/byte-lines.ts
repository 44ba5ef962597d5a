/**
 * Reads a byte stream as lines of UTF-8 text for the PII file commands, with the checks a
 * user needs before trusting a scan: a per-line size cap (the rest of an over-long line is
 * skipped, not buffered), binary data (a NUL byte) and invalid UTF-8, each reported with the
 * line and byte where it was found.
 */

import { isUtf8 } from 'node:buffer';

/** A line of text, or why a line could not be read. `fatal` stops the file (binary data). */
export type TextLine =
  | { line: number; text: string; bytes: number; error?: undefined }
  | { line: number; error: string; bytes: number; fatal?: boolean; text?: undefined };

/**
 * A byte count for messages.
 * @example formatSize(16 * 1024 * 1024) // '16 MiB'
 */
export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/**
 * Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included),
 * or -1 when the bytes are valid.
 * @example firstInvalidUtf8(Buffer.from([0x61, 0xff])) // 1
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n =
      c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i; // not a lead byte, or the sequence is cut off
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const c1 = b[i + 1]!;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

function finish(
  line: number,
  parts: Buffer[],
  bytes: number,
  max: number,
  first: boolean,
): TextLine | undefined {
  if (bytes > max)
    return {
      line,
      bytes,
      error: `line ${line} is ${formatSize(bytes)}, over the ${formatSize(max)} limit for one text; split it into lines or raise --max-text-bytes`,
    };
  let buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  if (first && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
  if (buf[buf.length - 1] === 13) buf = buf.subarray(0, buf.length - 1);
  if (!isUtf8(buf)) {
    const at = firstInvalidUtf8(buf);
    return {
      line,
      bytes,
      error: `line ${line} is not valid UTF-8 (bad byte 0x${buf[at]?.toString(16).padStart(2, '0')} at byte ${at + 1} of the line); convert the file to UTF-8 first, e.g. iconv -f GBK -t UTF-8`,
    };
  }
  return { line, bytes, text: buf.toString('utf8') };
}

/**
 * Splits a stream into lines (LF or CRLF), numbered from 1. A NUL byte anywhere ends the read
 * with a fatal "binary" error.
 * @example for await (const l of readTextLines(createReadStream(file), 16 << 20)) { … }
 */
export async function* readTextLines(
  input: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<TextLine> {
  let line = 0;
  let offset = 0;
  let parts: Buffer[] = [];
  let bytes = 0;
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      yield {
        line: line + 1,
        bytes,
        fatal: true,
        error: `the input looks like binary data (a NUL byte at byte ${offset + nul + 1}); PII commands read UTF-8 text or JSONL`,
      };
      return;
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      bytes += end - start;
      if (bytes <= maxLineBytes && end > start) parts.push(chunk.subarray(start, end));
      else if (bytes > maxLineBytes) parts = [];
      if (nl === -1) break;
      line++;
      const rec = finish(line, parts, bytes, maxLineBytes, line === 1);
      if (rec) yield rec;
      parts = [];
      bytes = 0;
      start = nl + 1;
    }
    offset += chunk.length;
  }
  if (bytes > 0) {
    const rec = finish(line + 1, parts, bytes, maxLineBytes, line === 0);
    if (rec) yield rec;
  }
}

/**
 * Parses a size such as `16M`, `500K`, `1G`, `16MiB` or a byte count; undefined when it is not one.
 * @example parseSize('16M') // 16777216
 */
export function parseSize(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(v.trim());
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g';
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit];
  return Math.max(1, Math.floor(Number(m[1]) * mult));
}

/** A batch of readable lines, or a line that could not be read. */
export type LineBatch =
  | { lines: { line: number; text: string }[]; error?: undefined }
  | { error: string; line: number; fatal: boolean; lines?: undefined };

/**
 * Groups the lines of {@link readTextLines} into batches of about `batchChars` UTF-16 units
 * (what one PII scan call handles best), passing bad lines through as errors in order.
 * `totals` counts lines and bytes read so far.
 * @example for await (const b of lineBatches(stream, 16 << 20, 4096, totals)) { … }
 */
export async function* lineBatches(
  input: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
  batchChars: number,
  totals: { lines: number; bytes: number },
): AsyncGenerator<LineBatch> {
  let lines: { line: number; text: string }[] = [];
  let size = 0;
  for await (const l of readTextLines(input, maxLineBytes)) {
    totals.lines = l.line;
    totals.bytes += l.bytes;
    if (l.error !== undefined) {
      yield { error: l.error, line: l.line, fatal: l.fatal === true };
      if (l.fatal) break;
      continue;
    }
    lines.push({ line: l.line, text: l.text });
    size += l.text.length;
    if (size >= batchChars) {
      yield { lines };
      lines = [];
      size = 0;
    }
  }
  if (lines.length) yield { lines };
}
