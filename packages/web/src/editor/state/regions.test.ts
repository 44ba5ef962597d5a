import { describe, it, expect } from 'vitest';
import type { Region, SchemaControl } from '../../schema/types.ts';
import {
  moveInRanking,
  removeRegion,
  setControlValue,
  toggleChoice,
  toggleLabel,
} from './regions.ts';

const single: SchemaControl = { name: 'sentiment', type: 'choices', field: 'text' };
const multi: SchemaControl = { ...single, name: 'topics', multiple: true };

describe('regions', () => {
  it('single choice switches and clears; multiple choice toggles', () => {
    let r = toggleChoice([], single, 'pos');
    r = toggleChoice(r, single, 'neg');
    expect(r).toHaveLength(1);
    expect(r[0]!.value).toEqual({ choices: ['neg'] });
    expect(toggleChoice(r, single, 'neg')).toEqual([]);
    let m = toggleChoice([], multi, 'a');
    m = toggleChoice(m, multi, 'b');
    expect(m[0]!.value).toEqual({ choices: ['a', 'b'] });
    expect(toggleChoice(m, multi, 'a')[0]!.value).toEqual({ choices: ['b'] });
  });

  it('deleting a span also deletes the relations that use it', () => {
    const regions: Region[] = [
      { id: 's1', control: 'ner', type: 'span', value: { start: 0, end: 2, labels: ['PER'] } },
      { id: 's2', control: 'ner', type: 'span', value: { start: 3, end: 5, labels: ['LOC'] } },
      { id: 'rel', control: 'rel', type: 'relation', value: { from: 's1', to: 's2' } },
    ];
    expect(removeRegion(regions, 's2').map((r) => r.id)).toEqual(['s1']);
  });

  it('toggles labels on labeled regions', () => {
    const span: Region = {
      id: 's',
      control: 'ner',
      type: 'span',
      value: { start: 0, end: 1, labels: ['PER'] },
    };
    expect(toggleLabel(span, 'LOC', false).value).toMatchObject({ labels: ['LOC'] });
    expect(toggleLabel(span, 'LOC', true).value).toMatchObject({ labels: ['PER', 'LOC'] });
    expect(toggleLabel(span, 'PER', true).value).toMatchObject({ labels: [] });
  });

  it('keeps one region per single-valued control', () => {
    let r = setControlValue([], 'q', 'rating', { rating: 3 });
    r = setControlValue(r, 'q', 'rating', { rating: 5 });
    expect(r).toHaveLength(1);
    expect(r[0]!.value).toEqual({ rating: 5 });
    expect(setControlValue(r, 'q', 'rating', null)).toEqual([]);
  });

  it('moves ranking items and clamps at the ends', () => {
    expect(moveInRanking(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveInRanking(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveInRanking(['a', 'b', 'c'], 'a', 5)).toEqual(['b', 'c', 'a']);
  });
});
