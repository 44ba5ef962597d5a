/**
 * An append-only Merkle log frontier: the roots of the perfect subtrees that make up the
 * tree (one per set bit of its size). Appending is O(log n) and memory is O(log n), so a
 * ledger can compute every new root without loading all leaf hashes.
 */

import { fromHex, toHex } from '../bytes.ts';
import { EMPTY_ROOT, HASH_SIZE, hashChildren, hashLeaf } from './hasher.ts';

/** Serialisable form of a {@link CompactRange}: the size and the subtree roots, hex. */
export interface CompactRangeState {
  size: number;
  hashes: string[];
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) c += x % 2;
  return c;
}

/**
 * Frontier of an RFC 6962 tree covering leaves [0, size).
 * @example
 * const range = CompactRange.empty();
 * range.append(utf8('a'));
 * range.append(utf8('b'));
 * toHex(range.root()); // same as merkleRoot([utf8('a'), utf8('b')])
 */
export class CompactRange {
  private constructor(
    private count: number,
    private readonly nodes: Uint8Array[],
  ) {}

  /** A range over no leaves. */
  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /**
   * Restores a range from {@link CompactRange.state}; throws a RangeError when the number of
   * hashes does not match the size or a hash is malformed.
   */
  static fromState(state: CompactRangeState): CompactRange {
    if (!Number.isSafeInteger(state.size) || state.size < 0) {
      throw new RangeError(`compact range size ${state.size} is not a non-negative integer`);
    }
    const want = popcount(state.size);
    if (state.hashes.length !== want) {
      throw new RangeError(
        `a tree of size ${state.size} needs ${want} subtree hashes, got ${state.hashes.length}`,
      );
    }
    const nodes = state.hashes.map((h, i) => {
      const b = fromHex(h);
      if (b.length !== HASH_SIZE)
        throw new RangeError(`subtree hash ${i} has ${b.length} bytes, want ${HASH_SIZE}`);
      return b;
    });
    return new CompactRange(state.size, nodes);
  }

  /** Number of leaves covered. */
  get size(): number {
    return this.count;
  }

  /** Appends a leaf by its data. */
  append(leafData: Uint8Array): void {
    this.appendLeafHash(hashLeaf(leafData));
  }

  /** Appends a leaf by its hash (SHA-256(0x00 || data)). */
  appendLeafHash(leafHash: Uint8Array): void {
    if (leafHash.length !== HASH_SIZE)
      throw new RangeError(`leaf hash has ${leafHash.length} bytes, want ${HASH_SIZE}`);
    let h = leafHash;
    // Each trailing 1 bit of the old size is a perfect subtree the new leaf completes.
    for (let s = this.count; s % 2 === 1; s = Math.floor(s / 2))
      h = hashChildren(this.nodes.pop()!, h);
    this.nodes.push(h);
    this.count++;
  }

  /** Root hash of the tree so far (SHA-256('') when empty). */
  root(): Uint8Array {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let h = this.nodes[this.nodes.length - 1]!;
    for (let i = this.nodes.length - 2; i >= 0; i--) h = hashChildren(this.nodes[i]!, h);
    return h;
  }

  /** Serialisable state for storage. */
  state(): CompactRangeState {
    return { size: this.count, hashes: this.nodes.map(toHex) };
  }
}
