import { describe, expect, it } from 'vitest';
import { bytesEqual, toHex } from '../bytes.ts';
import { hmacSha256 } from '../hmac.ts';
import { encodeTreeHead, signTreeHead, verifyTreeHead } from './tree-head.ts';

// Stand-in signer for tests: HMAC-SHA256. The server plugs Ed25519 into the same callbacks.
const KEY = 'test-log-key';
const sign = (b: Uint8Array) => hmacSha256(KEY, b);
const verify = (b: Uint8Array, sig: Uint8Array) => bytesEqual(hmacSha256(KEY, b), sig);

const head = {
  tree_size: 8,
  root_hash: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  timestamp: 1_700_000_000_000,
};

describe('tree heads', () => {
  it('encodes as RFC 6962 TreeHeadSignature (version, type, timestamp, size, root)', () => {
    const bytes = encodeTreeHead(head);
    expect(bytes).toHaveLength(50);
    expect(toHex(bytes.subarray(0, 18))).toBe('0001' + '0000018bcfe56800' + '0000000000000008');
    expect(toHex(bytes.subarray(18))).toBe(head.root_hash);
  });

  it('verifies its own signature and rejects any changed field', () => {
    const sth = signTreeHead(head, sign);
    expect(verifyTreeHead(sth, verify)).toBe(true);
    expect(verifyTreeHead({ ...sth, tree_size: 9 }, verify)).toBe(false);
    expect(verifyTreeHead({ ...sth, timestamp: head.timestamp + 1 }, verify)).toBe(false);
    expect(verifyTreeHead({ ...sth, root_hash: '00'.repeat(32) }, verify)).toBe(false);
    expect(verifyTreeHead({ ...sth, signature: 'not base64!' }, verify)).toBe(false);
  });

  it('rejects malformed heads with the field named', () => {
    expect(() => encodeTreeHead({ ...head, tree_size: -1 })).toThrow(/tree_size -1/);
    expect(() => encodeTreeHead({ ...head, root_hash: 'ABC' })).toThrow(/root_hash/);
  });
});
