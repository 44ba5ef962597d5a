import { describe, expect, it } from 'vitest';
import { detectPii, preparePii } from '@tessera/core/compliance';
import { buildSchema } from '@tessera/core/format';
import {
  MARGIN,
  redactData,
  scanData,
  scanLines,
  scanText,
  textFields,
  WINDOW,
} from './pii-scan.ts';

const PIECES = [
  '客户张伟的手机号是13812345678，身份证号110105194912310021，',
  '住在北京市朝阳区建国路88号。',
  'Contact John Smith at john.smith@example.com or 192.168.1.20; card 4012888888881881. ',
  'The weather was nice today and we walked along the river. ',
  '😀表情符号不会打乱偏移😀 ',
  '邮箱 zhang.wei@example.cn 电话 010-62345678 ',
];

/** A long text with PII at shifting positions, so entities fall across window borders. */
function corpus(length: number): string {
  let s = '';
  for (let i = 0; s.length < length; i++)
    s += PIECES[i % PIECES.length]!.repeat(1 + (i % 2)) + ' '.repeat(i % 7);
  return s;
}

// detectPii with every entity needs compromise (English names), loaded once on first use.
await preparePii();

describe('scanText', () => {
  it('gives exactly what detectPii gives on the whole text, across window borders', () => {
    const text = corpus(5 * WINDOW + 3 * MARGIN + 17);
    const whole = detectPii(text);
    expect(whole.length).toBeGreaterThan(50);
    expect(scanText(text)).toEqual(whole);
  });

  it('keeps code-point offsets right when an astral character sits on a window border', () => {
    const pad = 'a'.repeat(WINDOW - 1);
    const text = `${pad}😀手机13812345678 ${'b'.repeat(WINDOW)} 手机13912345678`;
    const found = scanText(text, { entities: ['CN_MOBILE'] });
    const chars = Array.from(text);
    expect(found.map((f) => chars.slice(f.start, f.end).join(''))).toEqual([
      '13812345678',
      '13912345678',
    ]);
  });

  it('scales linearly: 2 MB of dense PII in a few seconds', () => {
    const text = corpus(2_000_000);
    const t = performance.now();
    const found = scanText(text, { entities: ['CN_MOBILE', 'EMAIL', 'CN_RESIDENT_ID'] });
    expect(performance.now() - t).toBeLessThan(20_000);
    expect(found.length).toBeGreaterThan(20_000);
  });
});

describe('scanLines and scanData', () => {
  it('reports line-relative offsets when lines are scanned together', () => {
    const found = scanLines([
      { line: 1, text: 'nothing here' },
      { line: 2, text: '' },
      { line: 3, text: '😀 call 13812345678' },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3, entity: 'CN_MOBILE', start: 7, end: 18 });
  });

  it('walks the text fields of task data with paths, and skips other fields', () => {
    const schema = buildSchema({
      fields: [
        { name: 'text', type: 'text' },
        { name: 'dialogue', type: 'dialogue' },
        { name: 'image', type: 'image' },
      ],
    });
    expect(textFields(schema)).toEqual(['text', 'dialogue']);
    const data = {
      text: '电话13812345678',
      dialogue: [{ role: 'user', content: '我的邮箱是 a.b@example.com' }],
      image: 'https://x/13812345678.jpg',
      other: '13912345678',
    };
    const found = scanData(data, textFields(schema));
    expect(found.map((f) => [f.path, f.entity])).toEqual([
      ['text', 'CN_MOBILE'],
      ['dialogue[0].content', 'EMAIL'],
    ]);
    expect(scanData(data, undefined).map((f) => f.path)).toContain('other');
  });

  it('redactData masks only the policy entities and counts them', () => {
    const r = redactData(
      { text: '手机13812345678 邮箱 a.b@example.com', n: 3 },
      ['text'],
      { CN_MOBILE: { type: 'mask', head: 3, tail: 4 } },
      'k',
    );
    expect(r.data).toEqual({ text: '手机138****5678 邮箱 a.b@example.com', n: 3 });
    expect(r.counts).toEqual({ CN_MOBILE: 1 });
  });
});
