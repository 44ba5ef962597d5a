import { describe, expect, it } from 'vitest';
import type { SparseVector } from '@tessera/core/learn';
import { FeatureCache, featureCacheFor } from './feature-cache.ts';

const vec = (n: number): SparseVector => ({
  indices: Int32Array.from({ length: n }, (_, i) => i),
  values: new Float32Array(n).fill(1),
});

describe('FeatureCache', () => {
  it('featurises a task text once, and again when the text changes', () => {
    const cache = new FeatureCache('sig');
    let calls = 0;
    const f = (t: string) => (calls++, vec(t.length));
    const a = cache.vector(1, 'hello', f);
    expect(cache.vector(1, 'hello', f)).toBe(a);
    expect(calls).toBe(1);
    expect(cache.vector(1, 'hello!', f).indices.length).toBe(6);
    expect(calls).toBe(2);
    expect([cache.hits, cache.misses, cache.size]).toEqual([1, 2, 1]);
  });

  it('stays within its byte budget, dropping the oldest entries first', () => {
    // Each entry: 10 features × 8 + 1 char × 2 + 100 = 182 bytes.
    const cache = new FeatureCache('sig', 182 * 3);
    for (let id = 1; id <= 5; id++) cache.vector(id, 'x', () => vec(10));
    expect(cache.size).toBe(3);
    expect(cache.heldBytes).toBe(182 * 3);
    let calls = 0;
    cache.vector(1, 'x', () => (calls++, vec(10))); // evicted: featurised again
    cache.vector(5, 'x', () => (calls++, vec(10))); // kept
    expect(calls).toBe(1);
    // A vector larger than the whole budget is returned, not kept.
    cache.vector(9, 'x', () => vec(1000));
    expect(cache.size).toBe(3);
  });

  it('is replaced when the featurizer signature changes', () => {
    const caches = new Map<number, FeatureCache>();
    const a = featureCacheFor(caches, 3, 'default|x');
    expect(featureCacheFor(caches, 3, 'default|x')).toBe(a);
    expect(featureCacheFor(caches, 3, 'jieba|x')).not.toBe(a);
  });
});
