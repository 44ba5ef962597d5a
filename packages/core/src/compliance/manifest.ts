/**
 * Export manifests: every export lists its items with their SHA-256, commits to them with an
 * RFC 6962 Merkle tree, carries one inclusion proof per item and may be signed, so
 * `tessera ledger verify` can check an export offline and name the first item that fails.
 *
 * Leaf i of the tree is `manifestLeaf(items[i])`: uint32 big-endian byte length of the id's
 * UTF-8, the id, then the 32 raw bytes of the item's SHA-256. The signature covers
 * `manifestSigningBytes`: the ASCII tag 'tessera-export-manifest-v1', then project and
 * created_at (each uint32 length + UTF-8), uint64 tree size and the 32-byte root.
 */

import { z } from 'zod';
import { concatBytes, fromBase64, fromHex, toBase64, toHex, utf8 } from './bytes.ts';
import { hashLeaf } from './merkle/hasher.ts';
import type { SignFn, VerifyFn } from './merkle/tree-head.ts';
import { inclusionProofFromLevels, merkleLevels, merkleRootFromHashes } from './merkle/tree.ts';
import { verifyInclusion } from './merkle/verify.ts';
import { sha256Hex } from './sha256.ts';

/** One exported item: its id and the lower-case hex SHA-256 of its bytes. */
export interface ManifestItem {
  id: string;
  sha256: string;
}

/** The manifest shipped with an export. */
export interface ExportManifest {
  version: 1;
  project: string;
  /** ISO 8601 date-time. */
  created_at: string;
  items: ManifestItem[];
  /** Merkle tree over the items, in order; root in lower-case hex. */
  tree: { size: number; root: string };
  /** proofs[i]: inclusion proof (hex hashes) of items[i] in the tree. */
  proofs: string[][];
  /** Base64 signature over manifestSigningBytes, when signed. */
  signature?: string;
}

/** An exported item as the verifier sees it: its bytes, or a SHA-256 hashed by the caller. */
export type ExportedItem = { id: string; data: Uint8Array } | { id: string; sha256: string };

/** Why verification stopped. */
export type ManifestFailureReason =
  | 'malformed'
  | 'signature_missing'
  | 'signature_invalid'
  | 'missing'
  | 'sha256_mismatch'
  | 'proof_invalid'
  | 'not_in_manifest'
  | 'tree_mismatch';

/** Result of {@link verifyManifest}. */
export type ManifestVerification =
  | { ok: true }
  | { ok: false; first_failure: { id: string; reason: ManifestFailureReason; detail: string } };

const HEX64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
const ManifestSchema = z.object({
  version: z.literal(1),
  project: z.string().min(1),
  created_at: z.iso.datetime({ offset: true }),
  items: z.array(z.object({ id: z.string().min(1), sha256: HEX64 })),
  tree: z.object({ size: z.number().int().nonnegative(), root: HEX64 }),
  proofs: z.array(z.array(HEX64)),
  signature: z.string().optional(),
});

const ManifestHeadSchema = ManifestSchema.pick({
  version: true,
  project: true,
  created_at: true,
  tree: true,
});

const TAG = utf8('tessera-export-manifest-v1');

function lengthPrefixed(text: string): Uint8Array {
  const bytes = utf8(text);
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

/**
 * The Merkle leaf bytes of an item.
 * @example manifestLeaf({ id: 'task-1', sha256: 'e3b0…b855' }).length // 4 + 6 + 32
 */
export function manifestLeaf(item: ManifestItem): Uint8Array {
  return concatBytes(lengthPrefixed(item.id), fromHex(item.sha256));
}

/**
 * The bytes a manifest signature covers (see the module comment).
 * @example sign(manifestSigningBytes(manifest))
 */
export function manifestSigningBytes(
  m: Pick<ExportManifest, 'project' | 'created_at' | 'tree'>,
): Uint8Array {
  const size = new Uint8Array(8);
  new DataView(size.buffer).setBigUint64(0, BigInt(m.tree.size));
  return concatBytes(
    TAG,
    lengthPrefixed(m.project),
    lengthPrefixed(m.created_at),
    size,
    fromHex(m.tree.root),
  );
}

const itemSha = (item: ExportedItem) =>
  'data' in item ? sha256Hex(item.data) : item.sha256.toLowerCase();

/**
 * Builds a manifest (tree, root, one proof per item; O(n) hashing), signed when `sign` is
 * given. Throws on an empty or duplicate id or a malformed hash.
 * @example buildManifest({ project: 'p1', created_at: '2025-01-01T00:00:00Z', items: [{ id: 'a', data }] })
 */
export function buildManifest(
  input: { project: string; created_at: string; items: readonly ExportedItem[] },
  sign?: SignFn,
): ExportManifest {
  const items = input.items.map((it) => ({ id: it.id, sha256: itemSha(it) }));
  const seen = new Set<string>();
  for (const it of items) {
    if (!it.id || seen.has(it.id))
      throw new RangeError(`manifest item id "${it.id}" is empty or repeated`);
    if (!/^[0-9a-f]{64}$/.test(it.sha256))
      throw new RangeError(`item "${it.id}" sha256 is not 64 hex digits`);
    seen.add(it.id);
  }
  const levels = merkleLevels(items.map((it) => hashLeaf(manifestLeaf(it))));
  const root = toHex(
    levels.length > 0 && items.length > 0
      ? levels[levels.length - 1]![0]!
      : merkleRootFromHashes([]),
  );
  // Each node's hex once: a node is in the proofs of every leaf below its sibling, so the
  // proofs share these strings instead of holding n·log n copies.
  const hexLevels = levels.map((level) => level.map(toHex));
  const manifest: ExportManifest = {
    version: 1,
    project: input.project,
    created_at: input.created_at,
    items,
    tree: { size: items.length, root },
    proofs: items.map((_, i) => inclusionProofFromLevels(i, hexLevels)),
  };
  // The items were checked above and the rest is computed here: no schema pass over the
  // proofs (millions of hashes for a large export; it cost more than building them).
  const head = ManifestHeadSchema.safeParse(manifest);
  if (!head.success) throw new RangeError(`manifest is malformed: ${z.prettifyError(head.error)}`);
  if (sign) manifest.signature = toBase64(sign(manifestSigningBytes(manifest)));
  return manifest;
}

type Failure = Extract<ManifestVerification, { ok: false }>;
const fail = (id: string, reason: ManifestFailureReason, detail: string): Failure => ({
  ok: false,
  first_failure: { id, reason, detail },
});

function checkSignature(m: ExportManifest, verifySig: VerifyFn): Failure | undefined {
  if (!m.signature) return fail('manifest', 'signature_missing', 'the manifest is not signed');
  let ok = false;
  try {
    ok = verifySig(manifestSigningBytes(m), fromBase64(m.signature)) === true;
  } catch {
    ok = false;
  }
  return ok ? undefined : fail('manifest', 'signature_invalid', 'the signature does not verify');
}

function checkItems(m: ExportManifest, byId: Map<string, ExportedItem>): Failure | undefined {
  const root = fromHex(m.tree.root);
  for (const [i, item] of m.items.entries()) {
    const given = byId.get(item.id);
    if (!given) return fail(item.id, 'missing', 'listed in the manifest but not in the export');
    const actual = itemSha(given);
    if (actual !== item.sha256) {
      return fail(
        item.id,
        'sha256_mismatch',
        `content sha256 ${actual} differs from the manifest's ${item.sha256}`,
      );
    }
    const proof = m.proofs[i]!.map(fromHex);
    if (!verifyInclusion(hashLeaf(manifestLeaf(item)), i, m.tree.size, proof, root)) {
      return fail(
        item.id,
        'proof_invalid',
        `inclusion proof for item ${i} does not verify against the tree root`,
      );
    }
  }
  return undefined;
}

/**
 * Verifies an export against its manifest and returns the first failure in order:
 * malformed manifest, signature (only when `verifySig` is given), then each listed item
 * (missing, content hash, inclusion proof), then items in the export but not listed.
 * @example verifyManifest(manifest, [{ id: 'a', data }], (bytes, sig) => ed25519.verify(sig, bytes, pub))
 * // { ok: true } or { ok: false, first_failure: { id: 'a', reason: 'sha256_mismatch', detail: '…' } }
 */
export function verifyManifest(
  manifest: unknown,
  items: Iterable<ExportedItem>,
  verifySig?: VerifyFn,
): ManifestVerification {
  const parsed = ManifestSchema.safeParse(manifest);
  if (!parsed.success) return fail('manifest', 'malformed', z.prettifyError(parsed.error));
  const m = parsed.data as ExportManifest;
  const ids = new Set(m.items.map((it) => it.id));
  if (ids.size !== m.items.length) return fail('manifest', 'malformed', 'item ids are repeated');
  if (m.tree.size !== m.items.length || m.proofs.length !== m.items.length) {
    return fail(
      'manifest',
      'malformed',
      `tree size ${m.tree.size}, ${m.proofs.length} proofs and ${m.items.length} items disagree`,
    );
  }
  if (verifySig) {
    const bad = checkSignature(m, verifySig);
    if (bad) return bad;
  }
  const byId = new Map<string, ExportedItem>();
  for (const it of items) byId.set(it.id, it);
  const bad = checkItems(m, byId);
  if (bad) return bad;
  for (const id of byId.keys()) {
    if (!ids.has(id))
      return fail(id, 'not_in_manifest', 'in the export but not listed in the manifest');
  }
  const leafHashes = m.items.map((it) => hashLeaf(manifestLeaf(it)));
  if (toHex(merkleRootFromHashes(leafHashes)) !== m.tree.root) {
    return fail('manifest', 'tree_mismatch', 'the tree root does not match the listed items');
  }
  return { ok: true };
}
