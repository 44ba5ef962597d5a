import { describe, expect, it } from 'vitest';
import {
  consistencyProofFromHashes,
  hashLeaf,
  inclusionProofFromHashes,
  merkleRootFromHashes,
  toHex,
  utf8,
  verifyConsistency,
  verifyInclusion,
} from '@tessera/core/compliance';
import {
  appendToFrontier,
  consistencyFromNodes,
  inclusionFromNodes,
  nodeKey,
  rootFromNodes,
  withNodes,
  type NodeSource,
} from './merkle-store.ts';

/** A log built by appending in uneven batches, as the ledger does, with its stored nodes. */
function buildLog(n: number) {
  const leaves = Array.from({ length: n }, (_, i) => hashLeaf(utf8(`leaf ${i}`)));
  const nodes = new Map<string, Uint8Array>();
  leaves.forEach((h, i) => nodes.set(nodeKey(0, i), h));
  let state = { size: 0, hashes: [] as string[] };
  const roots: string[] = [];
  for (let i = 0; i < n;) {
    const batch = leaves.slice(i, i + 1 + (i % 3));
    const r = appendToFrontier(state, batch);
    for (const x of r.nodes)
      nodes.set(nodeKey(x.level, x.idx), Uint8Array.from(Buffer.from(x.hash, 'hex')));
    state = r.state;
    i += batch.length;
    roots[i] = r.root;
  }
  const get: NodeSource = (level, idx) => {
    const h = nodes.get(nodeKey(level, idx));
    if (!h) throw new Error(`missing ${level}/${idx}`);
    return h;
  };
  return { leaves, get, roots, state };
}

const hex = (xs: Uint8Array[]) => xs.map(toHex);

describe('ledger Merkle store', () => {
  const { leaves, get, roots } = buildLog(70);

  it('the frontier root after each batch is the RFC 6962 root of the prefix', () => {
    roots.forEach((root, size) => {
      if (root) expect(root).toBe(toHex(merkleRootFromHashes(leaves.slice(0, size))));
    });
    for (let size = 0; size <= 70; size++)
      expect(toHex(rootFromNodes(get, size))).toBe(
        toHex(merkleRootFromHashes(leaves.slice(0, size))),
      );
  });

  it('inclusion proofs from stored nodes equal the full-tree proofs for every leaf and size', () => {
    for (let size = 1; size <= 70; size++) {
      const prefix = leaves.slice(0, size);
      for (let i = 0; i < size; i++) {
        const proof = inclusionFromNodes(get, i, size);
        expect(hex(proof)).toEqual(hex(inclusionProofFromHashes(i, prefix)));
        expect(verifyInclusion(leaves[i]!, i, size, proof, rootFromNodes(get, size))).toBe(true);
      }
    }
  });

  it('consistency proofs from stored nodes equal the full-tree proofs for every pair of sizes', () => {
    for (let to = 1; to <= 70; to++) {
      for (let from = 1; from <= to; from++) {
        const proof = consistencyFromNodes(get, from, to);
        expect(hex(proof)).toEqual(hex(consistencyProofFromHashes(from, leaves.slice(0, to))));
        expect(
          verifyConsistency(from, to, rootFromNodes(get, from), rootFromNodes(get, to), proof),
        ).toBe(true);
      }
    }
  });

  it('withNodes fetches only the O(log n) nodes a proof reads, in one call', async () => {
    let calls = 0;
    let asked = 0;
    const proof = await withNodes(
      (g) => inclusionFromNodes(g, 37, 70),
      async (refs) => {
        calls++;
        asked = refs.length;
        return new Map(refs.map((r) => [nodeKey(r.level, r.idx), get(r.level, r.idx)]));
      },
    );
    expect(calls).toBe(1);
    expect(asked).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(70)));
    expect(hex(proof)).toEqual(hex(inclusionProofFromHashes(37, leaves)));
  });

  it('refuses out-of-range sizes and a frontier that does not match its size', () => {
    expect(() => inclusionFromNodes(get, 5, 5)).toThrow(/leaf index 5 is out of range 0..4/);
    expect(() => consistencyFromNodes(get, 0, 5)).toThrow(/old tree size 0/);
    expect(() => consistencyFromNodes(get, 6, 5)).toThrow(/old tree size 6/);
    expect(() => appendToFrontier({ size: 3, hashes: [] }, [])).toThrow(/needs 2 subtree hashes/);
  });
});
