import { describe, expect, it } from 'vitest';
import { metaPaths, parseGroupBy } from './bias.service.ts';

describe('metaPaths', () => {
  it('lists scalar values by dotted path, three levels deep, that group_by can name', () => {
    const paths = metaPaths({
      region: 'north',
      speaker: { age: 30, gender: 'f', origin: { city: 'Xi’an', geo: { lat: 1 } } },
      tags: ['a', 'b'],
      'bad key': 'x',
      ok: true,
      none: null,
    });
    expect(paths).toEqual([
      ['region', 'north'],
      ['speaker.age', '30'],
      ['speaker.gender', 'f'],
      ['speaker.origin.city', 'Xi’an'],
      ['ok', 'true'],
    ]);
    for (const [p] of paths) expect(parseGroupBy(`meta.${p}`)).toEqual(p.split('.'));
  });

  it('gives nothing for meta that is not an object', () => {
    expect(metaPaths(null)).toEqual([]);
    expect(metaPaths([1, 2])).toEqual([]);
    expect(metaPaths('x')).toEqual([]);
  });
});
