import { QualityInputError } from '../errors.ts';

/** Consensus for one item after an update. */
export interface ItemConsensus {
  /** Consensus class, or -1 when the item has no labels. */
  readonly label: number;
  /** Share of votes (majority vote) or posterior (Dawid–Skene) of that class. */
  readonly confidence: number;
  /** Number of labels the item now has. */
  readonly labelCount: number;
}

/**
 * Majority vote maintained label by label, for the server's submit path: O(K) per update,
 * no allocation beyond growing the count table. Same tie-break as {@link majorityVote}
 * (lowest class index), so it always agrees with the batch result.
 *
 * @example
 * ```ts
 * const mv = new IncrementalMajority(3); // 3 classes
 * mv.add(0, 2); // item 0 gets a label of class 2 -> { label: 2, confidence: 1, labelCount: 1 }
 * mv.add(0, 1); // tie -> { label: 1, confidence: 0.5, labelCount: 2 }
 * ```
 */
export class IncrementalMajority {
  private counts: Int32Array;
  private totals: Int32Array;

  constructor(
    readonly nClasses: number,
    initialItems = 1024,
  ) {
    if (!Number.isInteger(nClasses) || nClasses < 1) {
      throw new QualityInputError(
        'bad_option',
        `IncrementalMajority: nClasses must be a positive integer, got ${nClasses}`,
      );
    }
    const capacity = Math.max(1, initialItems);
    this.counts = new Int32Array(capacity * nClasses);
    this.totals = new Int32Array(capacity);
  }

  /** Records one label of class `label` on item `item` and returns the item's consensus. */
  add(item: number, label: number): ItemConsensus {
    this.check(item, label);
    this.ensure(item);
    this.counts[item * this.nClasses + label]!++;
    this.totals[item]!++;
    return this.get(item);
  }

  /** Removes a label (an edited or deleted annotation); throws if there is none to remove. */
  remove(item: number, label: number): ItemConsensus {
    this.check(item, label);
    const at = item * this.nClasses + label;
    if (item >= this.totals.length || this.counts[at] === 0) {
      throw new QualityInputError(
        'bad_value',
        `IncrementalMajority: item ${item} has no label ${label} to remove`,
      );
    }
    this.counts[at]!--;
    this.totals[item]!--;
    return this.get(item);
  }

  /** Current consensus of an item. */
  get(item: number): ItemConsensus {
    if (item >= this.totals.length || this.totals[item] === 0)
      return { label: -1, confidence: 0, labelCount: 0 };
    const k = this.nClasses;
    const row = item * k;
    let best = 0;
    for (let c = 1; c < k; c++) if (this.counts[row + c]! > this.counts[row + best]!) best = c;
    const total = this.totals[item]!;
    return { label: best, confidence: this.counts[row + best]! / total, labelCount: total };
  }

  private check(item: number, label: number): void {
    if (!Number.isInteger(item) || item < 0) {
      throw new QualityInputError(
        'bad_value',
        `IncrementalMajority: item must be a non-negative integer, got ${item}`,
      );
    }
    if (!Number.isInteger(label) || label < 0 || label >= this.nClasses) {
      throw new QualityInputError(
        'bad_value',
        `IncrementalMajority: label ${label} is not a class index in [0, ${this.nClasses})`,
      );
    }
  }

  private ensure(item: number): void {
    if (item < this.totals.length) return;
    let capacity = this.totals.length;
    while (capacity <= item) capacity *= 2;
    const counts = new Int32Array(capacity * this.nClasses);
    counts.set(this.counts);
    const totals = new Int32Array(capacity);
    totals.set(this.totals);
    this.counts = counts;
    this.totals = totals;
  }
}
