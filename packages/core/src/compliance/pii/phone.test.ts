import { describe, expect, it } from 'vitest';
import { detectPhoneNumbers } from './phone.ts';

const found = (text: string) => detectPhoneNumbers(text).map((f) => [f.text, f.score]);

describe('detectPhoneNumbers', () => {
  it('finds E.164, North American and national forms, scored by how distinctive they are', () => {
    expect(found('call +1 415 555 0132 or +44 (20) 7123 4567')).toEqual([
      ['+1 415 555 0132', 0.8],
      ['+44 (20) 7123 4567', 0.8],
    ]);
    expect(found('US: (415) 555-0132, 415-555-0132, 415.555.0132')).toEqual([
      ['(415) 555-0132', 0.5],
      ['415-555-0132', 0.4],
      ['415.555.0132', 0.4],
    ]);
    expect(found('Israel 09-7625400, Japan 090-1234-5678')).toEqual([
      ['09-7625400', 0.35],
      ['090-1234-5678', 0.35],
    ]);
    expect(found('1-415-555-0132 and 91-415-555-0132')).toEqual([
      ['1-415-555-0132', 0.4],
      ['91-415-555-0132', 0.4],
    ]);
  });

  it('counts code points after an emoji and accepts full-width digits', () => {
    const [f] = detectPhoneNumbers('📞 ＋３３ １ ４２ ６８ ５３ ００');
    expect(f).toMatchObject({ start: 2, end: 19, text: '＋３３ １ ４２ ６８ ５３ ００' });
  });

  it('does not take dates, SSNs, IPs, versions, cards or numbers glued to words', () => {
    for (const t of [
      '2026-11-28',
      '05-12-2024',
      '078-05-1123',
      '10.0.0.1',
      'v1.415.555',
      '4111 1111 1111 1111',
      'is415-555-0132',
      '+1 23',
      'tel: 555-0132',
    ])
      expect(found(t), t).toEqual([]);
  });
});
