import { describe, expect, it } from 'vitest';
import { utf8 } from '@tessera/core/compliance';
import {
  generateLedgerKey,
  keyIdOf,
  LedgerKeyError,
  loadLedgerKey,
  openPrivateKey,
  verifierFor,
} from './ledger-key.ts';

const SECRET = 's'.repeat(64);

describe('ledger signing key', () => {
  it('signs with the sealed key and verifies with the public key alone', () => {
    const row = generateLedgerKey(SECRET);
    expect(row.private_key_sealed).not.toContain('PRIVATE');
    expect(row.key_id).toBe(keyIdOf(row.public_key));
    const key = loadLedgerKey(row, SECRET);
    const sig = key.sign(utf8('tree head'));
    expect(sig).toHaveLength(64);
    expect(verifierFor(row.public_key)(utf8('tree head'), sig)).toBe(true);
    expect(verifierFor(row.public_key)(utf8('tree heaD'), sig)).toBe(false);
    expect(verifierFor(row.public_key)(utf8('tree head'), sig.subarray(1))).toBe(false);
  });

  it('cannot be opened with another secret or moved to another key id', () => {
    const row = generateLedgerKey(SECRET);
    expect(() => loadLedgerKey(row, 't'.repeat(64))).toThrow(LedgerKeyError);
    expect(() => loadLedgerKey(row, 't'.repeat(64))).toThrow(/restore the secret/);
    const other = generateLedgerKey(SECRET);
    expect(() => openPrivateKey(row.private_key_sealed, SECRET, other.key_id)).toThrow(
      LedgerKeyError,
    );
    expect(() => openPrivateKey('garbage', SECRET, row.key_id)).toThrow(/not in a known format/);
  });
});
