import { beforeAll, describe, expect, it } from 'vitest';
import { detectPersons, loadPersonNames } from './en-name.ts';

describe('detectPersons (compromise)', () => {
  beforeAll(() => loadPersonNames());

  it('maps UTF-16 offsets to code points after emoji', () => {
    const text = '😀😀 Dear Mrs. Mary Smith, thanks';
    const [f] = detectPersons(text);
    expect(f).toMatchObject({ start: 13, end: 23, text: 'Mary Smith', score: 0.85 });
    expect(Array.from(text).slice(f!.start, f!.end).join('')).toBe('Mary Smith');
  });

  it('does not glue Chinese text to a name and drops possessives', () => {
    expect(detectPersons('联系人 David Johnson，电话13812345678').map((f) => f.text)).toEqual([
      'David Johnson',
    ]);
    expect(detectPersons("I saw John's car").map((f) => f.text)).toEqual(['John']);
  });

  it('finds nothing in text without names', () => {
    expect(detectPersons('The weather is nice today.')).toEqual([]);
    expect(detectPersons('今天天气很好')).toEqual([]);
  });
});
