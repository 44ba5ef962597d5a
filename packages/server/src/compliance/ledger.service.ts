/**
 * The provenance ledger: ONE global append-only log (RFC 6962 hashing) of ingested tasks and
 * assets, accepted annotations and export manifests. Appends are serialised by the store's
 * lock, the tree head is advanced from a stored frontier in O(log n), every append stores an
 * Ed25519-signed tree head, and proofs are read from stored subtree hashes in O(log n).
 */

import { fromHex, signTreeHead, toHex, type SignedTreeHead } from '@tessera/core/compliance';
import type { Config } from '../config.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import type { Store } from '../store/db.ts';
import { generateLedgerKey, LedgerKeyError, loadLedgerKey, type LedgerKey } from './ledger-key.ts';
import { leafHashOf, payloadText, type LeafEntry } from './ledger-leaves.ts';
import { LedgerRepository } from './ledger.repository.ts';
import {
  appendToFrontier,
  consistencyFromNodes,
  inclusionFromNodes,
  rootFromNodes,
  withNodes,
} from './merkle-store.ts';

/** What the ledger needs from the app context. */
export interface LedgerDeps {
  store: Store;
  config: Pick<Config, 'secret'>;
}

/** A signed tree head with the fingerprint of the key that signed it. */
export type KeyedTreeHead = SignedTreeHead & { key_id: string };

/** Result of an append: where the leaves went and the head that now covers them. */
export interface AppendResult {
  first_index: number;
  leaf_hashes: string[];
  head: KeyedTreeHead;
}

// One key per open store, loaded once (the private key is opened on first use).
const keyCache = new WeakMap<object, Promise<LedgerKey>>();

/**
 * The ledger over one store.
 * @example
 * const ledger = new LedgerService(ctx);
 * await ledger.append([taskLeaf({ project_id: 1, task_id: 12, content_hash })]);
 * await ledger.inclusion(0); // { proof, root_hash, ... }
 */
export class LedgerService {
  private readonly repo: LedgerRepository;

  constructor(private readonly deps: LedgerDeps) {
    this.repo = new LedgerRepository(deps.store.db, deps.store.dialect);
  }

  /** The signing key, created on first use. */
  key(): Promise<LedgerKey> {
    let p = keyCache.get(this.deps.store.db);
    if (!p) {
      p = this.loadKey().catch((err: unknown) => {
        keyCache.delete(this.deps.store.db);
        if (err instanceof LedgerKeyError) throw new AppError(500, 'ledger_key', err.message);
        throw err;
      });
      keyCache.set(this.deps.store.db, p);
    }
    return p;
  }

  private async loadKey(): Promise<LedgerKey> {
    let row = await this.repo.firstKey();
    if (!row) {
      await this.repo.insertKey(generateLedgerKey(this.deps.config.secret));
      row = await this.repo.firstKey();
    }
    return loadLedgerKey(row!, this.deps.config.secret);
  }

  /**
   * Appends leaves in one transaction under the ledger lock and signs the new head.
   * @example const { first_index, head } = await ledger.append(entries);
   */
  async append(entries: readonly LeafEntry[]): Promise<AppendResult> {
    if (entries.length === 0) throw new RangeError('append needs at least one leaf');
    const key = await this.key(); // before the lock: SQLite has one connection
    const texts = entries.map(payloadText);
    const hashes = texts.map(leafHashOf);
    return this.repo.locked(async (tx) => {
      const st = await this.repo.state(tx);
      const next = appendToFrontier(
        { size: Number(st.size), hashes: JSON.parse(st.frontier) as string[] },
        hashes.map(fromHex),
      );
      const first = Number(st.size);
      await this.repo.append(
        tx,
        entries.map((e, i) => ({
          leaf_index: first + i,
          project_id: e.project_id,
          kind: e.kind,
          subject: e.subject,
          leaf_hash: hashes[i]!,
          payload: texts[i]!,
        })),
        next.nodes,
        {
          size: next.state.size,
          frontier: JSON.stringify(next.state.hashes),
          root_hash: next.root,
        },
      );
      const head = signTreeHead(
        { tree_size: next.state.size, root_hash: next.root, timestamp: Date.now() },
        key.sign,
      );
      await this.repo.insertHead(tx, { ...head, key_id: key.keyId });
      return { first_index: first, leaf_hashes: hashes, head: { ...head, key_id: key.keyId } };
    });
  }

  /** Current tree size. */
  async size(): Promise<number> {
    return Number((await this.repo.state()).size);
  }

  /**
   * The newest signed tree head and the public key to check it (the empty log gets a fresh
   * signed head of size 0).
   * @example const { tree_head, public_key } = await ledger.head();
   */
  async head(): Promise<{ tree_head: KeyedTreeHead; public_key: string }> {
    const key = await this.key();
    const row = await this.repo.head();
    const tree_head: KeyedTreeHead = row
      ? {
          tree_size: Number(row.tree_size),
          root_hash: row.root_hash,
          timestamp: Number(row.timestamp),
          signature: row.signature,
          key_id: row.key_id,
        }
      : {
          ...signTreeHead(
            { tree_size: 0, root_hash: (await this.repo.state()).root_hash, timestamp: Date.now() },
            key.sign,
          ),
          key_id: key.keyId,
        };
    return { tree_head, public_key: key.publicKeyPem };
  }

  /** The signed head stored for exactly this size, if one was. */
  async headAt(size: number): Promise<KeyedTreeHead | null> {
    const row = await this.repo.head(size);
    if (!row) return null;
    return {
      tree_size: Number(row.tree_size),
      root_hash: row.root_hash,
      timestamp: Number(row.timestamp),
      signature: row.signature,
      key_id: row.key_id,
    };
  }

  /** A leaf by index, or undefined. */
  leaf(index: number) {
    return this.repo.leaf(index);
  }

  /** The newest leaf about a subject, e.g. `('annotation', 'annotation:7')`. */
  leafFor(kind: string, subject: string) {
    return this.repo.leafFor(kind, subject);
  }

  /**
   * Inclusion proof of leaf `index` in the tree of `size` leaves (default: the current size).
   * @example await ledger.inclusion(3, 10) // { leaf_index: 3, tree_size: 10, proof: [...], root_hash }
   */
  async inclusion(index: number, size?: number) {
    const current = await this.size();
    const treeSize = size ?? current;
    if (treeSize > current)
      throw badRequest(`size ${treeSize} is larger than the ledger (${current} leaves).`);
    if (index >= treeSize)
      throw badRequest(
        `leaf ${index} is not in a tree of ${treeSize} leaves (leaves count from 0).`,
      );
    const leaf = await this.repo.leaf(index);
    if (!leaf) throw notFound('Ledger leaf');
    const r = await withNodes(
      (get) => ({
        proof: inclusionFromNodes(get, index, treeSize),
        root: rootFromNodes(get, treeSize),
      }),
      (refs) => this.repo.nodes(refs),
    );
    return {
      leaf_index: index,
      tree_size: treeSize,
      leaf_hash: leaf.leaf_hash,
      proof: r.proof.map(toHex),
      root_hash: toHex(r.root),
      tree_head: await this.headAt(treeSize),
    };
  }

  /**
   * Consistency proof that the tree of `from` leaves is a prefix of the tree of `to`.
   * @example await ledger.consistency(4, 9) // { from, to, proof, from_root, to_root }
   */
  async consistency(from: number, to?: number) {
    const current = await this.size();
    const treeSize = to ?? current;
    if (treeSize > current)
      throw badRequest(`to ${treeSize} is larger than the ledger (${current} leaves).`);
    if (from < 1 || from > treeSize)
      throw badRequest(`from must be between 1 and to (${treeSize}); got ${from}.`);
    const r = await withNodes(
      (get) => ({
        proof: consistencyFromNodes(get, from, treeSize),
        fromRoot: rootFromNodes(get, from),
        toRoot: rootFromNodes(get, treeSize),
      }),
      (refs) => this.repo.nodes(refs),
    );
    return {
      from,
      to: treeSize,
      proof: r.proof.map(toHex),
      from_root: toHex(r.fromRoot),
      to_root: toHex(r.toRoot),
      from_head: await this.headAt(from),
      to_head: await this.headAt(treeSize),
    };
  }
}
