/**
 * The manifest sidecar written next to an export (`<export>.manifest.json`) and its offline
 * check. The sidecar holds the core export manifest (items, Merkle tree, one inclusion proof
 * per item, Ed25519 signature), the public key, and the ledger's record of the export: the
 * export leaf, its inclusion proof and the signed tree head that covers it.
 */

import {
  fromHex,
  verifyInclusion,
  verifyManifest,
  verifyTreeHead,
  type ExportManifest,
} from '@tessera/core/compliance';
import { z } from 'zod';
import { keyIdOf, verifierFor } from './ledger-key.ts';
import { leafHashOf } from './ledger-leaves.ts';
import type { HashedLine } from './line-hasher.ts';

/**
 * How items are hashed, stated in every sidecar so a reader can recompute them.
 * @example sidecar.item_hashing === ITEM_HASHING
 */
export const ITEM_HASHING =
  'sha256 of each JSONL line (its UTF-8 bytes without the line break); item id = the line\'s "id"';

const HEX64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

/**
 * Shape of a sidecar (the manifest inside is checked by core's verifyManifest).
 * @example SidecarSchema.safeParse(JSON.parse(text)).success
 */
export const SidecarSchema = z.object({
  format: z.literal('tessera-export-manifest'),
  version: z.literal(1),
  item_hashing: z.string(),
  public_key: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }),
  key_id: HEX64,
  manifest: z.unknown(),
  ledger: z.object({
    leaf_index: z.number().int().nonnegative(),
    leaf: z.string().min(2),
    inclusion_proof: z.array(HEX64),
    tree_head: z.object({
      tree_size: z.number().int().positive(),
      root_hash: HEX64,
      timestamp: z.number().int().nonnegative(),
      signature: z.string().min(1),
      key_id: HEX64,
    }),
  }),
});

/** A sidecar as written. */
export type ExportSidecar = Omit<z.infer<typeof SidecarSchema>, 'manifest'> & {
  manifest: ExportManifest;
};

/** Outcome of {@link verifySidecar}. */
export type SidecarVerification =
  | {
      ok: true;
      items: number;
      key_id: string;
      ledger: { leaf_index: number; tree_size: number; root_hash: string; timestamp: number };
    }
  | { ok: false; id: string; line?: number; reason: string; detail: string };

type Failure = Extract<SidecarVerification, { ok: false }>;
const fail = (id: string, reason: string, detail: string, line?: number): Failure => ({
  ok: false,
  id,
  reason,
  detail,
  ...(line === undefined ? {} : { line }),
});

function checkKey(s: z.infer<typeof SidecarSchema>, pinnedPem?: string): Failure | undefined {
  let actual: string;
  try {
    actual = keyIdOf(s.public_key);
  } catch {
    return fail('manifest', 'malformed', 'public_key is not a readable PEM public key');
  }
  if (actual !== s.key_id || s.ledger.tree_head.key_id !== s.key_id)
    return fail('manifest', 'key_mismatch', 'key_id does not match the public key');
  if (pinnedPem !== undefined) {
    let pinned: string;
    try {
      pinned = keyIdOf(pinnedPem);
    } catch {
      return fail('manifest', 'malformed', 'the pinned public key is not a readable PEM key');
    }
    if (pinned !== actual)
      return fail(
        'manifest',
        'key_mismatch',
        `signed by key ${actual.slice(0, 16)}…, not by the pinned key ${pinned.slice(0, 16)}…`,
      );
  }
  return undefined;
}

function checkLedger(
  s: z.infer<typeof SidecarSchema>,
  manifest: ExportManifest,
  verify: ReturnType<typeof verifierFor>,
): Failure | undefined {
  const { ledger } = s;
  let leaf: Record<string, unknown>;
  try {
    leaf = JSON.parse(ledger.leaf) as Record<string, unknown>;
  } catch {
    return fail('ledger', 'malformed', 'ledger.leaf is not JSON');
  }
  if (
    leaf.kind !== 'export' ||
    leaf.root !== manifest.tree.root ||
    leaf.size !== manifest.tree.size ||
    String(leaf.project) !== manifest.project ||
    leaf.created_at !== manifest.created_at
  )
    return fail('ledger', 'leaf_mismatch', 'the ledger leaf does not record this manifest');
  const head = ledger.tree_head;
  if (!verifyTreeHead(head, verify))
    return fail('ledger', 'head_signature_invalid', 'the signed tree head does not verify');
  const ok = verifyInclusion(
    fromHex(leafHashOf(ledger.leaf)),
    ledger.leaf_index,
    head.tree_size,
    ledger.inclusion_proof.map(fromHex),
    fromHex(head.root_hash),
  );
  if (!ok)
    return fail(
      'ledger',
      'ledger_proof_invalid',
      `the export leaf ${ledger.leaf_index} is not proven in the tree of ${head.tree_size} leaves`,
    );
  return undefined;
}

/**
 * Checks an export (its hashed lines) against its sidecar, offline: the sidecar's shape and key
 * (optionally pinned to a known public key), the manifest signature, every item's hash and
 * inclusion proof, no extra or repeated items, then the ledger record (leaf, inclusion proof,
 * signed tree head). Returns the first failure, naming the item and its line.
 * @example
 * const r = verifySidecar(JSON.parse(sidecarText), hasher.finish());
 * if (!r.ok) console.error(`item ${r.id} (line ${r.line}): ${r.detail}`);
 */
export function verifySidecar(
  sidecar: unknown,
  lines: readonly HashedLine[],
  opts: { pinnedPublicKey?: string } = {},
): SidecarVerification {
  const parsed = SidecarSchema.safeParse(sidecar);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return fail('manifest', 'malformed', `${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const s = parsed.data;
  const badKey = checkKey(s, opts.pinnedPublicKey);
  if (badKey) return badKey;
  const byId = new Map<string, HashedLine>();
  for (const l of lines) {
    const seen = byId.get(l.id);
    if (seen) return fail(l.id, 'duplicate', `appears on lines ${seen.line} and ${l.line}`, l.line);
    byId.set(l.id, l);
  }
  const verify = verifierFor(s.public_key);
  const r = verifyManifest(s.manifest, lines, verify);
  if (!r.ok) {
    const { id, reason, detail } = r.first_failure;
    const l = byId.get(id);
    const hint = l?.cr ? ' (the line ends with CR: was the file converted to CRLF?)' : '';
    return fail(id, reason, detail + hint, l?.line);
  }
  const manifest = s.manifest as ExportManifest;
  const badLedger = checkLedger(s, manifest, verify);
  if (badLedger) return badLedger;
  const h = s.ledger.tree_head;
  return {
    ok: true,
    items: manifest.items.length,
    key_id: s.key_id,
    ledger: {
      leaf_index: s.ledger.leaf_index,
      tree_size: h.tree_size,
      root_hash: h.root_hash,
      timestamp: h.timestamp,
    },
  };
}
