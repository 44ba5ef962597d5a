/**
 * Signed tree heads. The bytes signed are RFC 6962 §3.5's TreeHeadSignature structure, a
 * fixed 50-byte encoding with no room for ambiguity:
 *   version v1 (0x00) | signature_type tree_hash (0x01) | uint64 timestamp (ms since epoch)
 *   | uint64 tree_size | 32-byte SHA-256 root hash (all integers big-endian).
 * Signing itself (Ed25519) is the server's job: these functions take callbacks.
 */

import { fromBase64, fromHex, toBase64 } from '../bytes.ts';
import { HASH_SIZE } from './hasher.ts';

/** A tree head: size, root (lower-case hex) and timestamp (ms since the Unix epoch). */
export interface TreeHead {
  tree_size: number;
  root_hash: string;
  timestamp: number;
}

/** A tree head with a base64 signature over {@link encodeTreeHead}. */
export interface SignedTreeHead extends TreeHead {
  signature: string;
}

/** Signs bytes (e.g. Ed25519 with the server's log key). */
export type SignFn = (bytes: Uint8Array) => Uint8Array;
/** Verifies a signature over bytes. */
export type VerifyFn = (bytes: Uint8Array, signature: Uint8Array) => boolean;

/**
 * The canonical bytes of a tree head (RFC 6962 §3.5 TreeHeadSignature). Throws a RangeError
 * naming the bad field.
 * @example encodeTreeHead({ tree_size: 8, root_hash: '5dc9…4328', timestamp: 1700000000000 }).length // 50
 */
export function encodeTreeHead(head: TreeHead): Uint8Array {
  for (const field of ['tree_size', 'timestamp'] as const) {
    const v = head[field];
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`tree head ${field} ${v} is not a non-negative integer`);
  }
  if (!/^[0-9a-f]{64}$/.test(head.root_hash)) {
    throw new RangeError(`tree head root_hash must be ${HASH_SIZE * 2} lower-case hex digits`);
  }
  const out = new Uint8Array(2 + 8 + 8 + HASH_SIZE);
  const view = new DataView(out.buffer);
  out[0] = 0; // Version v1
  out[1] = 1; // SignatureType tree_hash
  view.setBigUint64(2, BigInt(head.timestamp));
  view.setBigUint64(10, BigInt(head.tree_size));
  out.set(fromHex(head.root_hash), 18);
  return out;
}

/**
 * Signs a tree head with the caller's signer.
 * @example signTreeHead(head, (bytes) => ed25519.sign(bytes, privateKey))
 */
export function signTreeHead(head: TreeHead, sign: SignFn): SignedTreeHead {
  const { tree_size, root_hash, timestamp } = head;
  return { tree_size, root_hash, timestamp, signature: toBase64(sign(encodeTreeHead(head))) };
}

/**
 * Verifies a signed tree head; false (never throws) for a malformed head or signature.
 * @example verifyTreeHead(sth, (bytes, sig) => ed25519.verify(sig, bytes, publicKey))
 */
export function verifyTreeHead(head: SignedTreeHead, verify: VerifyFn): boolean {
  try {
    return verify(encodeTreeHead(head), fromBase64(head.signature)) === true;
  } catch {
    return false;
  }
}
