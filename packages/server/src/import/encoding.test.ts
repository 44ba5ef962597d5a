import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { readConverted } from './convert-records.ts';
import { readCsv } from './parse-csv.ts';
import { readJsonArray } from './parse-json.ts';
import { readJsonlBatches } from './parse-jsonl.ts';
import { invalidUtf8At, type SourceRecord } from './records.ts';

/** "你好" as GBK saves it: what a Chinese Windows editor writes when not told UTF-8. */
const GBK_NIHAO = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const MAX = 1024 * 1024;

/** The stream cut into the given chunks, as a socket may deliver it. */
const chunks = (...parts: Buffer[]) => Readable.from(parts, { objectMode: false });

async function all(it: AsyncIterable<SourceRecord | SourceRecord[]>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of it) out.push(...(Array.isArray(r) ? r : [r]));
  return out;
}

describe('where bytes stop being UTF-8', () => {
  it('finds the first bad byte, also overlong forms, surrogates and truncated characters', () => {
    const at = (...b: number[]) => invalidUtf8At(Uint8Array.from(b));
    expect(at(0x61, 0xe4, 0xbd, 0xa0)).toBe(-1); // a你
    expect(at(0xf0, 0x9f, 0x98, 0x80)).toBe(-1); // 😀
    expect(at(0x61, 0xff)).toBe(1);
    expect(at(0x61, 0xc0, 0x80)).toBe(1); // overlong NUL
    expect(at(0xe0, 0x80, 0xaf)).toBe(0); // overlong '/'
    expect(at(0x61, 0x62, 0xed, 0xa0, 0x80)).toBe(2); // a UTF-16 surrogate
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // above U+10FFFF
    expect(at(0x61, 0xe4, 0xbd)).toBe(1); // cut short at the end
    expect(at(...GBK_NIHAO)).toBe(0);
  });
});

describe('JSONL bytes', () => {
  it('drops a byte-order mark before the first line only', async () => {
    const recs = await all(
      readJsonlBatches(
        chunks(BOM, Buffer.from('{"text":"a"}\r\n'), Buffer.from('\ufeff{"text":"b"}\n')),
        MAX,
      ),
    );
    expect(recs[0]).toEqual({ line: 1, text: '{"text":"a"}' });
    // A mark inside the file is content, and JSON.parse will say so on its line.
    expect(recs[1]).toEqual({ line: 2, text: '\ufeff{"text":"b"}' });
  });

  it('refuses a line that is not UTF-8, with where and what to do, and reads on', async () => {
    const recs = await all(
      readJsonlBatches(
        chunks(
          Buffer.from('{"text":"ok"}\n{"text":"'),
          GBK_NIHAO,
          Buffer.from('"}\n{"text":"你'),
          Buffer.from('好"}\n'), // a character split between two chunks is fine
        ),
        MAX,
      ),
    );
    expect(recs).toHaveLength(3);
    expect(recs[0]).toEqual({ line: 1, text: '{"text":"ok"}' });
    expect(recs[1]!.line).toBe(2);
    expect(recs[1]!.error).toBe(
      'not valid UTF-8: byte 0xC4 at byte 10 of the line. Save the file as UTF-8 (it may be in GBK, GB 18030 or Latin-1) and import it again',
    );
    expect(recs[2]).toEqual({ line: 3, text: '{"text":"你好"}' });
  });
});

describe('JSON document bytes', () => {
  it('reads a document that opens with a byte-order mark', async () => {
    const recs = await all(readJsonArray(chunks(BOM, Buffer.from('[{"text":"a"}]')), MAX));
    expect(recs).toEqual([{ line: 1, text: '{"text":"a"}' }]);
  });

  it('refuses an element that is not UTF-8 and reads the next', async () => {
    const recs = await all(
      readJsonArray(
        chunks(Buffer.from('[{"text":"'), GBK_NIHAO, Buffer.from('"},\n{"text":"b"}]')),
        MAX,
      ),
    );
    expect(recs[0]!.error).toMatch(/^not valid UTF-8: byte 0xC4 at byte 10 of the element 1\./);
    expect(recs[0]).not.toHaveProperty('fatal');
    expect(recs[1]).toEqual({ line: 2, text: '{"text":"b"}' });
  });
});

describe('CSV bytes', () => {
  it('reads characters split between chunks, and stops at the line of the first bad byte', async () => {
    const recs = await all(
      readCsv(
        chunks(
          BOM,
          Buffer.from('text\n你'),
          Buffer.from('好\nplain\n'),
          Buffer.from('x'),
          GBK_NIHAO,
          Buffer.from('\nafter\n'),
        ),
        MAX,
      ),
    );
    expect(recs.slice(0, 2)).toEqual([
      { line: 2, value: { text: '你好' } },
      { line: 3, value: { text: 'plain' } },
    ]);
    expect(recs[2]).toMatchObject({ line: 4, fatal: true });
    expect(recs[2]!.error).toMatch(/^not valid UTF-8: byte 0xC4 at byte 2 of the line\./);
    expect(recs).toHaveLength(3);
  });

  it('stops at a line longer than any record, with the rows before it and none after', async () => {
    const ni = Buffer.from('你');
    const cut = chunks(
      Buffer.from('text\nfirst\n' + 'a'.repeat(70)),
      ni.subarray(0, 2),
      Buffer.concat([ni.subarray(2), Buffer.from('b'.repeat(70))]),
      Buffer.from('\nnext\n'),
    );
    const stop = {
      line: 3,
      error: 'line is longer than the limit of 64 bytes (TESSERA_MAX_RECORD_BYTES)',
      fatal: true,
    };
    expect(await all(readCsv(cut, 64))).toEqual([{ line: 2, value: { text: 'first' } }, stop]);
    // All in one chunk, where csv-parse used to drop the rows after the long one unreported.
    const whole = chunks(Buffer.from('text\nfirst\n' + 'a'.repeat(300) + '\nnext\nmore\n'));
    expect(await all(readCsv(whole, 64))).toEqual([{ line: 2, value: { text: 'first' } }, stop]);
  });

  it('stops at a quoted row larger than any record, whose lines are each short', async () => {
    const row = '"' + Array.from({ length: 10 }, () => 'x'.repeat(20)).join('\n') + '"\n';
    const recs = await all(readCsv(chunks(Buffer.from('text\nfirst\n' + row + 'after\n')), 64));
    expect(recs[0]).toEqual({ line: 2, value: { text: 'first' } });
    expect(recs[1]).toMatchObject({
      line: 3,
      fatal: true,
      error: expect.stringMatching(/larger than the record size limit/),
    });
    // Nothing of the long row's tail comes back as rows of its own, nor anything after it.
    expect(recs).toHaveLength(2);
  });

  it('refuses a file that ends in the middle of a character', async () => {
    const recs = await all(
      readCsv(chunks(Buffer.from('text\nab'), Buffer.from([0xe4, 0xbd])), MAX),
    );
    expect(recs.at(-1)).toMatchObject({ line: 2, fatal: true });
    expect(recs.at(-1)!.error).toMatch(/^not valid UTF-8: byte 0xE4 at byte 3 of the line\./);
  });
});

describe('documents read whole (CoNLL, COCO)', () => {
  it('keep a character split between chunks and drop a byte-order mark', async () => {
    const ni = Buffer.from('你');
    const input = chunks(
      BOM,
      Buffer.from('张 B-PER\n'),
      ni.subarray(0, 1),
      ni.subarray(1),
      Buffer.from(' O\n'),
    );
    const recs = await all(readConverted('conll', buildSchema(), input, MAX));
    expect(recs).toHaveLength(1);
    expect((recs[0]!.value as { data: { text: string } }).data.text).toBe('张你');
  });

  it('refuse a document that is not UTF-8, naming its line', async () => {
    const input = chunks(Buffer.from('a O\n\nb O\n'), GBK_NIHAO, Buffer.from(' O\n'));
    expect(await all(readConverted('conll', buildSchema(), input, MAX))).toEqual([
      {
        line: 0,
        error:
          'line 4: not valid UTF-8: byte 0xC4 at byte 1 of the line. Save the file as UTF-8 (it may be in GBK, GB 18030 or Latin-1) and import it again',
        fatal: true,
      },
    ]);
  });
});
