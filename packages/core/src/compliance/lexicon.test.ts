import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from './code-points.ts';
import { Lexicon } from './lexicon.ts';

describe('Lexicon', () => {
  it('matches Chinese and English terms through full width and case, in code points', () => {
    const lex = new Lexicon([{ term: '赌博', category: 'gambling', severity: 2 }, 'Casino']);
    expect(lex.match('🎰线上ＣＡＳＩＮＯ和赌博')).toEqual([
      { term: 'Casino', start: 3, end: 9, text: 'ＣＡＳＩＮＯ' },
      { term: '赌博', category: 'gambling', severity: 2, start: 10, end: 12, text: '赌博' },
    ]);
  });

  it('finds overlapping and nested terms (Aho-Corasick failure links)', () => {
    const lex = new Lexicon(['he', 'she', 'his', 'hers'], { overlaps: 'all' });
    expect(lex.match('ushers').map((m) => [m.term, m.start, m.end])).toEqual([
      ['she', 1, 4],
      ['hers', 2, 6],
      ['he', 2, 4],
    ]);
    const longest = new Lexicon(['he', 'she', 'his', 'hers']);
    expect(longest.match('ushers').map((m) => m.term)).toEqual(['she']);
  });

  it('applies word boundaries to Latin text only', () => {
    const lex = new Lexicon(['ass', '傻'], { wholeWord: true });
    expect(lex.match('class ass 傻子').map((m) => m.text)).toEqual(['ass', '傻']);
    expect(new Lexicon(['ass']).match('class').map((m) => m.start)).toEqual([2]);
  });

  it('can be case-sensitive', () => {
    expect(new Lexicon(['AI'], { caseSensitive: true }).match('ai AI').map((m) => m.start)).toEqual(
      [3],
    );
  });

  it('rejects empty terms and ignores duplicates', () => {
    expect(() => new Lexicon(['ok', ' '])).toThrow(/term 1 is empty/);
    expect(new Lexicon(['A', 'a', 'Ａ']).size).toBe(1);
  });

  it('agrees with a naive search on random text (all overlaps)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', '😀', '赌', '博');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { maxLength: 6, selector: (w) => w.toLowerCase() }),
        fc.array(alphabet, { maxLength: 30 }),
        (terms, chars) => {
          const text = chars.join('');
          const got = new Lexicon(terms, { overlaps: 'all' })
            .match(text)
            .map((m) => `${m.start}:${m.end}`);
          const lower = Array.from(text.toLowerCase());
          const want: string[] = [];
          for (const t of terms) {
            const tl = Array.from(t.toLowerCase());
            for (let i = 0; i + tl.length <= lower.length; i++) {
              if (tl.every((c, j) => lower[i + j] === c)) want.push(`${i}:${i + tl.length}`);
            }
          }
          const order = (xs: string[]) => [...xs].sort();
          return (
            JSON.stringify(order(got)) === JSON.stringify(order(want)) &&
            got.every((g) => {
              const [s, e] = g.split(':').map(Number) as [number, number];
              return sliceCodePoints(text, s, e).length > 0;
            })
          );
        },
      ),
    );
  });
});
