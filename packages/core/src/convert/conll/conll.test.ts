import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointSlice } from '../../format/index.ts';
import type { Region, Task } from '../../format/index.ts';
import type { Loss } from '../errors.ts';
import { jsonDiff } from '../test-util.ts';
import { tagsToSpans } from './bio.ts';
import { conllToTasks, taskToConll } from './conll.ts';
import { detokenize, tokenize } from './tokenize.ts';

const span = (id: string, start: number, end: number, label: string, text: string): Region => ({
  id,
  control: 'entities',
  type: 'span',
  value: { start, end, labels: [label], text: codePointSlice(text, start, end) },
});

describe('tokenize', () => {
  it('splits English words and punctuation, Chinese per character, emoji whole', () => {
    expect(tokenize("EU rejects German call, 1,000 don't.").map((t) => t.text)).toEqual([
      'EU',
      'rejects',
      'German',
      'call',
      ',',
      '1',
      ',',
      '000',
      'don',
      "'",
      't',
      '.',
    ]);
    expect(tokenize('我爱北京天安门。').map((t) => t.text)).toEqual([
      '我',
      '爱',
      '北',
      '京',
      '天',
      '安',
      '门',
      '。',
    ]);
    expect(tokenize('Hi 👨‍👩‍👧👍🏽 ok').map((t) => [t.text, t.start, t.end])).toEqual([
      ['Hi', 0, 2],
      ['👨‍👩‍👧', 3, 8],
      ['👍🏽', 8, 10],
      ['ok', 11, 13],
    ]);
  });

  it('breaks tokens at span boundaries', () => {
    expect(tokenize("Acme's ACMECorp", new Set([11])).map((t) => t.text)).toEqual([
      'Acme',
      "'",
      's',
      'ACME',
      'Corp',
    ]);
  });

  it('detokenizes with spaces, except between CJK characters', () => {
    expect(detokenize(['Rex', '在', '巴', '黎', '。', '🐕'])).toBe('Rex 在巴黎。 🐕');
  });
});

describe('CoNLL export', () => {
  it('writes Chinese per-character BIO tags and an emoji as one token', () => {
    const text = '🐕 Rex 在巴黎。\n张三去了北京';
    const task: Task = {
      data: { text },
      annotations: [
        {
          regions: [
            span('1', 2, 5, 'ANIMAL', text),
            span('2', 7, 9, 'LOC', text),
            span('3', 11, 13, 'PER', text),
            span('4', 15, 17, 'LOC', text),
          ],
        },
      ],
    };
    expect(taskToConll(task)).toBe(
      [
        '-DOCSTART- -X- -X- O',
        '',
        '🐕 O',
        'Rex B-ANIMAL',
        '在 O',
        '巴 B-LOC',
        '黎 I-LOC',
        '。 O',
        '',
        '张 B-PER',
        '三 I-PER',
        '去 O',
        '了 O',
        '北 B-LOC',
        '京 I-LOC',
        '',
        '',
      ].join('\n'),
    );
    expect(taskToConll(task, { scheme: 'BIOES', docstart: false, separator: '\t' })).toContain(
      'Rex\tS-ANIMAL\n在\tO\n巴\tB-LOC\n黎\tE-LOC\n',
    );
    const back = conllToTasks(taskToConll(task));
    expect(back).toEqual([
      {
        data: { text: '🐕 Rex 在巴黎。\n张三去了北京' },
        annotations: [{ regions: task.annotations?.[0]?.regions }],
      },
    ]);
  });

  it('reports spans BIO cannot hold', () => {
    const text = 'Alice Smith met Bob';
    const losses: Loss[] = [];
    const task: Task = {
      data: { text },
      annotations: [
        {
          regions: [
            span('a', 0, 11, 'PER', text),
            span('b', 6, 11, 'PER', text),
            span('c', 15, 19, 'PER', text),
            { id: 'x', control: 'sentiment', type: 'choice', value: { choices: ['pos'] } },
          ],
        },
      ],
    };
    const out = taskToConll(task, { control: 'entities', onLoss: (l) => losses.push(l) });
    expect(out).toContain('Alice B-PER\nSmith I-PER\nmet O\nBob O\n');
    expect(losses.map((l) => `${String(l.where.id)}: ${l.what}`)).toEqual([
      'x: BIO tags hold spans of "entities", not this choice region',
      'b: BIO tags are flat: this span overlaps an earlier one; left out',
      "c: BIO tags cover tokens: white space at the span's ends is not kept",
    ]);
  });
});

describe('CoNLL import', () => {
  it('reads CoNLL-2003 (4 columns, -DOCSTART-, IOB1 tags)', () => {
    const file = [
      '-DOCSTART- -X- -X- O',
      '',
      'EU NNP B-NP I-ORG',
      'rejects VBZ B-VP O',
      'German JJ B-NP I-MISC',
      'call NN I-NP O',
      '. . O O',
      '',
      'Peter NNP B-NP I-PER',
      'Blackburn NNP I-NP I-PER',
      '',
      '-DOCSTART- -X- -X- O',
      '',
      'U.S. NNP I-NP I-LOC',
      '',
    ].join('\n');
    const tasks = conllToTasks(file, { source: 'train.txt' });
    expect(tasks.map((t) => t.data.text)).toEqual([
      'EU rejects German call .\nPeter Blackburn',
      'U.S.',
    ]);
    expect(
      tasks[0]?.annotations?.[0]?.regions.map((r) =>
        r.type === 'span' ? [r.value.text, r.value.labels[0]] : [],
      ),
    ).toEqual([
      ['EU', 'ORG'],
      ['German', 'MISC'],
      ['Peter Blackburn', 'PER'],
    ]);
    expect(conllToTasks(file, { unit: 'sentence' })).toHaveLength(3);
  });

  it('reads sentences as tasks when there is no -DOCSTART-, and BILOU tags', () => {
    const tasks = conllToTasks('张\tB-PER\n三\tL-PER\n\n北\tU-LOC\n');
    expect(tasks.map((t) => t.data.text)).toEqual(['张三', '北']);
    expect(tagsToSpans(['B-X', 'I-X', 'I-Y', 'E-Y', 'S-X'], () => ({}))).toEqual([
      { first: 0, last: 1, label: 'X' },
      { first: 2, last: 3, label: 'Y' },
      { first: 4, last: 4, label: 'X' },
    ]);
  });

  it('names the line of a bad tag or row', () => {
    expect(() => conllToTasks('EU B-ORG\nrejects X-FOO\n', { source: 'a.conll' })).toThrow(
      'a.conll line 2: "X-FOO" is not a BIO/BIOES tag',
    );
    expect(() => conllToTasks('EU\n')).toThrow(/line 1: expected "token TAG"/);
  });
});

/*
 * Property: tasks restricted to what CoNLL holds (docs/formats.md, "CoNLL / BIO: cannot
 * hold") come back equal: the text is tokens joined by detokenize (one space, none between
 * CJK characters), one sentence per line; non-overlapping spans over whole tokens within a
 * line, one label without white space, with their text; region ids "1", "2", ... in text
 * order; one annotation with regions only; no task id.
 */
describe('CoNLL round trip (property)', () => {
  const arbToken = fc.oneof(
    fc.stringMatching(/^[A-Za-zé0-9]{1,6}$/),
    fc.constantFrom(',', '.', '!', '(', ')', '"', '-'),
    fc.constantFrom('中', '文', '北', '京', '。', '，', 'カ'),
    fc.constantFrom('😀', '🐕', '👍🏽', '👨‍👩‍👧', '🇨🇳'),
  );
  const arbSentence = fc.array(arbToken, { minLength: 1, maxLength: 10 });
  it('export -> import gives the task back (BIO and BIOES)', () => {
    fc.assert(
      fc.property(
        fc.array(arbSentence, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom('PER', 'LOC', '地名')), {
          maxLength: 6,
        }),
        fc.constantFrom<'BIO' | 'BIOES'>('BIO', 'BIOES'),
        (sentences, picks, scheme) => {
          const text = sentences.map(detokenize).join('\n');
          const tokens = tokenize(text);
          const used = new Set<number>();
          const spans: { first: number; last: number; label: string }[] = [];
          for (const [at, len, label] of picks) {
            const first = at % tokens.length;
            let last = first;
            while (last < first + len && last + 1 < tokens.length && !used.has(last + 1)) last++;
            const range = Array.from({ length: last - first + 1 }, (_, k) => first + k);
            const sameLine = !codePointSlice(
              text,
              tokens[first]?.start ?? 0,
              tokens[last]?.end ?? 0,
            ).includes('\n');
            if (!sameLine || range.some((k) => used.has(k))) continue;
            range.forEach((k) => used.add(k));
            spans.push({ first, last, label });
          }
          spans.sort((a, b) => a.first - b.first);
          const regions = spans.map((s, i) =>
            span(
              String(i + 1),
              tokens[s.first]?.start ?? 0,
              tokens[s.last]?.end ?? 0,
              s.label,
              text,
            ),
          );
          const task: Task = { data: { text }, annotations: [{ regions }] };
          const back = conllToTasks(taskToConll(task, { scheme, strict: true }));
          expect(jsonDiff(back, [task], 0)).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});
