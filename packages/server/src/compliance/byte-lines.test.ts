import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, readTextLines, type TextLine } from './byte-lines.ts';

async function lines(chunks: (string | Buffer)[], max = 100): Promise<TextLine[]> {
  const out: TextLine[] = [];
  for await (const l of readTextLines(Readable.from(chunks), max)) out.push(l);
  return out;
}

describe('readTextLines', () => {
  it('splits LF and CRLF lines across chunk borders, strips a BOM, keeps blank lines numbered', async () => {
    const got = await lines(['\ufeffa😀', Buffer.from('b\r\n\nc').subarray(0, 3), 'c']);
    // chunk 2 is 'b\r\n' (3 bytes), chunk 3 'c'
    expect(got.map((l) => [l.line, l.text])).toEqual([
      [1, 'a😀b'],
      [2, 'c'],
    ]);
    const multi = await lines(['x\n\ny\n']);
    expect(multi.map((l) => [l.line, l.text])).toEqual([
      [1, 'x'],
      [2, ''],
      [3, 'y'],
    ]);
  });

  it('reports an over-long line with its size and keeps reading after it', async () => {
    const got = await lines(['short\n', 'x'.repeat(150), 'y'.repeat(100), '\nafter\n'], 100);
    expect(got[0]!.text).toBe('short');
    expect(got[1]!.error).toMatch(/line 2 is 250 bytes, over the 100 bytes limit for one text/);
    expect(got[2]).toMatchObject({ line: 3, text: 'after' });
  });

  it('refuses binary data and names invalid UTF-8 with its byte', async () => {
    const bin = await lines(['ok\n', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])]);
    expect(bin[1]).toMatchObject({ fatal: true });
    expect(bin[1]!.error).toMatch(/binary data \(a NUL byte at byte 8\)/);
    const bad = await lines([Buffer.from([0x61, 0x62, 0xc4, 0xe3, 0x0a])]); // GBK 你
    expect(bad[0]!.error).toMatch(
      /line 1 is not valid UTF-8 \(bad byte 0xc4 at byte 3 of the line\)/,
    );
  });

  it('firstInvalidUtf8 agrees with the decoder on edge cases', () => {
    const cases: [number[], number][] = [
      [[0x61], -1],
      [[0xe4, 0xbd, 0xa0], -1],
      [[0xf0, 0x9f, 0x98, 0x80], -1],
      [[0xc0, 0x80], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // > U+10FFFF
      [[0x61, 0xe4, 0xbd], 1], // cut off
    ];
    for (const [bytes, at] of cases) {
      expect(firstInvalidUtf8(Uint8Array.from(bytes)), bytes.join(',')).toBe(at);
      let ok = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
      } catch {
        ok = false;
      }
      expect(ok).toBe(at === -1);
    }
  });
});
