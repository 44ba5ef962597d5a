import { rename, writeFile } from 'node:fs/promises';
import { buildManifest, type ManifestItem } from '@tessera/core/compliance';
import { exportLeaf, payloadText } from './ledger-leaves.ts';
import { LedgerService, type LedgerDeps } from './ledger.service.ts';
import { ITEM_HASHING, type ExportSidecar } from './sidecar.ts';

/**
 * Builds the signed manifest of an export, records it in the ledger (one `export` leaf holding
 * the manifest's Merkle root) and returns the sidecar to write beside the export: manifest,
 * public key, and the ledger leaf with its inclusion proof and signed tree head.
 * Items are `{id, sha256}` as {@link hashingTap} produced them, in file order.
 * @example
 * const sidecar = await buildExportManifest(ctx, project.id, tap.items());
 * await writeSidecar(`${file}.manifest.json`, sidecar);
 */
export async function buildExportManifest(
  deps: LedgerDeps,
  projectId: number,
  items: readonly ManifestItem[],
  opts: { format?: 'jsonl' } = {},
): Promise<ExportSidecar> {
  const ledger = new LedgerService(deps);
  const key = await ledger.key();
  const created_at = new Date().toISOString();
  const manifest = buildManifest(
    {
      project: String(projectId),
      created_at,
      items: items.map((i) => ({ id: i.id, sha256: i.sha256 })),
    },
    key.sign,
  );
  const leaf = exportLeaf({
    project_id: projectId,
    created_at,
    root: manifest.tree.root,
    size: manifest.tree.size,
    format: opts.format ?? 'jsonl',
  });
  const appended = await ledger.append([leaf]);
  const proof = await ledger.inclusion(appended.first_index, appended.head.tree_size);
  return {
    format: 'tessera-export-manifest',
    version: 1,
    item_hashing: ITEM_HASHING,
    public_key: key.publicKeyPem,
    key_id: key.keyId,
    manifest,
    ledger: {
      leaf_index: appended.first_index,
      leaf: payloadText(leaf),
      inclusion_proof: proof.proof,
      tree_head: appended.head,
    },
  };
}

/**
 * Writes a sidecar under a temporary name and renames it, so a reader never sees half of one.
 * @example await writeSidecar('/data/exports/12.jsonl.manifest.json', sidecar);
 */
export async function writeSidecar(path: string, sidecar: ExportSidecar): Promise<void> {
  const tmp = `${path}.partial`;
  await writeFile(tmp, JSON.stringify(sidecar, null, 1) + '\n', 'utf8');
  await rename(tmp, path);
}
