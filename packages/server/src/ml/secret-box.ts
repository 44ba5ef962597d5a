import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A sealed secret could not be opened: the server secret changed or the value was altered. */
export class SecretBoxError extends Error {}

const INFO = 'model-api-key-v1';

/** A key of its own per purpose: the model-secret key says nothing about session or ledger keys. */
function keyOf(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'tessera-model-secrets', INFO, 32));
}

/**
 * Seals a model's API key with AES-256-GCM under a key derived (HKDF-SHA256) from the server
 * secret. The model id is bound in as associated data, so a sealed key copied onto another
 * model's row does not open. Output: `v1.<iv>.<ciphertext>.<tag>` in base64url.
 *
 * @example
 * const sealed = sealSecret('sk-123', ctx.config.secret, 7);
 * openSecret(sealed, ctx.config.secret, 7); // 'sk-123'
 */
export function sealSecret(plain: string, serverSecret: string, modelId: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(serverSecret), iv);
  cipher.setAAD(Buffer.from(`model:${modelId}`));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, ct, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/**
 * Opens a value sealed by {@link sealSecret}; throws SecretBoxError when it cannot.
 *
 * @example
 * const apiKey = openSecret(row.secret_sealed, ctx.config.secret, row.id);
 */
export function openSecret(sealed: string, serverSecret: string, modelId: number): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1')
    throw new SecretBoxError('the stored model secret is not in the v1 format');
  const [iv, ct, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
  try {
    const d = createDecipheriv('aes-256-gcm', keyOf(serverSecret), iv!);
    d.setAAD(Buffer.from(`model:${modelId}`));
    d.setAuthTag(tag!);
    return Buffer.concat([d.update(ct!), d.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError(
      'the stored model secret cannot be opened (was TESSERA_SECRET changed?); set the key again',
    );
  }
}
