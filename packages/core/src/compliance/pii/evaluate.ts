/**
 * Precision and recall of PII findings against gold spans, per entity: what the Chinese test
 * set's unit test asserts and the PII bench prints.
 */

import type { PiiFinding } from './types.ts';

/** A gold span, in code points. */
export interface GoldSpan {
  entity: string;
  start: number;
  end: number;
}

/** A text with every piece of PII in it marked (none for a negative text). */
export interface LabelledText {
  text: string;
  spans: readonly GoldSpan[];
}

/** Counts and ratios for one entity; a ratio is undefined when its denominator is 0. */
export interface EntityScore {
  entity: string;
  gold: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number | undefined;
  recall: number | undefined;
}

/**
 * Scores `detect` on labelled texts. A finding is a true positive when a gold span has the
 * same entity and exactly the same start and end; every other finding is a false positive of
 * its entity, and every unmatched gold span a false negative. Rows are sorted by entity.
 * @example scorePii([{ text: '手机13812345678', spans: [{ entity: 'CN_MOBILE', start: 2, end: 13 }] }], detectPii)
 * // [{ entity: 'CN_MOBILE', gold: 1, tp: 1, fp: 0, fn: 0, precision: 1, recall: 1 }]
 */
export function scorePii(
  texts: readonly LabelledText[],
  detect: (text: string) => readonly PiiFinding[],
): EntityScore[] {
  const rows = new Map<string, EntityScore>();
  const row = (entity: string) => {
    let r = rows.get(entity);
    if (!r) {
      r = { entity, gold: 0, tp: 0, fp: 0, fn: 0, precision: undefined, recall: undefined };
      rows.set(entity, r);
    }
    return r;
  };
  for (const t of texts) {
    const want = new Set(t.spans.map((g) => `${g.entity}:${g.start}:${g.end}`));
    for (const g of t.spans) row(g.entity).gold++;
    const hit = new Set<string>();
    for (const f of detect(t.text)) {
      const key = `${f.entity}:${f.start}:${f.end}`;
      if (want.has(key) && !hit.has(key)) {
        hit.add(key);
        row(f.entity).tp++;
      } else row(f.entity).fp++;
    }
    for (const g of t.spans) if (!hit.has(`${g.entity}:${g.start}:${g.end}`)) row(g.entity).fn++;
  }
  for (const r of rows.values()) {
    r.precision = r.tp + r.fp === 0 ? undefined : r.tp / (r.tp + r.fp);
    r.recall = r.gold === 0 ? undefined : r.tp / r.gold;
  }
  return [...rows.values()].sort((a, b) => a.entity.localeCompare(b.entity));
}
