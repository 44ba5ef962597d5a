import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../bytes.ts';
import { CompactRange } from './compact-range.ts';
import { EMPTY_ROOT } from './hasher.ts';
import { merkleRoot } from './tree.ts';

describe('CompactRange', () => {
  it('gives the same root as the full tree after every append', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 6 }), { maxLength: 80 }), (leaves) => {
        const range = CompactRange.empty();
        for (let i = 0; i < leaves.length; i++) {
          range.append(leaves[i]!);
          if (toHex(range.root()) !== toHex(merkleRoot(leaves.slice(0, i + 1)))) return false;
        }
        return range.size === leaves.length;
      }),
      { numRuns: 60 },
    );
  });

  it('keeps one hash per set bit of the size and restores from its state', () => {
    const range = CompactRange.empty();
    expect(toHex(range.root())).toBe(toHex(EMPTY_ROOT));
    for (let i = 0; i < 13; i++) range.append(utf8(`leaf ${i}`));
    const state = range.state();
    expect(state.hashes).toHaveLength(3); // 13 = 0b1101
    const restored = CompactRange.fromState(JSON.parse(JSON.stringify(state)));
    restored.append(utf8('leaf 13'));
    range.append(utf8('leaf 13'));
    expect(toHex(restored.root())).toBe(toHex(range.root()));
  });

  it('rejects an inconsistent state', () => {
    expect(() => CompactRange.fromState({ size: 3, hashes: ['00'.repeat(32)] })).toThrow(
      /needs 2 subtree hashes, got 1/,
    );
    expect(() => CompactRange.fromState({ size: 1, hashes: ['00'] })).toThrow(/1 bytes, want 32/);
    expect(() => CompactRange.fromState({ size: -1, hashes: [] })).toThrow(/non-negative/);
  });
});
