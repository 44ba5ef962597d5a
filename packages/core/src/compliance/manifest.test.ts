import { describe, expect, it } from 'vitest';
import { bytesEqual, utf8 } from './bytes.ts';
import { hmacSha256 } from './hmac.ts';
import { buildManifest, manifestLeaf, verifyManifest } from './manifest.ts';
import type { ExportManifest } from './manifest.ts';
import { sha256Hex } from './sha256.ts';

// HMAC stands in for the server's Ed25519 key in tests; the callbacks are the same.
const sign = (b: Uint8Array) => hmacSha256('log-key', b);
const verify = (b: Uint8Array, s: Uint8Array) => bytesEqual(hmacSha256('log-key', b), s);

const files = Array.from({ length: 7 }, (_, i) => ({
  id: `task-${i}`,
  data: utf8(`{"id":${i},"text":"样例 ${i}"}`),
}));
const build = () =>
  buildManifest({ project: 'proj-1', created_at: '2025-06-01T08:00:00Z', items: files }, sign);
const clone = (m: ExportManifest): ExportManifest => JSON.parse(JSON.stringify(m));

describe('export manifest', () => {
  it('builds a signed manifest that verifies with the data or with precomputed hashes', () => {
    const m = build();
    expect(m.tree.size).toBe(7);
    expect(m.proofs).toHaveLength(7);
    expect(m.items[0]!.sha256).toBe(sha256Hex(files[0]!.data));
    expect(verifyManifest(m, files, verify)).toEqual({ ok: true });
    expect(
      verifyManifest(
        m,
        files.map((f) => ({ id: f.id, sha256: sha256Hex(f.data) })),
      ),
    ).toEqual({ ok: true });
  });

  it('names the first item whose content changed', () => {
    const changed = files.map((f, i) =>
      i === 3 || i === 5 ? { ...f, data: utf8('tampered') } : f,
    );
    const r = verifyManifest(build(), changed, verify);
    expect(r).toMatchObject({
      ok: false,
      first_failure: { id: 'task-3', reason: 'sha256_mismatch' },
    });
  });

  it('names an item whose manifest entry was rewritten to match tampered content', () => {
    const m = clone(build());
    const forged = utf8('forged');
    m.items[4]!.sha256 = sha256Hex(forged);
    const given = files.map((f, i) => (i === 4 ? { ...f, data: forged } : f));
    // Signature still covers the original root, so unsigned checking must catch it by proof.
    expect(verifyManifest(m, given)).toMatchObject({
      ok: false,
      first_failure: { id: 'task-4', reason: 'proof_invalid' },
    });
  });

  it('reports missing and unlisted items', () => {
    expect(verifyManifest(build(), files.slice(1))).toMatchObject({
      ok: false,
      first_failure: { id: 'task-0', reason: 'missing' },
    });
    expect(verifyManifest(build(), [...files, { id: 'extra', data: utf8('x') }])).toMatchObject({
      ok: false,
      first_failure: { id: 'extra', reason: 'not_in_manifest' },
    });
  });

  it('checks the signature when a verifier is given', () => {
    const m = clone(build());
    m.project = 'proj-2';
    expect(verifyManifest(m, files, verify)).toMatchObject({
      first_failure: { id: 'manifest', reason: 'signature_invalid' },
    });
    delete m.signature;
    expect(verifyManifest(m, files, verify)).toMatchObject({
      first_failure: { reason: 'signature_missing' },
    });
  });

  it('rejects malformed manifests with the problem named', () => {
    const m = clone(build());
    const r = verifyManifest({ ...m, tree: { size: 7, root: 'xyz' } }, files);
    expect(r).toMatchObject({ ok: false, first_failure: { id: 'manifest', reason: 'malformed' } });
    if (!r.ok) expect(r.first_failure.detail).toMatch(/tree\.root/);
    expect(verifyManifest({ ...m, proofs: m.proofs.slice(1) }, files)).toMatchObject({
      first_failure: { reason: 'malformed' },
    });
    expect(() =>
      buildManifest({
        project: 'p',
        created_at: '2025-06-01T08:00:00Z',
        items: [files[0]!, files[0]!],
      }),
    ).toThrow(/repeated/);
  });

  it('handles an empty export', () => {
    const m = buildManifest({ project: 'p', created_at: '2025-06-01T08:00:00Z', items: [] });
    expect(m.tree.root).toBe(sha256Hex(''));
    expect(verifyManifest(m, [])).toEqual({ ok: true });
  });

  it('encodes leaves unambiguously (id length prefix)', () => {
    const h = sha256Hex('');
    expect(manifestLeaf({ id: 'ab', sha256: h })).not.toEqual(manifestLeaf({ id: 'a', sha256: h }));
    expect(manifestLeaf({ id: '任务', sha256: h }).length).toBe(4 + 6 + 32);
  });
});
