import { QualityInputError } from './errors.ts';

/**
 * Compact encoding of crowd labels: one entry per label, in three parallel typed arrays.
 * `item[e]`, `worker[e]` and `label[e]` are 0-based indices (`label` is the class).
 * Algorithms loop over these arrays; nothing allocates an object per label.
 *
 * @example
 * ```ts
 * const m: LabelMatrix = {
 *   nItems: 2, nWorkers: 2, nClasses: 2,
 *   item: Int32Array.of(0, 0, 1), worker: Int32Array.of(0, 1, 0), label: Int32Array.of(1, 1, 0),
 * };
 * ```
 */
export interface LabelMatrix {
  readonly nItems: number;
  readonly nWorkers: number;
  readonly nClasses: number;
  readonly item: Int32Array;
  readonly worker: Int32Array;
  readonly label: Int32Array;
}

/** One crowd label as strings: which question, which worker, which answer. */
export interface LabelTriple {
  readonly question: string;
  readonly worker: string;
  readonly answer: string;
}

/** A {@link LabelMatrix} with the index ↔ name maps that produced it. */
export interface NamedLabelMatrix {
  readonly matrix: LabelMatrix;
  /** `items[i]` is the question id of item index i. */
  readonly items: readonly string[];
  readonly workers: readonly string[];
  /** `classes[c]` is the answer string of class index c. */
  readonly classes: readonly string[];
  readonly itemIndex: ReadonlyMap<string, number>;
  readonly workerIndex: ReadonlyMap<string, number>;
  readonly classIndex: ReadonlyMap<string, number>;
}

/** Options for {@link buildLabelMatrix}. */
export interface BuildLabelMatrixOptions {
  /** Fixed class order (e.g. the schema's label set); answers outside it are an error. */
  readonly classes?: readonly string[];
  /** Items to include even if they have no labels (e.g. every task of a batch). */
  readonly items?: readonly string[];
}

/**
 * Builds a {@link LabelMatrix} from string triples. Items and workers are indexed in order
 * of first appearance. Without `options.classes`, classes are sorted: numerically when every
 * answer is a number ("2" before "10"), otherwise by code unit. Repeated (question, worker)
 * pairs are kept as separate labels. Empty strings are rejected with the triple's index.
 *
 * @example
 * ```ts
 * const named = buildLabelMatrix([
 *   { question: 'q1', worker: 'ann', answer: 'cat' },
 *   { question: 'q1', worker: 'bob', answer: 'dog' },
 * ]);
 * named.classes; // ['cat', 'dog']
 * named.matrix.label; // Int32Array [0, 1]
 * ```
 */
export function buildLabelMatrix(
  triples: readonly LabelTriple[],
  options: BuildLabelMatrixOptions = {},
): NamedLabelMatrix {
  const itemIndex = new Map<string, number>();
  const workerIndex = new Map<string, number>();
  for (const id of options.items ?? []) if (!itemIndex.has(id)) itemIndex.set(id, itemIndex.size);
  const classes = options.classes ? [...options.classes] : sortedClasses(triples);
  const classIndex = new Map(classes.map((c, i) => [c, i] as const));
  if (classIndex.size !== classes.length) {
    throw new QualityInputError('bad_option', 'classes: the class list contains duplicates');
  }
  const n = triples.length;
  const item = new Int32Array(n);
  const worker = new Int32Array(n);
  const label = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    const t = triples[e]!;
    checkTriple(t, e);
    item[e] = indexOf(itemIndex, t.question);
    worker[e] = indexOf(workerIndex, t.worker);
    const c = classIndex.get(t.answer);
    if (c === undefined) {
      throw new QualityInputError(
        'bad_value',
        `label ${e}: answer "${t.answer}" is not one of the classes ${classes.join(', ')}`,
      );
    }
    label[e] = c;
  }
  const matrix: LabelMatrix = {
    nItems: itemIndex.size,
    nWorkers: workerIndex.size,
    nClasses: classes.length,
    item,
    worker,
    label,
  };
  return {
    matrix,
    items: [...itemIndex.keys()],
    workers: [...workerIndex.keys()],
    classes,
    itemIndex,
    workerIndex,
    classIndex,
  };
}

function indexOf(map: Map<string, number>, key: string): number {
  let i = map.get(key);
  if (i === undefined) {
    i = map.size;
    map.set(key, i);
  }
  return i;
}

function checkTriple(t: LabelTriple, e: number): void {
  for (const field of ['question', 'worker', 'answer'] as const) {
    if (typeof t[field] !== 'string' || t[field] === '') {
      throw new QualityInputError('bad_value', `label ${e}: empty ${field}`);
    }
  }
}

function sortedClasses(triples: readonly LabelTriple[]): string[] {
  const set = new Set<string>();
  for (const t of triples) if (t.answer !== '') set.add(t.answer);
  return sortValues([...set]);
}

/**
 * Sorts distinct answer strings: numerically when all are finite numbers, else by code unit.
 *
 * @example
 * ```ts
 * sortValues(['10', '2', '1']); // ['1', '2', '10']
 * sortValues(['b', 'a']); // ['a', 'b']
 * ```
 */
export function sortValues(values: readonly string[]): string[] {
  const numeric = values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  const copy = [...values];
  return numeric
    ? copy.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0))
    : copy.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Checks a hand-built {@link LabelMatrix}: equal array lengths, indices in range, at least
 * one class. Throws {@link QualityInputError} naming the first bad entry.
 *
 * @example
 * ```ts
 * validateLabelMatrix(m); // throws if m.label[3] >= m.nClasses, etc.
 * ```
 */
export function validateLabelMatrix(m: LabelMatrix): void {
  const n = m.item.length;
  if (m.worker.length !== n || m.label.length !== n) {
    throw new QualityInputError(
      'bad_shape',
      `label matrix: item, worker and label arrays differ in length (${n}, ${m.worker.length}, ${m.label.length})`,
    );
  }
  if (m.nClasses < 1)
    throw new QualityInputError('bad_shape', 'label matrix: nClasses must be >= 1');
  for (let e = 0; e < n; e++) {
    const i = m.item[e]!;
    const w = m.worker[e]!;
    const c = m.label[e]!;
    if (i < 0 || i >= m.nItems || w < 0 || w >= m.nWorkers || c < 0 || c >= m.nClasses) {
      throw new QualityInputError(
        'bad_value',
        `label matrix: entry ${e} (item ${i}, worker ${w}, label ${c}) is out of range`,
      );
    }
  }
}

/** Labels grouped by item: labels of item i are `order[offsets[i]] .. order[offsets[i+1]-1]`. */
export interface ItemIndex {
  readonly offsets: Int32Array;
  readonly order: Int32Array;
}

/**
 * Groups label positions by item with a counting sort (O(labels + items)).
 *
 * @example
 * ```ts
 * const { offsets, order } = indexByItem(m);
 * for (let k = offsets[0]; k < offsets[1]; k++) console.log(m.label[order[k]]);
 * ```
 */
export function indexByItem(m: LabelMatrix): ItemIndex {
  const offsets = new Int32Array(m.nItems + 1);
  const n = m.item.length;
  for (let e = 0; e < n; e++) offsets[m.item[e]! + 1]!++;
  for (let i = 0; i < m.nItems; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, m.nItems);
  const order = new Int32Array(n);
  for (let e = 0; e < n; e++) order[cursor[m.item[e]!]!++] = e;
  return { offsets, order };
}
