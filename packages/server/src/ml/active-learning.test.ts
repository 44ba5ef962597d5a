import { describe, expect, it } from 'vitest';
import { TextClassifier } from '@tessera/core/learn';
import { PRIORITY_SCALE, queuePriorities } from './active-learning.ts';
import { SETTINGS_SCHEMAS } from './model-settings.ts';
import type { MlPrediction } from './types.ts';

const settings = (strategy: string, diversity: number) =>
  SETTINGS_SCHEMAS['text-classifier'].parse({ active_learning: { strategy, diversity } });
const pred = (id: number, p: number, extra: Partial<MlPrediction> = {}): MlPrediction => ({
  task_id: id,
  regions: [],
  score: Math.max(p, 1 - p),
  probs: [p, 1 - p],
  ...extra,
});

describe('queuePriorities', () => {
  it('orders by uncertainty in millionths; off changes nothing; unknown scores are left alone', () => {
    const preds = [pred(1, 0.99), pred(2, 0.5), pred(3, 0.8), pred(4, 0.5, { scoreUnknown: true })];
    const out = queuePriorities(preds, settings('entropy', 0));
    expect(out.map((x) => x.id)).toEqual([1, 2, 3]);
    const by = new Map(out.map((x) => [x.id, x.priority]));
    expect(by.get(2)).toBe(PRIORITY_SCALE);
    expect(by.get(3)!).toBeGreaterThan(by.get(1)!);
    expect(queuePriorities(preds, settings('off', 0))).toEqual([]);
  });

  it('with diversity, a near-duplicate of a prioritised task sinks below a different one', () => {
    const clf = new TextClassifier({ labels: ['a', 'b'] });
    const v = (t: string) => clf.featurize(t);
    const preds = [
      pred(1, 0.5, { vector: v('win a free prize now') }),
      pred(2, 0.52, { vector: v('win a free prize now!') }),
      pred(3, 0.6, { vector: v('meeting moved to friday afternoon') }),
    ];
    const plain = new Map(
      queuePriorities(preds, settings('entropy', 0)).map((x) => [x.id, x.priority]),
    );
    expect(plain.get(2)!).toBeGreaterThan(plain.get(3)!);
    const div = new Map(
      queuePriorities(preds, settings('entropy', 0.5)).map((x) => [x.id, x.priority]),
    );
    expect(div.get(3)!).toBeGreaterThan(div.get(2)!);
    expect(div.get(1)).toBe(PRIORITY_SCALE);
  });

  it('gives the random arm of an order experiment a seeded pseudo-random priority', () => {
    const preds = [pred(1, 0.99), pred(2, 0.99)];
    const a = queuePriorities(preds, settings('entropy', 0), () => 'random', 's1');
    const b = queuePriorities(preds, settings('entropy', 0), () => 'random', 's1');
    expect(a).toEqual(b);
    expect(a[0]!.priority).not.toBe(a[1]!.priority);
    for (const x of a) expect(x.priority).toBeLessThan(PRIORITY_SCALE);
  });
});
