import { describe, it, expect } from 'vitest';
import { fitText, textWidth } from './text-width.ts';

describe('textWidth', () => {
  it('counts CJK as one em and Latin as about 0.6 em', () => {
    expect(textWidth('张伟', 12)).toBe(24);
    expect(textWidth('alice', 10)).toBe(30);
    expect(textWidth('', 12)).toBe(0);
  });

  it('cuts long labels with an ellipsis and leaves short ones alone', () => {
    expect(fitText('positive', 10, 100)).toBe('positive');
    const cut = fitText('a-very-long-annotator-name', 10, 60);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 10)).toBeLessThanOrEqual(60);
  });
});
