/**
 * Bias statistics over labels: how labels are distributed across groups (demographic parity
 * difference and ratio, chi-square test of independence) and how each annotator's labels
 * differ from the consensus (total variation distance, chi-square test of homogeneity).
 *
 * Metrics that the data cannot define (a ratio over a zero rate, a test with one group)
 * come back as `{ ok: false, reason }`, never NaN.
 */

import { chiSquareIndependence } from './chi-square.ts';
import type { ChiSquareTest } from './chi-square.ts';

/** A number, or why it is undefined on this data. */
export type Stat = { ok: true; value: number } | { ok: false; reason: string };

/** One observation: a label given to an item from some group. */
export interface GroupLabel {
  group: string;
  label: string;
}

/** Label counts and shares per group. Rows follow `groups`, columns follow `labels`. */
export interface LabelDistribution {
  groups: string[];
  labels: string[];
  counts: number[][];
  totals: number[];
  /** counts / totals, per group row. */
  shares: number[][];
}

/** Demographic parity of one label across groups. */
export interface LabelParity {
  label: string;
  /** P(label | group). */
  rates: Record<string, number>;
  /** max - min of the rates. */
  difference: Stat;
  /** min / max of the rates (the "80% rule" ratio). */
  ratio: Stat;
  /** Each group against all other groups pooled: rate difference and ratio. */
  vsRest: Record<string, { difference: Stat; ratio: Stat }>;
}

/** Everything {@link biasReport} computes. */
export interface BiasReport {
  distribution: LabelDistribution;
  parity: LabelParity[];
  independence: ChiSquareTest;
}

const value = (v: number): Stat => ({ ok: true, value: v });
const undef = (reason: string): Stat => ({ ok: false, reason });
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

function checkPairs(pairs: readonly GroupLabel[]): void {
  pairs.forEach((p, i) => {
    if (typeof p?.group !== 'string' || typeof p?.label !== 'string') {
      throw new TypeError(`pair ${i} needs string group and label, got ${JSON.stringify(p)}`);
    }
  });
}

/**
 * Counts labels per group (groups and labels sorted).
 * @example labelDistribution([{ group: 'f', label: 'pos' }, { group: 'm', label: 'neg' }]).counts // [[0, 1], [1, 0]]
 */
export function labelDistribution(pairs: readonly GroupLabel[]): LabelDistribution {
  checkPairs(pairs);
  const groups = sorted(pairs.map((p) => p.group));
  const labels = sorted(pairs.map((p) => p.label));
  const gi = new Map(groups.map((g, i) => [g, i]));
  const li = new Map(labels.map((l, i) => [l, i]));
  const counts = groups.map(() => labels.map(() => 0));
  for (const p of pairs) counts[gi.get(p.group)!]![li.get(p.label)!]!++;
  const totals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const shares = counts.map((row, g) => row.map((c) => c / totals[g]!));
  return { groups, labels, counts, totals, shares };
}

function ratioStat(num: number, den: number, what: string): Stat {
  return den > 0 ? value(num / den) : undef(`${what} is 0, so the ratio is undefined`);
}

/**
 * Demographic parity per label: rate spread across groups and each group against the rest.
 * @example demographicParity(pairs)[0] // { label: 'approve', difference: { ok: true, value: 0.3 }, ... }
 */
export function demographicParity(pairs: readonly GroupLabel[]): LabelParity[] {
  const d = labelDistribution(pairs);
  return d.labels.map((label, l) => {
    const rates = Object.fromEntries(d.groups.map((g, i) => [g, d.shares[i]![l]!]));
    const values = Object.values(rates);
    const max = Math.max(...values);
    const min = Math.min(...values);
    const many = d.groups.length >= 2;
    const vsRest: LabelParity['vsRest'] = {};
    d.groups.forEach((g, i) => {
      const restCount = d.counts.reduce((a, row, j) => (j === i ? a : a + row[l]!), 0);
      const restTotal = d.totals.reduce((a, t, j) => (j === i ? a : a + t), 0);
      if (restTotal === 0) {
        vsRest[g] = { difference: undef('no other group'), ratio: undef('no other group') };
        return;
      }
      const rest = restCount / restTotal;
      vsRest[g] = {
        difference: value(rates[g]! - rest),
        ratio: ratioStat(rates[g]!, rest, `the rate of "${label}" in the other groups`),
      };
    });
    return {
      label,
      rates,
      difference: many ? value(max - min) : undef('needs at least two groups'),
      ratio: many
        ? ratioStat(min, max, `the highest rate of "${label}"`)
        : undef('needs at least two groups'),
      vsRest,
    };
  });
}

/**
 * Distribution, parity and a chi-square test of independence between group and label.
 * @example biasReport(pairs).independence // { ok: true, statistic, dof, pValue, ... }
 */
export function biasReport(pairs: readonly GroupLabel[]): BiasReport {
  const distribution = labelDistribution(pairs);
  return {
    distribution,
    parity: demographicParity(pairs),
    independence: chiSquareIndependence(distribution.counts),
  };
}

/** One label given by one annotator to one item. */
export interface AnnotatorLabel {
  annotator: string;
  item: string;
  label: string;
}

/** How one annotator's labels compare with the consensus on the items they labelled. */
export interface AnnotatorBias {
  annotator: string;
  /** Labels given on items that have a consensus. */
  n: number;
  /** Share of those labels equal to the consensus. */
  agreement: Stat;
  /** Shares of each label in the annotator's labels. */
  distribution: Record<string, number>;
  /** Shares of each label in the consensus of the same items. */
  consensusDistribution: Record<string, number>;
  /** Total variation distance between the two distributions, 0..1. */
  tvd: Stat;
  /**
   * Chi-square test of homogeneity of the 2xK table [annotator counts; consensus counts].
   * Both rows describe the same items, so the test is conservative (it flags less often
   * than a paired test would): a screen, not a verdict.
   */
  test: ChiSquareTest;
}

/**
 * Compares each annotator's label distribution with the consensus labels of the same items
 * (e.g. from majority vote or Dawid-Skene). Annotators are returned sorted by name.
 * @example annotatorBias(annotations, { 't1': 'pos', 't2': 'neg' })[0].tvd // { ok: true, value: 0.25 }
 */
export function annotatorBias(
  annotations: readonly AnnotatorLabel[],
  consensus: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
): AnnotatorBias[] {
  const lookup = (item: string) =>
    consensus instanceof Map ? consensus.get(item) : (consensus as Record<string, string>)[item];
  const byAnnotator = new Map<string, Array<[given: string, truth: string]>>();
  annotations.forEach((a, i) => {
    if (
      typeof a?.annotator !== 'string' ||
      typeof a.item !== 'string' ||
      typeof a.label !== 'string'
    ) {
      throw new TypeError(`annotation ${i} needs string annotator, item and label`);
    }
    const truth = lookup(a.item);
    const list = byAnnotator.get(a.annotator) ?? [];
    if (truth !== undefined) list.push([a.label, truth]);
    byAnnotator.set(a.annotator, list);
  });
  return sorted(byAnnotator.keys()).map((annotator) =>
    compareWithConsensus(annotator, byAnnotator.get(annotator)!),
  );
}

function compareWithConsensus(annotator: string, pairs: Array<[string, string]>): AnnotatorBias {
  const n = pairs.length;
  const labels = sorted(pairs.flat());
  const given = labels.map((l) => pairs.filter(([g]) => g === l).length);
  const truth = labels.map((l) => pairs.filter(([, t]) => t === l).length);
  const share = (counts: number[]) => Object.fromEntries(labels.map((l, i) => [l, counts[i]! / n]));
  if (n === 0) {
    const reason = 'no labelled item has a consensus label';
    const none = undef(reason);
    return {
      annotator,
      n,
      agreement: none,
      distribution: {},
      consensusDistribution: {},
      tvd: none,
      test: { ok: false, reason },
    };
  }
  const tvd = 0.5 * labels.reduce((a, _, i) => a + Math.abs(given[i]! - truth[i]!) / n, 0);
  return {
    annotator,
    n,
    agreement: value(pairs.filter(([g, t]) => g === t).length / n),
    distribution: share(given),
    consensusDistribution: share(truth),
    tvd: value(tvd),
    test: chiSquareIndependence([given, truth]),
  };
}
