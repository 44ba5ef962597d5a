/**
 * Merkle tree hashes and proofs (RFC 6962 §2.1, RFC 9162 §2.1) computed from the full list
 * of leaves. Each function has a form taking leaf data and a `...FromHashes` form taking leaf
 * hashes, which is what a ledger stores.
 */

import { EMPTY_ROOT, hashChildren, hashLeaf } from './hasher.ts';

function checkIndex(name: string, value: number, max: number, inclusive = false): void {
  const ok = Number.isSafeInteger(value) && value >= 0 && (inclusive ? value <= max : value < max);
  if (!ok) throw new RangeError(`${name} ${value} is out of range 0..${inclusive ? max : max - 1}`);
}

/**
 * Largest power of two strictly smaller than n (n >= 2): where RFC 6962 splits a tree.
 * @example splitPoint(5) // 4
 */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * All levels of the tree, bottom-up. An odd last node is carried up unchanged, which gives
 * exactly RFC 6962's tree (split at the largest power of two) without recursion, and lets
 * every inclusion proof be read off in O(log n).
 * @example merkleLevels(hashes).at(-1)![0] // the root (for a non-empty tree)
 */
export function merkleLevels(leafHashes: readonly Uint8Array[]): Uint8Array[][] {
  const levels: Uint8Array[][] = [[...leafHashes]];
  while (levels[levels.length - 1]!.length > 1) {
    const below = levels[levels.length - 1]!;
    const above: Uint8Array[] = [];
    for (let i = 0; i < below.length; i += 2) {
      above.push(i + 1 < below.length ? hashChildren(below[i]!, below[i + 1]!) : below[i]!);
    }
    levels.push(above);
  }
  return levels;
}

/**
 * Root (MTH) of a tree given its leaf hashes.
 * @example toHex(merkleRootFromHashes([])) // 'e3b0c442...' (SHA-256 of '')
 */
export function merkleRootFromHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return EMPTY_ROOT;
  const levels = merkleLevels(leafHashes);
  return levels[levels.length - 1]![0]!;
}

/**
 * Root (MTH) of a tree given its leaf data.
 * @example merkleRoot([utf8('a'), utf8('b')]) // hashChildren(hashLeaf('a'), hashLeaf('b'))
 */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  return merkleRootFromHashes(leaves.map(hashLeaf));
}

/**
 * Inclusion proof from prebuilt {@link merkleLevels}: sibling hashes, leaf level first.
 * Build the levels once to prove many leaves in O(log n) each. The levels may hold any form of
 * the hashes (hex strings, say): a proof is the siblings taken from them.
 * @example const levels = merkleLevels(hashes); hashes.map((_, i) => inclusionProofFromLevels(i, levels))
 */
export function inclusionProofFromLevels<T = Uint8Array>(
  index: number,
  levels: readonly (readonly T[])[],
): T[] {
  checkIndex('leaf index', index, levels[0]?.length ?? 0);
  const proof: T[] = [];
  let i = index;
  for (let l = 0; l < levels.length - 1; l++) {
    const level = levels[l]!;
    const sibling = i % 2 === 0 ? i + 1 : i - 1;
    if (sibling < level.length) proof.push(level[sibling]!);
    i = Math.floor(i / 2);
  }
  return proof;
}

/**
 * RFC 6962 PATH(index, D[n]): the audit path of one leaf, given leaf hashes.
 * @example inclusionProofFromHashes(0, [h0, h1]) // [h1]
 */
export function inclusionProofFromHashes(
  index: number,
  leafHashes: readonly Uint8Array[],
): Uint8Array[] {
  return inclusionProofFromLevels(index, merkleLevels(leafHashes));
}

/**
 * RFC 6962 PATH(index, D[n]) given leaf data.
 * @example inclusionProof(3, leaves) // hashes to pass to verifyInclusion
 */
export function inclusionProof(index: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return inclusionProofFromHashes(index, leaves.map(hashLeaf));
}

/** MTH of leafHashes[lo, hi). */
function rangeRoot(leafHashes: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  if (hi - lo === 1) return leafHashes[lo]!;
  const k = splitPoint(hi - lo);
  return hashChildren(rangeRoot(leafHashes, lo, lo + k), rangeRoot(leafHashes, lo + k, hi));
}

/** RFC 6962 §2.1.2 SUBPROOF(m, D[lo:hi], b), appended to `out`. */
function subproof(
  m: number,
  h: readonly Uint8Array[],
  lo: number,
  hi: number,
  b: boolean,
  out: Uint8Array[],
): void {
  const n = hi - lo;
  if (m === n) {
    if (!b) out.push(rangeRoot(h, lo, hi));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(m, h, lo, lo + k, b, out);
    out.push(rangeRoot(h, lo + k, hi));
  } else {
    subproof(m - k, h, lo + k, hi, false, out);
    out.push(rangeRoot(h, lo, lo + k));
  }
}

/**
 * RFC 6962 PROOF(m, D[n]): proves the tree of the first `m` leaves is a prefix of this one.
 * Empty when m equals n. Throws for m = 0 (nothing to prove) or m > n.
 * @example consistencyProofFromHashes(3, hashes) // for verifyConsistency(3, hashes.length, ...)
 */
export function consistencyProofFromHashes(
  m: number,
  leafHashes: readonly Uint8Array[],
): Uint8Array[] {
  const n = leafHashes.length;
  if (!Number.isSafeInteger(m) || m < 1 || m > n) {
    throw new RangeError(`old tree size ${m} is out of range 1..${n}`);
  }
  const out: Uint8Array[] = [];
  subproof(m, leafHashes, 0, n, true, out);
  return out;
}

/**
 * RFC 6962 PROOF(m, D[n]) given leaf data.
 * @example consistencyProof(4, leaves) // proof that the 4-leaf tree is a prefix of all leaves
 */
export function consistencyProof(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return consistencyProofFromHashes(m, leaves.map(hashLeaf));
}
