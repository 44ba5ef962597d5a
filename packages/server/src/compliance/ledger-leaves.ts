/**
 * What the provenance ledger records. Each leaf is a small JSON document in canonical form
 * (keys sorted), and its RFC 6962 leaf hash is SHA-256(0x00 || UTF-8 of that text). The text is
 * stored with the leaf, so anyone holding it can recompute the hash.
 */

import { createHash } from 'node:crypto';
import { canonicalJson } from '../import/records.ts';

/** The kinds of leaves. */
export type LeafKind = 'task' | 'asset' | 'annotation' | 'export';

/** A leaf to append: its kind, project, subject (for lookups) and payload. */
export interface LeafEntry {
  kind: LeafKind;
  project_id: number | null;
  /** e.g. `task:12`; the ledger can find the newest leaf of a subject. */
  subject: string | null;
  payload: Record<string, unknown>;
}

/** Provenance as tasks carry it (see the interchange format). */
export interface ProvenanceFields {
  source?: string | undefined;
  sha256?: string | undefined;
  licence?: string | undefined;
  collected_at?: string | undefined;
}

/**
 * RFC 6962 leaf hash of a payload text, hex (node:crypto; equal to core's `hashLeaf`).
 * @example leafHashOf('{"kind":"task"}') // 64 hex digits
 */
export function leafHashOf(payloadText: string): string {
  return createHash('sha256').update(Buffer.of(0)).update(payloadText, 'utf8').digest('hex');
}

/**
 * The canonical text stored and hashed for an entry.
 * @example payloadText(taskLeaf({ project_id: 1, task_id: 2, content_hash: h }))
 */
export function payloadText(entry: LeafEntry): string {
  return canonicalJson({ v: 1, kind: entry.kind, ...entry.payload });
}

const clean = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

/**
 * An ingested task: the sha256 of its canonical data, and its provenance.
 * @example taskLeaf({ project_id: 1, task_id: 12, content_hash: row.content_hash, provenance })
 */
export function taskLeaf(t: {
  project_id: number;
  task_id: number;
  content_hash: string;
  provenance?: ProvenanceFields | null;
}): LeafEntry {
  const p = t.provenance ?? {};
  return {
    kind: 'task',
    project_id: t.project_id,
    subject: `task:${t.task_id}`,
    payload: clean({
      project: t.project_id,
      task: t.task_id,
      sha256: t.content_hash,
      source: p.source,
      source_sha256: p.sha256,
      licence: p.licence,
      collected_at: p.collected_at,
    }),
  };
}

/**
 * An ingested media asset.
 * @example assetLeaf({ project_id: 1, asset_id: 3, sha256, source: 'upload', licence: 'CC0-1.0' })
 */
export function assetLeaf(a: {
  project_id: number;
  asset_id: number;
  sha256: string;
  source?: string | null;
  licence?: string | null;
}): LeafEntry {
  return {
    kind: 'asset',
    project_id: a.project_id,
    subject: `asset:${a.asset_id}`,
    payload: clean({
      project: a.project_id,
      asset: a.asset_id,
      sha256: a.sha256,
      source: a.source,
      licence: a.licence,
    }),
  };
}

/**
 * An accepted annotation: the sha256 of the canonical JSON of its regions.
 * @example annotationLeaf({ project_id: 1, task_id: 12, annotation_id: 7, version: 2, regions: row.regions })
 */
export function annotationLeaf(a: {
  project_id: number;
  task_id: number;
  annotation_id: number;
  version: number;
  /** The stored regions JSON text (re-serialised canonically before hashing). */
  regions: string;
}): LeafEntry {
  const sha256 = createHash('sha256')
    .update(canonicalJson(JSON.parse(a.regions)), 'utf8')
    .digest('hex');
  return {
    kind: 'annotation',
    project_id: a.project_id,
    subject: `annotation:${a.annotation_id}`,
    payload: {
      project: a.project_id,
      task: a.task_id,
      annotation: a.annotation_id,
      version: a.version,
      sha256,
    },
  };
}

/**
 * An export: its manifest's Merkle root over the exported items.
 * @example exportLeaf({ project_id: 1, created_at, root: manifest.tree.root, size: manifest.tree.size, format: 'jsonl' })
 */
export function exportLeaf(e: {
  project_id: number;
  created_at: string;
  root: string;
  size: number;
  format: string;
}): LeafEntry {
  return {
    kind: 'export',
    project_id: e.project_id,
    subject: `export:${e.root}`,
    payload: {
      project: e.project_id,
      created_at: e.created_at,
      root: e.root,
      size: e.size,
      format: e.format,
    },
  };
}
