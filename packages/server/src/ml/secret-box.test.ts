import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, SecretBoxError } from './secret-box.ts';

describe('secret box', () => {
  const secret = 'x'.repeat(64);

  it('round-trips, never shows the plain text, and uses a fresh IV each time', () => {
    const a = sealSecret('sk-123', secret, 7);
    const b = sealSecret('sk-123', secret, 7);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain('sk-123');
    expect(a).not.toBe(b);
    expect(openSecret(a, secret, 7)).toBe('sk-123');
  });

  it('refuses another model id, another server secret, or an altered value', () => {
    const a = sealSecret('sk-123', secret, 7);
    expect(() => openSecret(a, secret, 8)).toThrow(SecretBoxError);
    expect(() => openSecret(a, 'y'.repeat(64), 7)).toThrow(/TESSERA_SECRET/);
    const parts = a.split('.');
    parts[2] = parts[2]!.slice(0, -2) + (parts[2]!.endsWith('AA') ? 'AB' : 'AA');
    expect(() => openSecret(parts.join('.'), secret, 7)).toThrow(SecretBoxError);
    expect(() => openSecret('plain', secret, 7)).toThrow(/v1 format/);
  });
});
