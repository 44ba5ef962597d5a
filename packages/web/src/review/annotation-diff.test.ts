import { describe, it, expect } from 'vitest';
import type { Region } from '../schema/types.ts';
import { compareVersions, diffTwo } from './annotation-diff.ts';

const span = (id: string, start: number, end: number, label: string): Region => ({
  id,
  control: 'ents',
  type: 'span',
  value: { start, end, labels: [label] },
});
const rel = (id: string, from: string, to: string): Region => ({
  id,
  control: 'rel',
  type: 'relation',
  value: { from, to, labels: ['works_for'] },
});

describe('compareVersions', () => {
  it('matches regions by meaning, not by id, including relations', () => {
    const alice = [span('a1', 0, 2, 'PER'), span('a2', 5, 9, 'ORG'), rel('a3', 'a1', 'a2')];
    const bob = [span('b1', 0, 2, 'PER'), span('b2', 5, 9, 'ORG'), rel('b3', 'b1', 'b2')];
    const carol = [span('c1', 0, 2, 'PER'), span('c2', 5, 9, 'LOC')];
    const [ma, , mc] = compareVersions([alice, bob, carol]);
    expect(ma!.get('a1')).toBe('all');
    expect(ma!.get('a2')).toBe('some');
    expect(ma!.get('a3')).toBe('some');
    expect(mc!.get('c2')).toBe('none');
  });

  it('tolerates sub-pixel box differences and label order', () => {
    const a: Region = {
      id: 'x',
      control: 'det',
      type: 'bbox',
      value: { x: 10.2, y: 5, width: 30, height: 20, labels: ['car', 'red'] },
    };
    const b: Region = {
      id: 'y',
      control: 'det',
      type: 'bbox',
      value: { x: 9.9, y: 5.1, width: 30, height: 20, labels: ['red', 'car'] },
    };
    expect(diffTwo([a], [b])).toEqual({ onlyA: new Set(), onlyB: new Set() });
  });

  it('lists what each side has alone', () => {
    const d = diffTwo([span('a', 0, 1, 'PER')], [span('b', 0, 1, 'LOC')]);
    expect([...d.onlyA, ...d.onlyB]).toEqual(['a', 'b']);
  });
});
