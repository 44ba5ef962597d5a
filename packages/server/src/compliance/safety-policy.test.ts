import { describe, expect, it } from 'vitest';
import {
  compileLexicon,
  imageSafetyFlags,
  ImagePolicySchema,
  lexiconFlags,
  mergeSafety,
  safetyOf,
  SafetySettingsSchema,
} from './safety-policy.ts';

const neutral = { Drawing: 0.01, Hentai: 0.01, Neutral: 0.95, Porn: 0.02, Sexy: 0.01 };

describe('imageSafetyFlags (classifier output injected)', () => {
  const policy = ImagePolicySchema.parse({ threshold: 0.7 });

  it('flags Porn, Hentai or Sexy at or above the threshold, most likely first', () => {
    expect(
      imageSafetyFlags({ Drawing: 0, Hentai: 0.75, Neutral: 0, Porn: 0.9, Sexy: 0.1 }, policy),
    ).toEqual([
      { category: 'Porn', score: 0.9 },
      { category: 'Hentai', score: 0.75 },
    ]);
    expect(imageSafetyFlags({ ...neutral, Neutral: 0.3, Sexy: 0.7 }, policy)).toEqual([
      { category: 'Sexy', score: 0.7 },
    ]);
  });

  it('never flags a neutral image, a drawing, or a class just under the threshold', () => {
    expect(imageSafetyFlags(neutral, policy)).toEqual([]);
    expect(imageSafetyFlags({ ...neutral, Neutral: 0, Drawing: 0.99 }, policy)).toEqual([]);
    expect(imageSafetyFlags({ ...neutral, Neutral: 0.31, Porn: 0.69 }, policy)).toEqual([]);
  });

  it('flags only the classes the project chose', () => {
    const pornOnly = ImagePolicySchema.parse({ threshold: 0.5, classes: ['Porn'] });
    expect(imageSafetyFlags({ ...neutral, Neutral: 0.1, Sexy: 0.88 }, pornOnly)).toEqual([]);
    expect(imageSafetyFlags({ ...neutral, Neutral: 0.1, Porn: 0.88 }, pornOnly)).toHaveLength(1);
  });
});

describe('lexiconFlags', () => {
  it('reports each term with its path and code-point span, width and case folded', () => {
    const lex = compileLexicon(
      SafetySettingsSchema.parse({
        lexicon: { terms: ['赌博', { term: 'casino', category: 'gambling', severity: 3 }] },
      }).lexicon!,
    );
    const flags = lexiconFlags(
      { text: '😀线上ＣＡＳＩＮＯ和赌博', dialogue: [{ content: 'no' }, { content: 'Casino!' }] },
      ['text', 'dialogue'],
      lex,
    );
    expect(flags.map((f) => [f.path, f.term, f.start, f.end, f.category, f.severity])).toEqual([
      ['text', 'casino', 3, 9, 'gambling', 3],
      ['text', '赌博', 10, 12, undefined, undefined],
      ['dialogue[1].content', 'casino', 0, 6, 'gambling', 3],
    ]);
  });

  it('looks only at the fields it is given, and honours whole_word', () => {
    const lex = compileLexicon(
      SafetySettingsSchema.parse({ lexicon: { terms: ['ass'], whole_word: true } }).lexicon!,
    );
    expect(lexiconFlags({ text: 'a class act', other: 'ass' }, ['text'], lex)).toEqual([]);
    expect(lexiconFlags({ text: 'kick ass' }, ['text'], lex)).toHaveLength(1);
  });
});

describe('project settings', () => {
  it('reads the policy with defaults, and merges updates (null turns a part off)', () => {
    expect(safetyOf('{}')).toEqual({ lexicon: undefined, images: undefined });
    const s1 = mergeSafety('{"overlap":2}', SafetySettingsSchema.parse({ images: {} }));
    expect(JSON.parse(s1)).toMatchObject({ overlap: 2, content_safety: { images: {} } });
    expect(safetyOf(s1).images).toEqual({ threshold: 0.7, classes: ['Porn', 'Hentai', 'Sexy'] });
    const s2 = mergeSafety(s1, { images: null });
    expect(JSON.parse(s2)).toEqual({ overlap: 2 });
  });

  it('refuses a bad policy, naming the field', () => {
    const r = SafetySettingsSchema.safeParse({
      images: { threshold: 1.5 },
      lexicon: { terms: [] },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'images.threshold',
      'lexicon.terms',
    ]);
  });
});
