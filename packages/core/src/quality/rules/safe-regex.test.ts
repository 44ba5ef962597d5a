import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_LENGTH, unsafePatternReason } from './safe-regex.ts';

describe('unsafePatternReason', () => {
  it.each([
    ['(a+)+$', 'another quantifier'],
    ['(a*)*b', 'another quantifier'],
    ['^(\\w+\\s?)*$', 'another quantifier'],
    ['(?:a?){12}a{12}', 'another quantifier'],
    ['((ab)+c)+', 'another quantifier'],
    ['(a{1,3})+', 'another quantifier'],
    ['(a+){2}', 'another quantifier'],
    ['(a+){1111111111111111111111111111,}', 'another quantifier'],
    ['(?<w>[a-z]+\\.)+com', 'another quantifier'],
    ['(a|a)*$', 'alternatives can match the same text'],
    ['(\\w|\\d)+$', 'alternatives can match the same text'],
    ['(ab|a)+c', 'alternatives can match the same text'],
    ['(x|)+y', 'alternatives can match the same text'],
    ['(?:(?:a|b)|a)+', 'alternatives can match the same text'],
    ['(.|\\n)*!', 'alternatives can match the same text'],
  ])('refuses %s (catastrophic backtracking)', (pattern, why) => {
    expect(unsafePatternReason(pattern)).toContain(why);
  });

  it.each([
    '^[A-Z]',
    '1[3-9]\\d{9}',
    '(?:cat|dog)+',
    '(ba|a)+$',
    '(\\d{3})+$',
    '[(a+)+]',
    '\\(a+\\)+',
    '(a+)?',
    '(?<year>\\d{4})-\\d{2}',
    'https?://\\S+',
    '(ab){3}',
    '[。！？.!?]$',
    '\\p{Script=Han}{2,}',
    'a{',
  ])('accepts %s', (pattern) => {
    expect(unsafePatternReason(pattern, pattern.includes('\\p') ? 'u' : '')).toBeUndefined();
  });

  it('compares alternatives without case under the i flag', () => {
    expect(unsafePatternReason('(a|A)+')).toBeUndefined();
    expect(unsafePatternReason('(a|A)+', 'i')).toContain('alternatives');
  });

  it('caps unbounded quantifiers, which bounds polynomial backtracking', () => {
    expect(unsafePatternReason('a*b*c*d*')).toBeUndefined();
    expect(unsafePatternReason('.*a.*b.*c.*d.*')).toContain('5 unbounded quantifiers');
  });

  it('refuses long and invalid patterns with the reason', () => {
    expect(unsafePatternReason('a'.repeat(MAX_PATTERN_LENGTH + 1))).toContain('limited to 500');
    expect(unsafePatternReason('(a')).toMatch(/^not a valid regular expression/);
    expect(unsafePatternReason('\\p{Nope}', 'u')).toMatch(/^not a valid regular expression/);
  });
});
