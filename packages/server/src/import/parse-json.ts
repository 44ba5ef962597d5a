import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { formatBytes } from './parse-jsonl.ts';
import { MAX_DEPTH, notUtf8, type SourceRecord } from './records.ts';

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Streams the elements of a top-level JSON array (or a single top-level object) as raw text,
 * one record per element, numbered from 1 with the line where each element starts. It tracks
 * strings, escapes and nesting itself, so it never buffers the whole document, refuses elements
 * deeper than MAX_DEPTH or longer than `maxRecordBytes`, refuses an element that is not UTF-8,
 * and stops at the first structural error (after it nothing can be trusted).
 */
export async function* readJsonArray(
  input: Readable,
  maxRecordBytes: number,
): AsyncGenerator<SourceRecord> {
  let state: 'start' | 'between' | 'element' | 'done' = 'start';
  let single = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: Buffer[] = [];
  let size = 0;
  let index = 0;
  let lineNo = 1;
  let elementLine = 1;
  let read = 0; // bytes of the stream before this chunk
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let elStart = state === 'element' ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === 10) lineNo++;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
          continue;
        }
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) {
          if (++depth > MAX_DEPTH + 1) {
            yield {
              line: elementLine,
              error: `element ${index + 1} is nested deeper than ${MAX_DEPTH} levels`,
              fatal: true,
            };
            return;
          }
        } else if (c === 125 || c === 93) {
          depth--;
          if (depth === 0) {
            parts.push(chunk.subarray(elStart, i + 1));
            size += i + 1 - elStart;
            if (size > maxRecordBytes) {
              yield {
                line: elementLine,
                error: `element ${index + 1} is larger than ${formatBytes(maxRecordBytes)}`,
                fatal: true,
              };
              return;
            }
            index++;
            const bytes = Buffer.concat(parts);
            yield isUtf8(bytes)
              ? { line: elementLine, text: bytes.toString('utf8') }
              : { line: elementLine, error: notUtf8(bytes, `element ${index}`) };
            parts = [];
            size = 0;
            state = single ? 'done' : 'between';
            elStart = -1;
          } else if (depth < 0) {
            state = single ? 'done' : 'between';
          }
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13) continue;
      // A byte-order mark (Notepad, Excel) may open the document.
      if (state === 'start' && read + i < 3 && c === BOM[read + i]) continue;
      if (state === 'start') {
        if (c === 91) state = 'between';
        else if (c === 123) {
          single = true;
          state = 'element';
          depth = 1;
          elStart = i;
          elementLine = lineNo;
        } else {
          yield {
            line: lineNo,
            error: 'a JSON import must be an array of tasks or a single task object',
            fatal: true,
          };
          return;
        }
      } else if (state === 'between') {
        if (c === 44) continue;
        if (c === 93) {
          state = 'done';
          continue;
        }
        if (c !== 123) {
          yield { line: lineNo, error: `element ${index + 1} is not an object`, fatal: true };
          return;
        }
        state = 'element';
        depth = 1;
        elStart = i;
        elementLine = lineNo;
      } else if (state === 'done') {
        yield {
          line: lineNo,
          error: 'unexpected content after the end of the JSON document',
          fatal: true,
        };
        return;
      }
    }
    read += chunk.length;
    if (state === 'element' && elStart !== -1) {
      parts.push(chunk.subarray(elStart));
      size += chunk.length - elStart;
      if (size > maxRecordBytes) {
        yield {
          line: elementLine,
          error: `element ${index + 1} is larger than ${formatBytes(maxRecordBytes)}`,
          fatal: true,
        };
        return;
      }
    }
  }
  if ((state as string) !== 'done')
    yield { line: lineNo, error: 'the JSON document ends before it is complete', fatal: true };
}
