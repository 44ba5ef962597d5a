import { describe, expect, it } from 'vitest';
import { preparePii } from '@tessera/core/compliance';
import { findPiiInLines, maskedForDisplay, spanBox } from './image-pii.ts';
import type { OcrLine } from './vision-types.ts';

/** The three lines of pii_zh_en.png as PP-OCR reads them (boxes from a real run). */
const LINES: OcrLine[] = [
  line('姓名：张三电话：13812345678', 22, 32, 511, 34),
  line('身份证号110101199003071234', 25, 104, 504, 31),
  line('Email: john.smith@example.com', 25, 174, 547, 36),
];

function line(text: string, x: number, y: number, width: number, height: number): OcrLine {
  const quad: [number, number][] = [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
  return { text, score: 0.99, box: { x, y, width, height }, quad };
}

// detectPii with every entity needs compromise (English names), loaded once on first use.
await preparePii();

describe('findPiiInLines', () => {
  const found = findPiiInLines(LINES, {}, { width: 800, height: 260 });

  it('finds the name, the phone, the ID-like number and the e-mail, each on its line', () => {
    expect(found.map((f) => [f.entity, f.line, f.text])).toEqual([
      ['CN_PERSON', 0, '张三'],
      ['CN_MOBILE', 0, '13812345678'],
      ['CN_RESIDENT_ID', 1, '110101199003071234'],
      ['EMAIL', 2, 'john.smith@example.com'],
    ]);
  });

  it('reports the ID with a failed check character, a lowered score, and masks it', () => {
    const id = found.find((f) => f.entity === 'CN_RESIDENT_ID')!;
    expect(id.checksum).toBe('failed');
    expect(id.context).toEqual(['身份证号']);
    expect(id.score).toBeLessThan(found.find((f) => f.entity === 'CN_MOBILE')!.score);
    expect(id.masked).toBe('110***********1234');
  });

  it('puts each box on its span: the phone in the right part of line 1', () => {
    const phone = found.find((f) => f.entity === 'CN_MOBILE')!.box;
    // In the image the digits run from about x=318 to x=535.
    expect(phone.x).toBeLessThan(318);
    expect(phone.x).toBeGreaterThan(250);
    expect(phone.x + phone.width).toBeGreaterThanOrEqual(535);
    expect(phone.y).toBeLessThanOrEqual(32);
    expect(phone.y + phone.height).toBeGreaterThanOrEqual(66);
    const email = found.find((f) => f.entity === 'EMAIL')!.box;
    // 'john' starts at about x=137; 'Email:' (x 22..125) stays readable.
    expect(email.x).toBeGreaterThan(110);
    expect(email.x).toBeLessThan(137);
  });

  it('filters by entity and score', () => {
    expect(findPiiInLines(LINES, { entities: ['EMAIL'] }).map((f) => f.entity)).toEqual(['EMAIL']);
    const strict = findPiiInLines(LINES, { minScore: 0.5 }).map((f) => f.entity);
    expect(strict).not.toContain('CN_RESIDENT_ID');
  });
});

describe('spanBox', () => {
  it('gives CJK characters about twice the width of digits', () => {
    const l = line('电话12', 0, 0, 300, 30);
    const cjk = spanBox(l, 0, 2);
    const digits = spanBox(l, 2, 4);
    const pad = 2 * (30 / 3);
    expect(cjk.width - pad).toBeGreaterThan(1.5 * (digits.width - pad));
  });

  it('follows a slanted line and stays in the image', () => {
    const slanted: OcrLine = {
      text: 'abcdefghij',
      score: 1,
      box: { x: 0, y: 0, width: 100, height: 60 },
      quad: [
        [100, 50],
        [0, 10],
        [0, 0],
        [100, 40],
      ],
    };
    const left = spanBox(slanted, 0, 2, { width: 100, height: 60 });
    const right = spanBox(slanted, 8, 10, { width: 100, height: 60 });
    expect(right.y).toBeGreaterThan(left.y);
    expect(left.x).toBe(0);
    expect(right.x + right.width).toBeLessThanOrEqual(100);
  });
});

describe('maskedForDisplay', () => {
  it('uses the default policy’s mask, and masks pseudonymised entities whole', () => {
    expect(maskedForDisplay('CN_MOBILE', '13812345678')).toBe('138****5678');
    expect(maskedForDisplay('CN_PERSON', '张三')).toBe('**');
  });
});
