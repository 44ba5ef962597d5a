import type { SparseVector } from '@tessera/core/learn';

/**
 * Memory a model's cache may hold, counted as 8 bytes per non-zero feature plus the text
 * (2 bytes a code unit) plus ~100 bytes of bookkeeping: an SMS-sized text costs ~1.8 KB, so
 * 10,000 labels fit several times over; long documents fit fewer.
 */
export const DEFAULT_FEATURE_CACHE_BYTES = 48 * 1024 * 1024;

/**
 * Feature vectors of task texts for one model, so a retrain does not tokenise again the texts
 * that the last retrain, or a pre-label job, already featurised (featurisation is about half
 * of a text classifier's `fit`). An entry is used only when the task's text is the same
 * string, and the whole cache is dropped when the featurizer changes (another tokenizer or
 * configuration: `signature`). Bounded by an estimate of its memory: past `maxBytes` the
 * oldest entries go first.
 *
 * @example
 * const cache = new FeatureCache('default|{"buckets":262144}');
 * const v = cache.vector(7, text, (t) => clf.featurize(t)); // featurised once
 * cache.vector(7, text, (t) => clf.featurize(t)); // the same vector, no tokenising
 */
export class FeatureCache {
  private readonly entries = new Map<
    string,
    { text: string; vector: SparseVector; size: number }
  >();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly signature: string,
    private readonly maxBytes = DEFAULT_FEATURE_CACHE_BYTES,
  ) {}

  /** The vector of `text` for task `id`, from the cache when the text is unchanged. */
  vector(id: string | number, text: string, featurize: (text: string) => SparseVector) {
    const key = String(id);
    const hit = this.entries.get(key);
    if (hit && hit.text === text) {
      this.hits++;
      return hit.vector;
    }
    this.misses++;
    const vector = featurize(text);
    if (hit) this.drop(key, hit.size);
    const size = vector.indices.length * 8 + text.length * 2 + 100;
    if (size > this.maxBytes) return vector;
    while (this.bytes + size > this.maxBytes) {
      const oldest = this.entries.entries().next();
      if (oldest.done) break;
      this.drop(oldest.value[0], oldest.value[1].size);
    }
    this.entries.set(key, { text, vector, size });
    this.bytes += size;
    return vector;
  }

  /** Entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes held. */
  get heldBytes(): number {
    return this.bytes;
  }

  private drop(key: string, size: number): void {
    this.entries.delete(key);
    this.bytes -= size;
  }
}

/**
 * The cache of `modelId` whose signature is `signature` (a new, empty one when the featurizer
 * changed), held in `caches`.
 *
 * @example
 * const cache = featureCacheFor(registryCaches, row.id, signature);
 */
export function featureCacheFor(
  caches: Map<number, FeatureCache>,
  modelId: number,
  signature: string,
): FeatureCache {
  const cur = caches.get(modelId);
  if (cur?.signature === signature) return cur;
  const next = new FeatureCache(signature);
  caches.set(modelId, next);
  return next;
}
