import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaFromTable } from './cohen.ts';
import { fleissKappa } from './fleiss.ts';
import { krippendorffAlpha, type AlphaLevel } from './krippendorff.ts';

const file = new URL(
  '../../../../../../shared/datasets/agreement-reference/agreement_reference.json',
  import.meta.url,
);
const present = existsSync(file);
if (!present) console.warn(`reference-values.test.ts: skipped, ${file.pathname} not found`);

interface Reference {
  krippendorff_2011_example: {
    reliability_data_observers_x_units: (number | null)[][];
    expected_alpha: Record<AlphaLevel, number>;
  };
  wikipedia_krippendorff_example: {
    reliability_data_coders_x_units: (number | null)[][];
    expected_alpha: { nominal: number; interval: number };
  };
  fleiss_wikipedia_example: {
    counts_subjects_x_categories: number[][];
    expected: { kappa: number; P_bar: number; P_e_bar: number };
  };
  fleiss_1971_diagnoses: {
    ratings_subjects_x_raters_categories_1to5: number[][];
    expected: { kappa: number };
  };
  cohen_sas_example: {
    confusion_matrix: number[][];
    expected_unweighted: { kappa: number };
    expected_linear_weighted: { kappa: number };
  };
  cohen_wikipedia_example: {
    confusion_matrix: number[][];
    expected: { kappa: number; p_o: number; p_e: number };
  };
  cohen_irr_anxiety: {
    ratings_subjects_x_raters: number[][];
    expected_raters2_3: Record<string, number>;
  };
}

describe.skipIf(!present)('agreement against published reference values', () => {
  const ref = (present ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Reference;

  it('Krippendorff (2011): nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797', () => {
    const ex = ref.krippendorff_2011_example;
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const a = krippendorffAlpha(ex.reliability_data_observers_x_units, { level }).alpha.value!;
      expect(Math.abs(a - ex.expected_alpha[level])).toBeLessThanOrEqual(0.0005);
    }
  });

  it('Wikipedia alpha example: nominal 0.691358, interval 0.810845', () => {
    const ex = ref.wikipedia_krippendorff_example;
    expect(
      krippendorffAlpha(ex.reliability_data_coders_x_units, { level: 'nominal' }).alpha.value,
    ).toBeCloseTo(0.691358, 6);
    expect(
      krippendorffAlpha(ex.reliability_data_coders_x_units, { level: 'interval' }).alpha.value,
    ).toBeCloseTo(0.810845, 6);
  });

  it("Fleiss' kappa: Wikipedia 0.210, Fleiss (1971) 0.4302445", () => {
    const wp = fleissKappa(ref.fleiss_wikipedia_example.counts_subjects_x_categories);
    expect(wp.kappa.value).toBeCloseTo(0.21, 3);
    expect(wp.observed).toBeCloseTo(0.378, 3);
    expect(wp.expected).toBeCloseTo(0.213, 3);
    const ratings = ref.fleiss_1971_diagnoses.ratings_subjects_x_raters_categories_1to5;
    const counts = ratings.map((r) => [1, 2, 3, 4, 5].map((c) => r.filter((x) => x === c).length));
    expect(fleissKappa(counts).kappa.value).toBeCloseTo(0.4302445, 7);
  });

  it("Cohen's kappa: SAS 0.4842 and linear-weighted 0.4701; Wikipedia 0.4", () => {
    const sas = ref.cohen_sas_example.confusion_matrix;
    expect(cohenKappaFromTable(sas).kappa.value).toBeCloseTo(0.4842, 4);
    expect(cohenKappaFromTable(sas, { weights: 'linear' }).kappa.value).toBeCloseTo(0.4701, 4);
    const wiki = cohenKappaFromTable(ref.cohen_wikipedia_example.confusion_matrix);
    expect(wiki.kappa.value).toBeCloseTo(0.4, 12);
    expect(wiki.observed).toBeCloseTo(0.7, 12);
    expect(wiki.expected).toBeCloseTo(0.5, 12);
  });

  it("Cohen's kappa from ratings: R irr anxiety raters 2–3, unweighted / linear / quadratic", () => {
    const rows = ref.cohen_irr_anxiety.ratings_subjects_x_raters;
    const a = rows.map((r) => r[1]!);
    const b = rows.map((r) => r[2]!);
    const exp = ref.cohen_irr_anxiety.expected_raters2_3;
    expect(cohenKappa(a, b).kappa.value).toBeCloseTo(exp['unweighted']!, 6);
    expect(cohenKappa(a, b, { weights: 'linear' }).kappa.value).toBeCloseTo(
      exp['equal(linear)']!,
      6,
    );
    expect(cohenKappa(a, b, { weights: 'quadratic' }).kappa.value).toBeCloseTo(
      exp['squared(quadratic)']!,
      6,
    );
  });
});
