import { describe, expect, it } from 'vitest';
import { QualityInputError } from './errors.ts';
import { buildLabelMatrix, indexByItem, sortValues, validateLabelMatrix } from './label-matrix.ts';

const t = (question: string, worker: string, answer: string) => ({ question, worker, answer });

describe('buildLabelMatrix', () => {
  it('indexes items and workers by first appearance and sorts numeric classes numerically', () => {
    const named = buildLabelMatrix([t('q2', 'b', '10'), t('q1', 'a', '2'), t('q2', 'a', '2')]);
    expect(named.items).toEqual(['q2', 'q1']);
    expect(named.workers).toEqual(['b', 'a']);
    expect(named.classes).toEqual(['2', '10']);
    expect(Array.from(named.matrix.item)).toEqual([0, 1, 0]);
    expect(Array.from(named.matrix.worker)).toEqual([0, 1, 1]);
    expect(Array.from(named.matrix.label)).toEqual([1, 0, 0]);
    expect(named.matrix).toMatchObject({ nItems: 2, nWorkers: 2, nClasses: 2 });
  });

  it('keeps a given class order and item list, and rejects answers outside the classes', () => {
    const named = buildLabelMatrix([t('q1', 'a', 'no')], {
      classes: ['yes', 'no'],
      items: ['q0', 'q1'],
    });
    expect(Array.from(named.matrix.label)).toEqual([1]);
    expect(named.matrix.nItems).toBe(2);
    expect(() => buildLabelMatrix([t('q1', 'a', 'maybe')], { classes: ['yes', 'no'] })).toThrow(
      /"maybe" is not one of/,
    );
    expect(() => buildLabelMatrix([], { classes: ['a', 'a'] })).toThrow(/duplicates/);
  });

  it('rejects empty fields, naming the label index', () => {
    expect(() => buildLabelMatrix([t('q1', 'a', 'x'), t('q2', '', 'x')])).toThrow(
      /label 1: empty worker/,
    );
  });

  it('sorts string classes by code unit', () => {
    expect(sortValues(['b', 'B', 'a'])).toEqual(['B', 'a', 'b']);
    expect(sortValues(['1.5', '-2', '10'])).toEqual(['-2', '1.5', '10']);
  });
});

describe('validateLabelMatrix', () => {
  it('names the first out-of-range entry', () => {
    const m = {
      nItems: 1,
      nWorkers: 1,
      nClasses: 2,
      item: Int32Array.of(0, 0),
      worker: Int32Array.of(0, 0),
      label: Int32Array.of(1, 2),
    };
    expect(() => validateLabelMatrix(m)).toThrow(QualityInputError);
    expect(() => validateLabelMatrix(m)).toThrow(/entry 1/);
  });

  it('rejects arrays of different lengths', () => {
    const m = {
      nItems: 1,
      nWorkers: 1,
      nClasses: 2,
      item: Int32Array.of(0),
      worker: Int32Array.of(0, 0),
      label: Int32Array.of(1),
    };
    expect(() => validateLabelMatrix(m)).toThrow(/differ in length/);
  });
});

describe('indexByItem', () => {
  it('groups label positions by item in their original order', () => {
    const named = buildLabelMatrix([t('a', 'w1', '0'), t('b', 'w1', '1'), t('a', 'w2', '1')]);
    const { offsets, order } = indexByItem(named.matrix);
    expect(Array.from(offsets)).toEqual([0, 2, 3]);
    expect(Array.from(order)).toEqual([0, 2, 1]);
  });
});
