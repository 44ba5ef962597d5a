import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const MANIFEST = pathToFileURL(
  fileURLToPath(new URL('../../../core/src/compliance/manifest.ts', import.meta.url)),
).href;

describe('export manifest memory', () => {
  // A JSONL export job of 30k+ tasks once took the server (1 GiB heap) down while it built the
  // manifest: every proof hash was its own rope string. This builds one for 100,000 items (the
  // job's cap) in a child with a 192 MB heap; the old code ran out of memory at 25,000 in 1 GiB.
  it('builds a 100,000-item manifest in a 192 MB heap', async () => {
    const code = `
      const { buildManifest } = await import(${JSON.stringify(MANIFEST)});
      const items = Array.from({ length: 100000 }, (_, i) => ({ id: String(i + 1), sha256: (i % 16).toString(16).repeat(64) }));
      const m = buildManifest({ project: '1', created_at: '2026-01-01T00:00:00Z', items });
      console.log(m.proofs.length, m.proofs[0].length, m.tree.root);`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=192', '--import', 'tsx', '--input-type=module', '-e', code],
      { timeout: 60_000 },
    );
    const [count, depth, root] = stdout.trim().split(' ');
    expect(count).toBe('100000');
    expect(depth).toBe('17');
    expect(root).toMatch(/^[0-9a-f]{64}$/);
  }, 90_000);
});
