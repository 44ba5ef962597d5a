import { describe, expect, it } from 'vitest';
import { combineSpans } from './combine-spans.ts';
import { Gazetteer } from './gazetteer.ts';
import type { ScoredSpan } from './span-tagger.ts';

describe('Gazetteer', () => {
  const g = new Gazetteer();
  g.addExamples([
    { text: '我在北京工作', spans: [{ start: 2, end: 4, label: 'LOC' }] },
    { text: '北京大学很好', spans: [{ start: 0, end: 4, label: 'ORG' }] },
    {
      text: 'Li went to Paris',
      spans: [
        { start: 0, end: 2, label: 'PER' },
        { start: 11, end: 16, label: 'LOC' },
      ],
    },
  ]);
  g.add('北京', 'LOC');
  g.add('北京', 'ORG');
  g.add('京', 'LOC'); // shorter than minLength: ignored

  it('matches leftmost-longest with the majority label and a Laplace score', () => {
    expect(g.size).toBe(4);
    expect(g.match('他从北京大学到北京')).toEqual([
      { start: 2, end: 6, label: 'ORG', text: '北京大学', score: 2 / 3 },
      // 北京: LOC twice, ORG once: (2 + 1) / (3 + 2).
      { start: 7, end: 9, label: 'LOC', text: '北京', score: 3 / 5 },
    ]);
  });

  it('matches Latin entries on token boundaries only, ignoring case', () => {
    expect(g.match('PARIS and Lisbon; li.').map((s) => s.text)).toEqual(['PARIS', 'li']);
  });

  it('counts offsets in code points', () => {
    expect(g.match('😀北京')[0]).toMatchObject({ start: 1, end: 3 });
  });

  it('round-trips through JSON', () => {
    const back = Gazetteer.fromJSON(JSON.parse(JSON.stringify(g.toJSON())) as unknown);
    expect(back.match('北京和Paris')).toEqual(g.match('北京和Paris'));
    expect(() => Gazetteer.fromJSON({ kind: 'x' })).toThrow(
      /Gazetteer\.fromJSON: invalid saved model/,
    );
  });
});

describe('combineSpans', () => {
  const s = (start: number, end: number, label = 'X'): ScoredSpan => ({
    start,
    end,
    label,
    text: '',
    score: 1,
  });
  it('keeps primary spans and adds non-overlapping secondary ones, sorted', () => {
    expect(
      combineSpans([s(5, 8)], [s(0, 2, 'G'), s(6, 9, 'G'), s(9, 10, 'G')]).map((x) => [
        x.start,
        x.label,
      ]),
    ).toEqual([
      [0, 'G'],
      [5, 'X'],
      [9, 'G'],
    ]);
  });
});
