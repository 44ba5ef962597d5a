import { describe, it, expect } from 'vitest';
import type { Prediction } from '../api/types.ts';
import type { Region } from '../schema/types.ts';
import { acceptAll, acceptSuggestion, pendingSuggestions } from './suggestions.ts';

const pred: Prediction = {
  id: 12,
  task_id: 1,
  model: 'ner-online',
  model_version: '3',
  score: 0.8,
  regions: [
    {
      id: 'p1',
      control: 'ents',
      type: 'span',
      value: { start: 0, end: 2, labels: ['PER'] },
      score: 0.9,
    },
    { id: 'p2', control: 'ents', type: 'span', value: { start: 3, end: 5, labels: ['LOC'] } },
    {
      id: 'p3',
      control: 'rel',
      type: 'relation',
      value: { from: 'p1', to: 'p2', labels: ['located_in'] },
    },
    { id: 'p4', control: 'sent', type: 'choice', value: { choices: ['pos'] } },
  ],
};

describe('suggestions', () => {
  it('lists suggestions not accepted or rejected, with scores', () => {
    const pending = pendingSuggestions([pred], [], ['p2']);
    expect(pending.map((s) => [s.region.id, s.score])).toEqual([
      ['p1', 0.9],
      ['p3', 0.8],
      ['p4', 0.8],
    ]);
  });

  it('keeps the prediction region id and records prediction_id on accept', () => {
    const all = pendingSuggestions([pred], [], []);
    const next = acceptSuggestion([], all[0]!, all);
    expect(next).toEqual([{ ...pred.regions[0], prediction_id: '12' }]);
    expect(pendingSuggestions([pred], next, []).map((s) => s.region.id)).toEqual([
      'p2',
      'p3',
      'p4',
    ]);
  });

  it('accepting a relation brings its spans along', () => {
    const all = pendingSuggestions([pred], [], []);
    const next = acceptSuggestion(
      [],
      all.find((s) => s.region.id === 'p3')!,
      all,
    );
    expect(next.map((r) => r.id).sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('accept all replaces single-valued controls and accepts everything', () => {
    const mine: Region = { id: 'm', control: 'sent', type: 'choice', value: { choices: ['neg'] } };
    const next = acceptAll([mine], pendingSuggestions([pred], [mine], []));
    expect(next.map((r) => r.id).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(next.every((r) => r.prediction_id === '12')).toBe(true);
  });
});
