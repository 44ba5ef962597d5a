import { describe, expect, it } from 'vitest';
import { captionConcepts, labelConcept } from './alignment-lexicon.ts';
import { alignmentFeatures } from './alignment.ts';

describe('alignment dictionary and features', () => {
  it('finds English and Chinese object nouns, plurals and longest Chinese words', () => {
    expect([...captionConcepts('Two dogs and a man on a bike')].sort()).toEqual([
      'bicycle',
      'dog',
      'person',
    ]);
    expect([...captionConcepts('a cup of coffee')]).toEqual(['cup']);
    expect([...captionConcepts('一辆小汽车和一只猫')].sort()).toEqual(['car', 'cat']);
    expect([...captionConcepts('a traffic light at dusk')]).toEqual(['traffic light']);
    expect(captionConcepts('sunset over the sea').size).toBe(0);
    expect(labelConcept('汽车')).toBe('car');
    expect(labelConcept('Person')).toBe('person');
    expect(labelConcept('forklift')).toBe('forklift');
  });

  it('scores the share of caption objects the boxes show', () => {
    expect(alignmentFeatures('a dog on a sofa', ['dog', 'couch']).overlap).toBe(1);
    expect(alignmentFeatures('a dog on a sofa', ['dog']).overlap).toBe(0.5);
    expect(alignmentFeatures('一只小狗', ['car']).overlap).toBe(0);
    const f = alignmentFeatures('sunset', []);
    expect(f.overlap).toBe(0.5);
    expect(f.text).toContain('caption:no_objects');
  });
});
