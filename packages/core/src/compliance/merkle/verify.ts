/**
 * Proof verification, RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency). Sizes are
 * JavaScript numbers, so shifts are done arithmetically (bit operators would wrap at 2^31).
 */

import { bytesEqual } from '../bytes.ts';
import { HASH_SIZE, hashChildren } from './hasher.ts';

const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;
const isHash = (h: Uint8Array) => h instanceof Uint8Array && h.length === HASH_SIZE;
const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/**
 * Checks that `leafHash` is leaf `index` of the tree of `treeSize` leaves with root `root`.
 * Returns false (never throws) for any malformed input: wrong hash sizes, index out of
 * range, a proof that is too short or too long.
 * @example verifyInclusion(hashLeaf(data), 2, 8, inclusionProof(2, leaves), merkleRoot(leaves)) // true
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return false;
  if (!isHash(leafHash) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * Checks that the tree of size `m` with `oldRoot` is a prefix of the tree of size `n` with
 * `newRoot`. Equal sizes need an empty proof and equal roots; m = 0 is refused (a proof
 * from the empty tree proves nothing); m > n is refused. Never throws.
 * @example verifyConsistency(3, 8, merkleRoot(leaves.slice(0, 3)), merkleRoot(leaves), consistencyProof(3, leaves)) // true
 */
export function verifyConsistency(
  m: number,
  n: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(m) || !isSize(n) || m > n || m === 0) return false;
  if (m === n) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (proof.length === 0 || !proof.every(isHash) || !isHash(oldRoot) || !isHash(newRoot))
    return false;
  // If m is a power of two, the old root itself starts the path.
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}

function isPowerOfTwo(n: number): boolean {
  let x = n;
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}
