import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLabelsText, parseProbsCsv } from '../csv-readers.ts';
import { findLabelIssues } from './find-label-issues.ts';

const dir = new URL('../../../../../../shared/datasets/cleanlab-label-errors/', import.meta.url);
const present = existsSync(dir);
if (!present) console.warn(`reference-mnist.test.ts: skipped, ${dir.pathname} not found`);

function run(name: 'mnist' | 'cifar10') {
  const text = readFileSync(new URL(`${name}_pred_probs.csv`, dir), 'utf8');
  const candidates = JSON.parse(readFileSync(new URL(`${name}_mturk.json`, dir), 'utf8')) as {
    id: number;
    our_guessed_label: number;
  }[];
  return { issues: findLabelIssues(parseLabelsText(text), parseProbsCsv(text)), candidates };
}

// cleanlab/label-errors: the tutorial notebook's cleanlab run (prune_by_noise_rate) flags 15 on
// MNIST and 284 on CIFAR-10; the 100 MNIST candidates shown to MTurk include all 15.
describe.skipIf(!present)('confident learning on the MNIST / CIFAR-10 test sets', () => {
  it('flags 15 MNIST test labels, all among the published candidates, with their guessed labels', () => {
    const { issues, candidates } = run('mnist');
    expect(issues.ranked.length).toBe(15);
    const byId = new Map(candidates.map((c) => [c.id, c.our_guessed_label]));
    issues.ranked.forEach((id, r) => {
      expect(byId.has(id)).toBe(true);
      expect(issues.suggested[r]).toBe(byId.get(id));
    });
  });

  it('flags 284 CIFAR-10 test labels, as cleanlab does', () => {
    expect(run('cifar10').issues.ranked.length).toBe(284);
  });
});
