import { describe, expect, it } from 'vitest';
import { detectPassports } from './passport.ts';
import { hasHan, LiteralScanner } from './scan.ts';

/** What a plain global scan with the same source and flags finds: the reference. */
function globalScan(source: string, flags: string, s: string) {
  return [...s.matchAll(new RegExp(source, flags + 'g'))].map((m) => [m.index, m[0]]);
}

describe('LiteralScanner', () => {
  const cases: Array<[string, string, string[], string]> = [
    // case-insensitive English words next to CJK ones; 'n' and 'a' everywhere in the text
    [
      '(?:姓名|name|address|x)[\\s:]*',
      'i',
      ['姓名', 'name', 'address', 'x'],
      'Name: a NAME, nAmE an Address, no, naMe姓名：XX nb ADDRESS:x',
    ],
    // case-sensitive: 'Name' is not 'name'
    ['name|地址', '', ['name', '地址'], 'Name name 住址地址 nam'],
    // one-character word sharing a first character with a longer one
    ['先生|先', '', ['先生', '先'], '先 先生 先后 先'],
    // a word that ends the text, and a text of one character
    ['ab', 'i', ['ab'], 'xxAB'],
    ['ab', 'i', ['ab'], 'a'],
  ];
  it.each(cases)('finds what a global scan of /%s/%s finds', (source, flags, words, text) => {
    const found = new LiteralScanner(source, flags, words)
      .matchAll(text)
      .map((m) => [m.index, m[0]]);
    expect(found).toEqual(globalScan(source, flags, text));
  });
});

describe('hasHan', () => {
  it('is true for text with an ideograph and false without one', () => {
    expect(hasHan('Dear John, 1 Main St.')).toBe(false);
    expect(hasHan('ＡＢＣ，。')).toBe(false);
    expect(hasHan('John 住在北京')).toBe(true);
  });
});

describe('passport candidates', () => {
  it('take up to three letters before 6-9 digits glued to nothing else', () => {
    const spans = (t: string) => detectPassports(t).map((f) => f.text);
    expect(spans('passport AB1234567')).toContain('AB1234567');
    expect(spans('passport AAA123456')).toContain('AAA123456');
    expect(spans('passport ABCD123456')).toEqual([]);
    expect(spans('passport 1AB1234567')).toEqual([]);
    expect(spans('passport 1234567890')).toEqual([]);
    expect(spans('passport 123456789x')).toEqual([]);
    expect(spans('护照E12345678。')).toContain('E12345678');
  });
});
