import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8 } from '../bytes.ts';
import reference from '../fixtures/rfc6962-reference-tree.json' with { type: 'json' };
import { EMPTY_ROOT, hashChildren, hashLeaf } from './hasher.ts';
import {
  consistencyProof,
  inclusionProof,
  merkleLevels,
  merkleRoot,
  merkleRootFromHashes,
  splitPoint,
} from './tree.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';

const leaves = reference.leaf_inputs_hex.map(fromHex);

describe('RFC 6962 hashing (reference tree, transparency-dev/merkle)', () => {
  it('matches the hasher vectors', () => {
    const [empty, emptyLeaf, leaf, node] = reference.hasher_vectors;
    expect(toHex(EMPTY_ROOT)).toBe(empty!.want);
    expect(toHex(hashLeaf(new Uint8Array(0)))).toBe(emptyLeaf!.want);
    expect(toHex(hashLeaf(utf8('L123456')))).toBe(leaf!.want);
    expect(toHex(hashChildren(utf8('N123'), utf8('N456')))).toBe(node!.want);
  });

  it('gives the published root for every prefix size 0..8', () => {
    reference.root_hashes_by_tree_size_0_to_8.forEach((want, size) => {
      expect(toHex(merkleRoot(leaves.slice(0, size))), `size ${size}`).toBe(want);
    });
    expect(toHex(merkleRoot(leaves))).toBe(
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    );
  });

  it('gives the published interior node hashes', () => {
    const levels = merkleLevels(leaves.map(hashLeaf));
    reference.node_hashes_by_level.forEach((level, l) => {
      expect(levels[l]!.map(toHex)).toEqual(level);
    });
  });
});

describe('proof generation', () => {
  const hex = (proof: Uint8Array[]) => proof.map(toHex);

  it('matches the audit paths of transparency-dev/merkle verify_test.go', () => {
    const nodes = reference.node_hashes_by_level;
    expect(hex(inclusionProof(0, leaves))).toEqual([nodes[0]![1], nodes[1]![1], nodes[2]![1]]);
    expect(hex(inclusionProof(5, leaves))).toEqual([nodes[0]![4], nodes[1]![3], nodes[2]![0]]);
    expect(hex(inclusionProof(2, leaves.slice(0, 3)))).toEqual([nodes[1]![0]]);
    expect(hex(inclusionProof(1, leaves.slice(0, 5)))).toEqual([
      nodes[0]![0],
      nodes[1]![1],
      nodes[0]![4],
    ]);
  });

  it('matches the consistency proofs of transparency-dev/merkle verify_test.go', () => {
    expect(hex(consistencyProof(1, leaves))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(consistencyProof(6, leaves))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(consistencyProof(2, leaves.slice(0, 5)))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
    expect(hex(consistencyProof(6, leaves.slice(0, 7)))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(consistencyProof(8, leaves)).toEqual([]);
  });

  it('rejects out-of-range requests', () => {
    expect(() => inclusionProof(8, leaves)).toThrow(/leaf index 8 is out of range 0..7/);
    expect(() => consistencyProof(0, leaves)).toThrow(/out of range 1..8/);
    expect(() => consistencyProof(9, leaves)).toThrow(/out of range 1..8/);
  });
});

/** RFC 6962 §2.1.1 PATH(m, D[n]) written directly from the recursive definition. */
function pathOracle(m: number, h: Uint8Array[]): Uint8Array[] {
  if (h.length === 1) return [];
  const k = splitPoint(h.length);
  return m < k
    ? [...pathOracle(m, h.slice(0, k)), merkleRootFromHashes(h.slice(k))]
    : [...pathOracle(m - k, h.slice(k)), merkleRootFromHashes(h.slice(0, k))];
}

describe('proofs on random trees (property)', () => {
  const tree = fc
    .array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 })
    .chain((ls) => fc.tuple(fc.constant(ls), fc.nat(ls.length - 1), fc.nat(ls.length - 1)));

  it('level-based audit paths equal the recursive definition and verify', () => {
    fc.assert(
      fc.property(tree, ([ls, i]) => {
        const hashes = ls.map(hashLeaf);
        const proof = inclusionProof(i, ls);
        const root = merkleRoot(ls);
        const flipped = hashes[i]!.slice();
        flipped[0] = flipped[0]! ^ 1;
        return (
          hex(proof) === hex(pathOracle(i, hashes)) &&
          verifyInclusion(hashes[i]!, i, ls.length, proof, root) &&
          !verifyInclusion(flipped, i, ls.length, proof, root)
        );
      }),
    );
  });

  it('consistency proofs verify, and fail for another old root', () => {
    fc.assert(
      fc.property(tree, ([ls, a]) => {
        const m = a + 1;
        const proof = consistencyProof(m, ls);
        const oldRoot = merkleRoot(ls.slice(0, m));
        const newRoot = merkleRoot(ls);
        const ok = verifyConsistency(m, ls.length, oldRoot, newRoot, proof);
        const forged = verifyConsistency(m, ls.length, hashLeaf(utf8('x')), newRoot, proof);
        return ok && !forged;
      }),
    );
  });

  function hex(p: Uint8Array[]): string {
    return p.map(toHex).join(',');
  }
});
