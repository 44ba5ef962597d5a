import { describe, it, expect } from 'vitest';
import { confusionCells } from './confusion-cells.ts';
import { agreeColor } from './scale.ts';

describe('confusionCells', () => {
  it('shows counts with shares of the consensus row, agreement on the diagonal', () => {
    const cells = confusionCells(
      ['pos', 'neg'],
      [
        [9, 1],
        [0, 0],
      ],
    );
    expect(cells.map((r) => r.map((c) => c.text))).toEqual([
      ['9', '1'],
      ['0', '0'],
    ]);
    expect(cells[0]![0]!.fill).toBe(agreeColor(0.9));
    expect(cells[0]![1]!.title).toBe('pos → neg: 1 (10.0%)');
    // An empty row has no share to show.
    expect(cells[1]![0]!.title).toBe('neg → pos: 0');
  });

  it('tolerates a short counts table', () => {
    expect(confusionCells(['a', 'b'], [[1]])[1]![1]!.text).toBe('0');
  });
});
