import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../code-points.ts';
import { detectPii, preparePii, resolveOverlaps } from './detect.ts';

const SAMPLE =
  '🧾客户信息：姓名：张伟，手机１３８１２３４５６７８，身份证号11010519491231002X，' +
  '邮箱zhang.wei@example.com，地址：北京市朝阳区建国路88号院3号楼，车牌京A12345。' +
  'Contact: Dr. Emily Chen, card 4111-1111-1111-1111, from 203.0.113.9.';

describe('detectPii', () => {
  beforeAll(() => preparePii());

  it('finds every kind in a mixed Chinese/English record, in code-point offsets', () => {
    const found = detectPii(SAMPLE);
    expect(found.map((f) => [f.entity, f.text])).toEqual([
      ['CN_PERSON', '张伟'],
      ['CN_MOBILE', '１３８１２３４５６７８'],
      ['CN_RESIDENT_ID', '11010519491231002X'],
      ['EMAIL', 'zhang.wei@example.com'],
      ['CN_ADDRESS', '北京市朝阳区建国路88号院3号楼'],
      ['CN_LICENSE_PLATE', '京A12345'],
      ['PERSON', 'Emily Chen'],
      ['BANK_CARD', '4111-1111-1111-1111'],
      ['IP_ADDRESS', '203.0.113.9'],
    ]);
    for (const f of found) expect(sliceCodePoints(SAMPLE, f.start, f.end)).toBe(f.text);
    expect(found[0]!.start).toBe(9); // the receipt emoji counts once
  });

  it('filters by entity and score', () => {
    expect(detectPii(SAMPLE, { entities: ['EMAIL'] }).map((f) => f.entity)).toEqual(['EMAIL']);
    const strict = detectPii(SAMPLE, { minScore: 0.9 }).map((f) => f.entity);
    expect(strict).toEqual([
      'CN_MOBILE',
      'CN_RESIDENT_ID',
      'EMAIL',
      'CN_LICENSE_PLATE',
      'BANK_CARD',
    ]);
  });

  it('keeps weak pattern matches below the default threshold', () => {
    expect(detectPii('order 912803456')).toEqual([]);
    expect(detectPii('order 912803456', { minScore: 0 }).map((f) => f.entity)).toContain(
      'US_PASSPORT',
    );
  });

  it('resolves overlaps: the higher score wins, then the longer span', () => {
    const e = (start: number, end: number, score: number) => ({ start, end, score });
    expect(resolveOverlaps([e(0, 5, 0.5), e(3, 8, 0.9), e(8, 9, 0.1)])).toEqual([
      e(3, 8, 0.9),
      e(8, 9, 0.1),
    ]);
    expect(resolveOverlaps([e(0, 5, 0.5), e(0, 9, 0.5)])).toEqual([e(0, 9, 0.5)]);
    expect(detectPii('护照 E12345678').map((f) => f.entity)).toEqual(['CN_PASSPORT']);
  });

  it('rejects unknown entities and bad thresholds with a clear message', () => {
    expect(() => detectPii('x', { entities: ['SHOE_SIZE'] })).toThrow(
      /unknown PII entity "SHOE_SIZE"/,
    );
    expect(() => detectPii('x', { minScore: 2 })).toThrow(/minScore must be in 0..1/);
  });

  it('always returns sorted, non-overlapping spans whose text matches the original', () => {
    const piece = fc.constantFrom(
      '😀',
      '𠀀',
      '手机13812345678',
      '身份证11010519491231002X',
      ' 4111 1111 1111 1111 ',
      'a@b.cn',
      '姓名：李娜',
      '１９２．１６８．１．１',
      ' John Smith ',
      '，',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const found = detectPii(text, {
          entities: [
            'CN_MOBILE',
            'CN_RESIDENT_ID',
            'BANK_CARD',
            'EMAIL',
            'CN_PERSON',
            'IP_ADDRESS',
          ],
        });
        return found.every(
          (f, i) =>
            sliceCodePoints(text, f.start, f.end) === f.text &&
            f.start < f.end &&
            (i === 0 || found[i - 1]!.end <= f.start),
        );
      }),
      { numRuns: 200 },
    );
  });
});
