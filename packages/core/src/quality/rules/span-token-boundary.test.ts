import { describe, expect, it } from 'vitest';
import { codePointSlice } from '../../format/index.ts';
import { runRules, span, textSchema } from './test-builders.ts';
import type { Tokenizer } from './tokenize.ts';

const rule = { kind: 'span_token_boundary', severity: 'warn' } as const;

/**
 * A stand-in for a dictionary segmenter such as jieba: greedy longest match over a small
 * dictionary, one code point otherwise; offsets in code points, as the rule expects.
 */
function dictionaryTokenizer(words: readonly string[]): Tokenizer {
  return (text) => {
    const cps = Array.from(text);
    const out: Array<[number, number]> = [];
    for (let i = 0; i < cps.length;) {
      if (/\s/u.test(cps[i] ?? '')) {
        i++;
        continue;
      }
      let len = 1;
      for (const w of words) {
        const n = Array.from(w).length;
        if (n > len && cps.slice(i, i + n).join('') === w) len = n;
      }
      out.push([i, i + len]);
      i += len;
    }
    return out;
  };
}

describe('span_token_boundary', () => {
  const data = { text: '🐕 Rex chases Alice in 巴黎.', chat: [] };

  it('accepts spans on word boundaries after an emoji (code points, not UTF-16)', () => {
    // 🐕 is one code point: Rex is [2, 5), Alice [13, 18), 巴黎 [22, 24).
    expect(codePointSlice(data.text, 22, 24)).toBe('巴黎');
    const regions = [span('s1', 2, 5), span('s2', 13, 18), span('s3', 22, 24, ['LOC'])];
    expect(runRules([rule], { schema: textSchema(), regions, data })).toEqual([]);
  });

  it('reports offsets counted as UTF-16 units, which cut words after the emoji', () => {
    // The UTF-16 offsets of "Alice" are [14, 19): one past in code points.
    const findings = runRules([rule], {
      schema: textSchema(),
      regions: [span('s1', 14, 19)],
      data,
    });
    expect(findings).toEqual([
      {
        rule: 'span_token_boundary',
        kind: 'span_token_boundary',
        severity: 'warn',
        message:
          'Span "s1" (control "entities", label "PER") starts inside the word "Alice" at offset 14: move the start to 13 or 18 (offsets are code points; spans should cover whole words).',
        path: 'regions[0].value.start',
        region_id: 's1',
      },
      expect.objectContaining({
        message: expect.stringContaining('ends on white space at offset 19: move the end to 18'),
        path: 'regions[0].value.end',
      }),
    ]);
  });

  it('reports leading white space and a cut at the end', () => {
    const findings = runRules([rule], { schema: textSchema(), regions: [span('s1', 5, 11)], data });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('starts on white space at offset 5: move the start to 6'),
      expect.stringContaining(
        'ends inside the word "chases" at offset 11: move the end to 6 or 12',
      ),
    ]);
  });

  it('uses an injected segmenter for Chinese, with an emoji before the text', () => {
    const text = '😀😀我爱北京天安门';
    const tokenize = dictionaryTokenizer(['北京', '天安门']);
    const schema = textSchema();
    const ok = [span('s1', 4, 6, ['LOC']), span('s2', 6, 9, ['LOC'])];
    expect(codePointSlice(text, 4, 6)).toBe('北京');
    expect(runRules([rule], { schema, regions: ok, data: { text }, tokenize })).toEqual([]);
    // 京天 cuts both words: fine for the per-character default, wrong for the segmenter.
    const cut = [span('s1', 5, 7, ['LOC'])];
    expect(runRules([rule], { schema, regions: cut, data: { text } })).toEqual([]);
    const findings = runRules([rule], { schema, regions: cut, data: { text }, tokenize });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'starts inside the word "北京" at offset 5: move the start to 4 or 6',
      ),
      expect.stringContaining('ends inside the word "天安门" at offset 7: move the end to 6 or 9'),
    ]);
  });

  it('tokenizes each field once per call, however many spans and rules', () => {
    let calls = 0;
    const tokenize: Tokenizer = (t) => {
      calls++;
      return dictionaryTokenizer([])(t);
    };
    const text = 'a b c d e f g h i j';
    const regions = Array.from({ length: 10 }, (_, i) => span(`s${i}`, 2 * i, 2 * i + 1));
    const rules = [
      { ...rule, id: 'a' },
      { ...rule, id: 'b' },
    ];
    expect(runRules(rules, { schema: textSchema(), regions, data: { text }, tokenize })).toEqual(
      [],
    );
    expect(calls).toBe(1);
  });

  it('checks spans on dialogue turns joined with a newline', () => {
    const data2 = {
      text: '',
      chat: [
        { role: 'user', text: 'hi Bob' },
        { role: 'assistant', text: 'hello' },
      ],
    };
    const ok = span('d1', 3, 6, ['PER'], 'turn_entities');
    const bad = span('d2', 8, 10, ['PER'], 'turn_entities'); // "el" inside "hello" (which starts at 7)
    const findings = runRules([rule], { schema: textSchema(), regions: [ok, bad], data: data2 });
    expect(findings.map((f) => f.region_id)).toEqual(['d2', 'd2']);
    expect(findings[0]?.message).toContain('inside the word "hello"');
  });

  it('only looks at the listed controls', () => {
    const regions = [span('s1', 14, 19)];
    expect(
      runRules([{ ...rule, controls: ['turn_entities'] }], { schema: textSchema(), regions, data }),
    ).toEqual([]);
  });
});
