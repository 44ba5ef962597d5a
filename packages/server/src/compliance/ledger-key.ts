/**
 * The ledger's Ed25519 signing key. It is generated once with node:crypto and kept in the
 * `ledger_keys` table with its private half sealed by AES-256-GCM under a key derived (HKDF)
 * from TESSERA_SECRET. One place for both stores: every instance of a PostgreSQL deployment
 * signs with the same key, a database dump alone does not reveal it, and a backup carries it.
 */

import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';
import type { SignFn, VerifyFn } from '@tessera/core/compliance';

/** A loaded signing key. */
export interface LedgerKey {
  /** Lower-case hex SHA-256 of the SPKI DER public key: the key's fingerprint. */
  keyId: string;
  publicKeyPem: string;
  sign: SignFn;
  verify: VerifyFn;
}

/**
 * The sealed key could not be opened: TESSERA_SECRET changed or the row was altered.
 * @example try { loadLedgerKey(row, secret) } catch (e) { if (e instanceof LedgerKeyError) … }
 */
export class LedgerKeyError extends Error {}

const VERSION = 'v1';

function wrappingKey(secret: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', secret, 'tessera-ledger-key', 'ed25519-private-key-v1', 32),
  );
}

/**
 * Fingerprint of a public key: hex SHA-256 of its SPKI DER encoding.
 * @example keyIdOf(pem) // '3f9a…' (64 hex digits)
 */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/**
 * Seals a PKCS#8 DER private key; the key id is authenticated data, so a sealed key cannot be
 * swapped onto another public key's row.
 * @example sealPrivateKey(der, config.secret, keyId) // 'v1.<iv>.<ciphertext>.<tag>'
 */
export function sealPrivateKey(pkcs8Der: Buffer, secret: string, keyId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(secret), iv);
  cipher.setAAD(Buffer.from(keyId));
  const ct = Buffer.concat([cipher.update(pkcs8Der), cipher.final()]);
  return [VERSION, iv, ct, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/**
 * Opens a sealed private key; throws a {@link LedgerKeyError} saying what to check.
 * @example openPrivateKey(row.private_key_sealed, config.secret, row.key_id)
 */
export function openPrivateKey(sealed: string, secret: string, keyId: string): Buffer {
  const [version, iv, ct, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !ct || !tag)
    throw new LedgerKeyError('The stored ledger key is not in a known format.');
  try {
    const d = createDecipheriv('aes-256-gcm', wrappingKey(secret), Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(keyId));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]);
  } catch {
    throw new LedgerKeyError(
      'The ledger signing key cannot be opened with the current TESSERA_SECRET: restore the secret the key was created with.',
    );
  }
}

/**
 * A new key pair, ready to store.
 * @example const row = generateLedgerKey(config.secret); await repo.insertKey(row);
 */
export function generateLedgerKey(secret: string): {
  key_id: string;
  public_key: string;
  private_key_sealed: string;
} {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keyId = keyIdOf(pem);
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  return { key_id: keyId, public_key: pem, private_key_sealed: sealPrivateKey(der, secret, keyId) };
}

/**
 * A verifier for signatures by this public key; never throws.
 * @example verifyTreeHead(sth, verifierFor(pem))
 */
export function verifierFor(publicKeyPem: string | KeyObject): VerifyFn {
  const key = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
  return (bytes, signature) => {
    try {
      return edVerify(null, bytes, key, signature);
    } catch {
      return false;
    }
  };
}

/**
 * Opens a stored key row into a signer and verifier.
 * @example const key = loadLedgerKey(row, config.secret); key.sign(encodeTreeHead(head))
 */
export function loadLedgerKey(
  row: { key_id: string; public_key: string; private_key_sealed: string },
  secret: string,
): LedgerKey {
  const priv = createPrivateKey({
    key: openPrivateKey(row.private_key_sealed, secret, row.key_id),
    format: 'der',
    type: 'pkcs8',
  });
  const pub = createPublicKey(row.public_key);
  if (keyIdOf(row.public_key) !== row.key_id)
    throw new LedgerKeyError('The stored ledger public key does not match its key id.');
  return {
    keyId: row.key_id,
    publicKeyPem: row.public_key,
    sign: (bytes) => new Uint8Array(edSign(null, bytes, priv)),
    verify: verifierFor(pub),
  };
}
