import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../bytes.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';

const DIR = new URL('../../../../../../shared/datasets/rfc6962-merkle/testdata/', import.meta.url);
const haveData = existsSync(DIR);
if (!haveData) console.warn(`skipping RFC 6962 proof vectors: ${DIR.pathname} not found`);

function jsonFiles(dir: URL): URL[] {
  return readdirSync(dir).flatMap((name) => {
    const u = new URL(name, dir);
    return statSync(u).isDirectory()
      ? jsonFiles(new URL(`${name}/`, dir))
      : name.endsWith('.json')
        ? [u]
        : [];
  });
}

const b64 = (s: string) => fromBase64(s);
const rel = (u: URL) => u.pathname.slice(DIR.pathname.length);

describe.skipIf(!haveData)('transparency-dev/merkle vectors (every file)', () => {
  const inclusion = haveData ? jsonFiles(new URL('inclusion/', DIR)) : [];
  const consistency = haveData ? jsonFiles(new URL('consistency/', DIR)) : [];

  it('has all 196 files', () => {
    expect(inclusion.length + consistency.length).toBe(196);
  });

  it('accepts every happy path and rejects every mutation (inclusion)', () => {
    let accepted = 0;
    for (const file of inclusion) {
      const v = JSON.parse(readFileSync(file, 'utf8'));
      const ok = verifyInclusion(
        b64(v.leafHash),
        v.leafIdx,
        v.treeSize,
        (v.proof ?? []).map(b64),
        b64(v.root),
      );
      expect(ok, `${rel(file)}: ${v.desc}`).toBe(!v.wantErr);
      if (ok) accepted++;
    }
    expect(accepted).toBe(6); // 5 happy paths + single-entry matching root and leaf
  });

  it('accepts every happy path and rejects every mutation (consistency)', () => {
    let accepted = 0;
    for (const file of consistency) {
      const v = JSON.parse(readFileSync(file, 'utf8'));
      const ok = verifyConsistency(
        v.size1,
        v.size2,
        b64(v.root1),
        b64(v.root2),
        (v.proof ?? []).map(b64),
      );
      expect(ok, `${rel(file)}: ${v.desc}`).toBe(!v.wantErr);
      if (ok) accepted++;
    }
    expect(accepted).toBe(6); // 5 happy paths + equal sizes with an empty proof
  });
});

describe('verification edge cases', () => {
  const h = new Uint8Array(32).fill(7);
  it('never throws on nonsense', () => {
    expect(verifyInclusion(h, -1, 4, [], h)).toBe(false);
    expect(verifyInclusion(h, 0, 2 ** 60, [], h)).toBe(false);
    expect(verifyInclusion(h, 0.5, 4, [], h)).toBe(false);
    expect(verifyConsistency(2, 1, h, h, [])).toBe(false);
    expect(verifyConsistency(Number.NaN, 3, h, h, [h])).toBe(false);
  });

  it('verifies a one-leaf tree by equality', () => {
    expect(verifyInclusion(h, 0, 1, [], h)).toBe(true);
    expect(verifyInclusion(h, 0, 1, [h], h)).toBe(false);
  });
});
