import type { Generated } from 'kysely';

/*
 * The compliance tables (migration 0004) as Kysely sees them. Until they are merged into
 * `Database` in schema.ts, compliance repositories reach them with
 * `db.withTables<ComplianceTables>()`, which stays correct after the merge.
 */

/** Columns 0004 adds to `ledger_leaves` (merge into LedgerLeavesTable). */
export interface LedgerLeavesColumns {
  /** Dense position in the one global log: 0, 1, 2, … in append order. */
  leaf_index: number;
  /** What the leaf is about, e.g. `task:12`, `annotation:7`, `export:<root>`. */
  subject: string | null;
}

/** The single row holding the log's compact range (frontier). */
export interface LedgerStateTable {
  id: number;
  size: number;
  /** JSON array of the hex roots of the perfect subtrees, largest first. */
  frontier: string;
  root_hash: string;
  updated_at: string;
}

/** A perfect subtree hash at `level` >= 1 covering leaves [idx·2^level, (idx+1)·2^level). */
export interface LedgerNodesTable {
  level: number;
  idx: number;
  hash: string;
}

/** A signed tree head (RFC 6962 §3.5 bytes, Ed25519). */
export interface LedgerHeadsTable {
  id: Generated<number>;
  tree_size: number;
  root_hash: string;
  /** Milliseconds since the Unix epoch, as signed. */
  timestamp: number;
  /** Base64 Ed25519 signature. */
  signature: string;
  key_id: string;
  created_at: string;
}

/** The ledger's signing key; the private half sealed with AES-256-GCM. */
export interface LedgerKeysTable {
  id: Generated<number>;
  /** Lower-case hex SHA-256 of the SPKI DER public key. */
  key_id: string;
  /** SPKI PEM. */
  public_key: string;
  /** `v1.<iv>.<ciphertext>.<tag>`, base64url parts. */
  private_key_sealed: string;
  created_at: string;
}

/** A PII finding of a project scan. The matched text itself is never stored, only a masked preview. */
export interface PiiFindingsTable {
  id: Generated<number>;
  project_id: number;
  task_id: number;
  /** Where in task.data, e.g. `text` or `dialogue[2].content`. */
  path: string;
  entity: string;
  start_cp: number;
  end_cp: number;
  score: number;
  preview: string;
  created_at: string;
}

/** The tables 0004 adds, keyed as in the database (merge into `Database`). */
export type ComplianceTables = {
  ledger_leaves: LedgerLeavesColumns;
  ledger_state: LedgerStateTable;
  ledger_nodes: LedgerNodesTable;
  ledger_heads: LedgerHeadsTable;
  ledger_keys: LedgerKeysTable;
  pii_findings: PiiFindingsTable;
};
