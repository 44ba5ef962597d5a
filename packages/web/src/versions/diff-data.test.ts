import { describe, it, expect } from 'vitest';
import { changeMax, defaultPair, pairFromSearch, searchWithPair, shortHash } from './diff-data.ts';

describe('versions page helpers', () => {
  it('compares the two newest versions, older to newer', () => {
    expect(
      defaultPair([
        { id: 1, created_at: '2026-11-01T00:00:00Z' },
        { id: 3, created_at: '2026-11-03T00:00:00Z' },
        { id: 2, created_at: '2026-11-02T00:00:00Z' },
      ]),
    ).toEqual({ from: 2, to: 3 });
    expect(defaultPair([{ id: 1, created_at: 'x' }])).toBeNull();
  });

  it('reads and writes the pair in the address', () => {
    expect(pairFromSearch('?from=1&to=3')).toEqual({ from: 1, to: 3 });
    expect(pairFromSearch('?from=1&to=1')).toBeNull();
    expect(pairFromSearch('?from=x&to=2')).toBeNull();
    expect(pairFromSearch('')).toBeNull();
    expect(searchWithPair('?tab=a&from=9', { from: 1, to: 2 })).toBe('?tab=a&from=1&to=2');
  });

  it('scales the change bars to the largest change', () => {
    expect(
      changeMax([
        { label: 'a', added: 3, removed: 7, examples: [] },
        { label: 'b', added: 5, removed: 0, examples: [] },
      ]),
    ).toBe(7);
    expect(changeMax([])).toBe(0);
    expect(shortHash('0123456789abcdef')).toBe('0123456789ab');
  });
});
