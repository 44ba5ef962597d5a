/**
 * The ledger's Merkle tree as the store keeps it: a frontier (compact range) that makes an
 * append O(log n), and every perfect subtree hash completed along the way, so that an RFC 6962
 * inclusion or consistency proof reads O(log n) stored hashes instead of all n leaves.
 *
 * Proofs are computed in two passes: the first records which stored nodes the proof needs
 * (with placeholder hashes), the caller fetches exactly those, the second computes for real.
 */

import {
  CompactRange,
  EMPTY_ROOT,
  fromHex,
  hashChildren,
  toHex,
  type CompactRangeState,
} from '@tessera/core/compliance';

/** A perfect subtree: level 0 is a leaf; covers leaves [idx·2^level, (idx+1)·2^level). */
export interface NodeRef {
  level: number;
  idx: number;
}

/** A completed subtree hash to store. */
export interface StoredNode extends NodeRef {
  hash: string;
}

/** Reads stored subtree hashes (level 0 = leaf hashes). */
export type NodeSource = (level: number, idx: number) => Uint8Array;

const pow2 = (level: number) => 2 ** level;

/** Level of a perfect aligned subtree [lo, hi), or -1 when it is not one. */
function perfectLevel(lo: number, hi: number): number {
  const n = hi - lo;
  let level = 0;
  while (pow2(level) < n) level++;
  return pow2(level) === n && lo % n === 0 ? level : -1;
}

/** Largest power of two strictly below n (n >= 2): where RFC 6962 splits a tree. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Appends leaf hashes to a frontier and returns the new frontier, its root and the perfect
 * subtrees (level >= 1) the appends completed.
 * @example
 * const r = appendToFrontier({ size: 0, hashes: [] }, [hashLeaf(a), hashLeaf(b)]);
 * r.nodes // [{ level: 1, idx: 0, hash: <root of [a, b]> }]
 */
export function appendToFrontier(
  state: CompactRangeState,
  leafHashes: readonly Uint8Array[],
): { state: CompactRangeState; root: string; nodes: StoredNode[] } {
  CompactRange.fromState(state); // validates size against the number of hashes
  const frontier = state.hashes.map(fromHex);
  const nodes: StoredNode[] = [];
  let size = state.size;
  for (const leaf of leafHashes) {
    let h = leaf;
    let level = 0;
    // Each trailing 1 bit of the old size is a perfect subtree the new leaf completes.
    for (let s = size; s % 2 === 1; s = Math.floor(s / 2)) {
      h = hashChildren(frontier.pop()!, h);
      level++;
      nodes.push({ level, idx: (size + 1) / pow2(level) - 1, hash: toHex(h) });
    }
    frontier.push(h);
    size++;
  }
  const next = { size, hashes: frontier.map(toHex) };
  return { state: next, root: toHex(CompactRange.fromState(next).root()), nodes };
}

/** Hash of leaves [lo, hi) when lo is aligned to a power of two >= hi - lo (always so in proofs). */
function rangeRoot(get: NodeSource, lo: number, hi: number): Uint8Array {
  const level = perfectLevel(lo, hi);
  if (level >= 0) return get(level, lo / pow2(level));
  const k = split(hi - lo);
  return hashChildren(rangeRoot(get, lo, lo + k), rangeRoot(get, lo + k, hi));
}

function path(get: NodeSource, m: number, lo: number, hi: number, out: Uint8Array[]): void {
  if (hi - lo === 1) return;
  const k = split(hi - lo);
  if (m < k) {
    path(get, m, lo, lo + k, out);
    out.push(rangeRoot(get, lo + k, hi));
  } else {
    path(get, m - k, lo + k, hi, out);
    out.push(rangeRoot(get, lo, lo + k));
  }
}

function subproof(
  get: NodeSource,
  m: number,
  lo: number,
  hi: number,
  whole: boolean,
  out: Uint8Array[],
): void {
  const n = hi - lo;
  if (m === n) {
    if (!whole) out.push(rangeRoot(get, lo, hi));
    return;
  }
  const k = split(n);
  if (m <= k) {
    subproof(get, m, lo, lo + k, whole, out);
    out.push(rangeRoot(get, lo + k, hi));
  } else {
    subproof(get, m - k, lo + k, hi, false, out);
    out.push(rangeRoot(get, lo, lo + k));
  }
}

function checkSize(name: string, v: number, min: number, max: number): void {
  if (!Number.isSafeInteger(v) || v < min || v > max)
    throw new RangeError(`${name} ${v} is out of range ${min}..${max}`);
}

/**
 * RFC 6962 PATH(index, D[size]) from stored nodes, leaf level first.
 * @example inclusionFromNodes(get, 2, 8) // the same hashes as inclusionProofFromHashes(2, leaves)
 */
export function inclusionFromNodes(get: NodeSource, index: number, size: number): Uint8Array[] {
  checkSize('tree size', size, 1, Number.MAX_SAFE_INTEGER);
  checkSize('leaf index', index, 0, size - 1);
  const out: Uint8Array[] = [];
  path(get, index, 0, size, out);
  return out;
}

/**
 * RFC 6962 PROOF(from, D[to]) from stored nodes; empty when from equals to.
 * @example consistencyFromNodes(get, 3, 8) // the same hashes as consistencyProofFromHashes(3, leaves)
 */
export function consistencyFromNodes(get: NodeSource, from: number, to: number): Uint8Array[] {
  checkSize('tree size', to, 1, Number.MAX_SAFE_INTEGER);
  checkSize('old tree size', from, 1, to);
  const out: Uint8Array[] = [];
  subproof(get, from, 0, to, true, out);
  return out;
}

/**
 * Root of the first `size` leaves from stored nodes (SHA-256 of '' for 0).
 * @example toHex(rootFromNodes(get, 5))
 */
export function rootFromNodes(get: NodeSource, size: number): Uint8Array {
  checkSize('tree size', size, 0, Number.MAX_SAFE_INTEGER);
  return size === 0 ? EMPTY_ROOT : rangeRoot(get, 0, size);
}

/**
 * Runs a proof computation twice: first to learn which nodes it reads, then with those nodes
 * fetched in one go by `fetch`.
 * @example
 * const proof = await withNodes((get) => inclusionFromNodes(get, 5, 9), repo.nodes);
 */
export async function withNodes<T>(
  compute: (get: NodeSource) => T,
  fetch: (refs: NodeRef[]) => Promise<Map<string, Uint8Array>>,
): Promise<T> {
  const refs = new Map<string, NodeRef>();
  const placeholder = new Uint8Array(32);
  compute((level, idx) => {
    refs.set(nodeKey(level, idx), { level, idx });
    return placeholder;
  });
  const found = await fetch([...refs.values()]);
  return compute((level, idx) => {
    const h = found.get(nodeKey(level, idx));
    if (!h) throw new Error(`ledger node ${level}/${idx} is missing from the store`);
    return h;
  });
}

/**
 * Map key of a node.
 * @example nodeKey(2, 5) // '2/5'
 */
export const nodeKey = (level: number, idx: number): string => `${level}/${idx}`;
