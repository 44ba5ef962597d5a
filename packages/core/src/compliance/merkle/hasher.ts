/**
 * RFC 6962 §2.1 hashing with domain separation: leaves and interior nodes are hashed with
 * different prefixes, so a leaf can never be passed off as a node (second-preimage defence).
 */

import { concatBytes } from '../bytes.ts';
import { sha256 } from '../sha256.ts';

/** Size of every hash in the tree, in bytes. */
export const HASH_SIZE = 32;

/** MTH({}) = SHA-256 of the empty string: the root of the empty tree. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

/**
 * Leaf hash: SHA-256(0x00 || data).
 * @example toHex(hashLeaf(new Uint8Array(0))) // '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'
 */
export function hashLeaf(data: Uint8Array): Uint8Array {
  return sha256(concatBytes(new Uint8Array([0]), data));
}

/**
 * Interior node hash: SHA-256(0x01 || left || right).
 * @example hashChildren(hashLeaf(a), hashLeaf(b)) // root of the tree [a, b]
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(new Uint8Array([1]), left, right));
}
