/**
 * A sparse vector over hashed feature buckets: `indices` strictly increasing, `values` the
 * matching weights. Both learners and the diversity term of active learning work on it.
 *
 * @example
 * ```ts
 * const v: SparseVector = { indices: Int32Array.of(3, 17), values: Float32Array.of(0.6, 0.8) };
 * ```
 */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/**
 * Builds a sparse vector from bucket ids (repeats allowed): each distinct bucket gets its count
 * `tf`, transformed to `1 + ln(tf)` (sublinear term frequency: a word said five times is not
 * five times the evidence). `ids` is sorted in place.
 *
 * @example
 * ```ts
 * countsToVector([5, 2, 5]); // indices [2, 5], values [1, 1.693...]
 * ```
 */
export function countsToVector(ids: number[] | Int32Array): SparseVector {
  ids.sort((a, b) => a - b);
  let distinct = 0;
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) distinct++;
  const indices = new Int32Array(distinct);
  const values = new Float32Array(distinct);
  let k = -1;
  for (let i = 0; i < ids.length; i++) {
    if (i === 0 || ids[i] !== ids[i - 1]) {
      k++;
      indices[k] = ids[i]!;
      values[k] = 1;
    } else values[k]! += 1;
  }
  for (let j = 0; j < distinct; j++) values[j] = 1 + Math.log(values[j]!);
  return { indices, values };
}

/**
 * Scales `v` to unit L2 norm (a zero vector is returned unchanged).
 *
 * @example
 * ```ts
 * l2Normalize({ indices: Int32Array.of(0, 1), values: Float32Array.of(3, 4) }).values; // [0.6, 0.8]
 * ```
 */
export function l2Normalize(v: SparseVector): SparseVector {
  let s = 0;
  for (let i = 0; i < v.values.length; i++) s += v.values[i]! * v.values[i]!;
  if (s === 0) return v;
  const inv = 1 / Math.sqrt(s);
  const values = new Float32Array(v.values.length);
  for (let i = 0; i < values.length; i++) values[i] = v.values[i]! * inv;
  return { indices: v.indices, values };
}

/**
 * Dot product of two sparse vectors (merge of the sorted index lists). For unit vectors this
 * is the cosine similarity.
 *
 * @example
 * ```ts
 * sparseDot(a, a); // 1 for a unit vector a
 * ```
 */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  const ai = a.indices;
  const bi = b.indices;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) s += a.values[i++]! * b.values[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}
