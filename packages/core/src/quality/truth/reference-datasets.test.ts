import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnswersCsv, parseCsv, parseTruthCsv } from '../csv.ts';
import { consensusAccuracy, encodeTruth } from '../gold.ts';
import { buildLabelMatrix } from '../label-matrix.ts';
import { dawidSkene } from './dawid-skene.ts';
import { glad } from './glad.ts';
import { mace } from './mace.ts';
import { majorityVote } from './majority-vote.ts';
import { aggregateNumeric, numericErrors } from './numeric.ts';
import type { TruthResult } from './types.ts';

const root = new URL('../../../../../../shared/datasets/crowd-truth-zheng2017/', import.meta.url);
const present = existsSync(root);
if (!present) console.warn(`reference-datasets.test.ts: skipped, ${root.pathname} not found`);

function load(name: string) {
  const named = buildLabelMatrix(
    parseAnswersCsv(readFileSync(new URL(`${name}/answer.csv`, root), 'utf8')),
  );
  const { truth } = encodeTruth(
    named,
    parseTruthCsv(readFileSync(new URL(`${name}/truth.csv`, root), 'utf8')),
  );
  const accuracy = (r: TruthResult) => consensusAccuracy(r.labels, truth).accuracy.value!;
  return { named, truth, accuracy };
}

// Published figures: Crowd-Kit paper (JOSS 2024), column D_Product (see the dataset README).
describe.skipIf(!present)('crowd-truth-zheng2017 d_product (8315 tasks, 24945 labels)', () => {
  const { named, truth, accuracy } = present ? load('d_product') : ({} as ReturnType<typeof load>);

  it('majority vote: 0.897 ± 0.001', () => {
    expect(truth.filter((t) => t >= 0).length).toBe(8315);
    expect(Math.abs(accuracy(majorityVote(named.matrix)) - 0.897)).toBeLessThanOrEqual(0.001);
  });

  it('Dawid–Skene: 0.940 ± 0.01', () => {
    expect(Math.abs(accuracy(dawidSkene(named.matrix)) - 0.94)).toBeLessThanOrEqual(0.01);
  });

  it('GLAD: 0.928 ± 0.01', () => {
    expect(Math.abs(accuracy(glad(named.matrix)) - 0.928)).toBeLessThanOrEqual(0.01);
  });

  it('MACE follows the paper model: 0.81–0.85 here, below MV (see docs/quality.md)', () => {
    // Crowd-Kit's published 0.929 is reproduced only when its worker strategies are indexed in
    // sorted-name order while everything else uses first-appearance order (a misalignment in
    // crowdkit/aggregation/classification/mace.py). The faithful model, with a uniform class
    // prior on data that is 88 % class 0, over-calls class 1 and lands near 0.82.
    const acc = accuracy(mace(named.matrix));
    expect(acc).toBeGreaterThan(0.81);
    expect(acc).toBeLessThan(0.85);
  });
});

describe.skipIf(!present)('crowd-truth-zheng2017 n_emotion (numeric 0–100)', () => {
  it('mean aggregation MAE 12.02, median MAE 13.53 (dataset README)', () => {
    const answers = parseCsv(readFileSync(new URL('n_emotion/answer.csv', root), 'utf8'));
    const truthRows = parseCsv(readFileSync(new URL('n_emotion/truth.csv', root), 'utf8'));
    const index = new Map<string, number>();
    const item = Int32Array.from(answers.rows, (r) => {
      if (!index.has(r[0]!)) index.set(r[0]!, index.size);
      return index.get(r[0]!)!;
    });
    const value = Float64Array.from(answers.rows, (r) => Number(r[2]));
    const truth = new Float64Array(index.size);
    const mask = new Uint8Array(index.size);
    for (const [q, t] of truthRows.rows) {
      const i = index.get(q!);
      if (i === undefined) continue;
      truth[i] = Number(t);
      mask[i] = 1;
    }
    const mean = numericErrors(
      aggregateNumeric(item, value, index.size, 'mean').values,
      truth,
      mask,
    );
    const median = numericErrors(
      aggregateNumeric(item, value, index.size, 'median').values,
      truth,
      mask,
    );
    expect(mean.mae.value).toBeCloseTo(12.02, 2);
    expect(mean.rmse.value).toBeCloseTo(17.84, 2);
    expect(median.mae.value).toBeCloseTo(13.53, 2);
  });
});
