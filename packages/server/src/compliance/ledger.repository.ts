import { sql, type Kysely, type Transaction } from 'kysely';
import { now } from '../store/db.ts';
import type { ComplianceTables } from '../store/compliance.schema.ts';
import type { Database } from '../store/schema.ts';
import { nodeKey, type NodeRef, type StoredNode } from './merkle-store.ts';

type Db = Database & ComplianceTables;
/** The transaction the ledger lock is held in. */
export type LedgerTx = Transaction<Db>;

/** A leaf row to insert. */
export interface NewLeaf {
  leaf_index: number;
  project_id: number | null;
  kind: string;
  subject: string | null;
  leaf_hash: string;
  payload: string;
}

/**
 * All SQL of the provenance ledger: the lock, leaves, subtree nodes, state, heads and keys.
 * @example await new LedgerRepository(db, 'sqlite').locked(async (tx) => repo.state(tx))
 */
export class LedgerRepository {
  private readonly db: Kysely<Db>;

  constructor(
    db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {
    this.db = db.withTables<ComplianceTables>();
  }

  /**
   * Runs `fn` in one transaction that holds the ledger's write lock, so appends are serialised
   * across connections and processes: a transaction-scoped advisory lock on PostgreSQL; on
   * SQLite a write as the first statement, which takes the database's single writer lock.
   */
  locked<T>(fn: (tx: LedgerTx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (tx) => {
      if (this.dialect === 'postgres')
        await sql`SELECT pg_advisory_xact_lock(hashtext('tessera.ledger'))`.execute(tx);
      else
        await tx
          .updateTable('ledger_state')
          .set({ updated_at: now() })
          .where('id', '=', 1)
          .execute();
      return fn(tx);
    });
  }

  state(db: Kysely<Db> = this.db) {
    return db.selectFrom('ledger_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  }

  async append(
    tx: LedgerTx,
    leaves: NewLeaf[],
    nodes: StoredNode[],
    state: { size: number; frontier: string; root_hash: string },
  ): Promise<void> {
    const ts = now();
    for (let i = 0; i < leaves.length; i += 1000)
      await tx
        .insertInto('ledger_leaves')
        .values(leaves.slice(i, i + 1000).map((l) => ({ ...l, created_at: ts })))
        .execute();
    for (let i = 0; i < nodes.length; i += 2000)
      await tx
        .insertInto('ledger_nodes')
        .values(nodes.slice(i, i + 2000))
        .execute();
    await tx
      .updateTable('ledger_state')
      .set({ ...state, updated_at: ts })
      .where('id', '=', 1)
      .execute();
  }

  insertHead(
    db: Kysely<Db>,
    h: {
      tree_size: number;
      root_hash: string;
      timestamp: number;
      signature: string;
      key_id: string;
    },
  ) {
    return db
      .insertInto('ledger_heads')
      .values({ ...h, created_at: now() })
      .execute();
  }

  /** The newest signed head, or the newest one of a given size. */
  head(treeSize?: number) {
    let q = this.db.selectFrom('ledger_heads').selectAll().orderBy('id', 'desc').limit(1);
    if (treeSize !== undefined) q = q.where('tree_size', '=', treeSize);
    return q.executeTakeFirst();
  }

  leaf(index: number) {
    return this.db
      .selectFrom('ledger_leaves')
      .select(['leaf_index', 'project_id', 'kind', 'subject', 'leaf_hash', 'payload', 'created_at'])
      .where('leaf_index', '=', index)
      .executeTakeFirst();
  }

  /** The newest leaf about a subject (e.g. `annotation:7`). */
  leafFor(kind: string, subject: string) {
    return this.db
      .selectFrom('ledger_leaves')
      .select(['leaf_index', 'project_id', 'kind', 'subject', 'leaf_hash', 'payload', 'created_at'])
      .where('kind', '=', kind)
      .where('subject', '=', subject)
      .orderBy('leaf_index', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Stored hashes of these subtrees, keyed by `level/idx` (level 0 from the leaves). */
  async nodes(refs: NodeRef[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    const leaves = refs.filter((r) => r.level === 0).map((r) => r.idx);
    const inner = refs.filter((r) => r.level > 0);
    if (leaves.length > 0) {
      const rows = await this.db
        .selectFrom('ledger_leaves')
        .select(['leaf_index', 'leaf_hash'])
        .where('leaf_index', 'in', leaves)
        .execute();
      for (const r of rows) out.set(nodeKey(0, r.leaf_index), Buffer.from(r.leaf_hash, 'hex'));
    }
    if (inner.length > 0) {
      const rows = await this.db
        .selectFrom('ledger_nodes')
        .selectAll()
        .where((e) =>
          e.or(inner.map((r) => e.and([e('level', '=', r.level), e('idx', '=', r.idx)]))),
        )
        .execute();
      for (const r of rows) out.set(nodeKey(r.level, r.idx), Buffer.from(r.hash, 'hex'));
    }
    return out;
  }

  /** One keyset page of the tasks an import stored, for their ledger leaves. */
  importedTasks(projectId: number, importId: number, afterId: number, limit: number) {
    return this.db
      .selectFrom('tasks')
      .select(['id', 'content_hash', 'provenance'])
      .where('project_id', '=', projectId)
      .where('import_id', '=', importId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** The signing key in use: the first one stored (a racing instance's later key is unused). */
  firstKey() {
    return this.db.selectFrom('ledger_keys').selectAll().orderBy('id').limit(1).executeTakeFirst();
  }

  insertKey(k: { key_id: string; public_key: string; private_key_sealed: string }) {
    return this.db
      .insertInto('ledger_keys')
      .values({ ...k, created_at: now() })
      .execute();
  }
}
