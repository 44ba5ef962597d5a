/**
 * A small persistent queue of unsafe requests that could not be sent because the session had
 * expired. Entries survive a reload (localStorage) and are re-sent after the next login, so
 * work done while logged out is never lost. Idempotency keys travel with each entry, so a
 * re-send after a lost response does not create a second annotation.
 *
 * @example
 * const box = new Outbox(window.localStorage);
 * const id = box.add({ method: 'PATCH', path: '/api/projects/1/annotations/2', body: {...}, headers: {} });
 * box.remove(id);
 */

/** The subset of `Storage` the app uses (lets tests pass a Map-backed fake). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A request waiting to be re-sent. */
export interface OutboxEntry {
  id: string;
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
  saved_at: number;
}

const KEY = 'tessera.outbox';

/** Random id for entries and idempotency keys (Web Crypto, present in browsers and Node 20). */
export function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Persistent queue of requests to re-send after login. */
export class Outbox {
  constructor(private readonly store: KeyValueStore | null) {}

  /** All queued entries, oldest first; a corrupt store reads as empty. */
  list(): OutboxEntry[] {
    if (!this.store) return [];
    try {
      const parsed: unknown = JSON.parse(this.store.getItem(KEY) ?? '[]');
      return Array.isArray(parsed) ? (parsed as OutboxEntry[]) : [];
    } catch {
      return [];
    }
  }

  /** Queues a request; returns its entry id. */
  add(entry: Omit<OutboxEntry, 'id' | 'saved_at'>): string {
    const id = randomId();
    this.write([...this.list(), { ...entry, id, saved_at: Date.now() }]);
    return id;
  }

  /** Drops an entry (sent, or refused for good). */
  remove(id: string): void {
    this.write(this.list().filter((e) => e.id !== id));
  }

  private write(entries: OutboxEntry[]): void {
    if (!this.store) return;
    try {
      if (entries.length === 0) this.store.removeItem(KEY);
      else this.store.setItem(KEY, JSON.stringify(entries));
    } catch {
      // Storage full or disabled: the in-memory retry still runs; nothing better to do.
    }
  }
}
