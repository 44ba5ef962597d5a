import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSchema, codePointSlice } from '../../format/index.ts';
import type { Region, Task } from '../../format/index.ts';
import { detokenize, tokenize } from '../conll/tokenize.ts';
import type { Loss } from '../errors.ts';
import { arbSpanValue, arbText } from '../test-arbitraries.ts';
import { jsonDiff } from '../test-util.ts';
import {
  flatJsonToTask,
  hfClassificationToTask,
  hfNerTagNames,
  hfTokensToTask,
  taskToFlatJson,
  taskToHfClassification,
  taskToHfTokens,
} from './hf-jsonl.ts';

const names = ['negative', 'positive', '中性'];

describe('Hugging Face text classification', () => {
  it('writes label indexes, -1 when unlabeled, and reads them back', () => {
    const task: Task = {
      id: 3,
      data: { text: 'I liked it' },
      annotations: [
        {
          regions: [
            {
              id: 'sentiment',
              control: 'sentiment',
              type: 'choice',
              value: { choices: ['positive'] },
            },
          ],
        },
      ],
    };
    expect(taskToHfClassification(task, { control: 'sentiment', names })).toEqual({
      id: 3,
      text: 'I liked it',
      label: 1,
    });
    expect(
      taskToHfClassification({ data: { text: 'x' } }, { control: 'sentiment', names }),
    ).toEqual({ text: 'x', label: -1 });
    expect(
      hfClassificationToTask(
        { id: 3, text: 'I liked it', label: 1 },
        { control: 'sentiment', names },
      ),
    ).toEqual(task);
    expect(() =>
      hfClassificationToTask({ text: 'x', label: 7 }, { control: 'sentiment', names, line: 4 }),
    ).toThrow('Hugging Face line 4: label 7 is not an index of names (0..2)');
  });

  it('round-trips single and multi-label rows (property)', () => {
    fc.assert(
      fc.property(arbText(), fc.subarray(names), fc.boolean(), (text, choices, multiple) => {
        const picked = multiple ? choices : choices.slice(0, 1);
        const regions: Region[] = picked.length
          ? [{ id: 'c', control: 'c', type: 'choice', value: { choices: picked } }]
          : [];
        const task: Task = { data: { text }, annotations: [{ regions }] };
        const row = JSON.parse(
          JSON.stringify(
            taskToHfClassification(task, { control: 'c', names, multiple, strict: true }),
          ),
        ) as unknown;
        const back = hfClassificationToTask(row, { control: 'c', names, multiple });
        // Label indexes follow the names list: choices come back in that order.
        const sorted = regions.map((r) =>
          r.type === 'choice'
            ? {
                ...r,
                value: {
                  choices: [...r.value.choices].sort((a, b) => names.indexOf(a) - names.indexOf(b)),
                },
              }
            : r,
        );
        expect(jsonDiff(back, { ...task, annotations: [{ regions: sorted }] }, 0)).toBeUndefined();
      }),
    );
  });
});

describe('Hugging Face token classification', () => {
  const tagNames = hfNerTagNames(['PER', 'LOC']);
  it('builds tag name lists', () => {
    expect(tagNames).toEqual(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']);
    expect(hfNerTagNames(['X'], 'BIOES')).toEqual(['O', 'B-X', 'I-X', 'E-X', 'S-X']);
  });

  it('writes tokens and tag indexes, Chinese per character', () => {
    const text = '张三 visited 北京 🐕';
    const task: Task = {
      data: { text },
      annotations: [
        {
          regions: [
            {
              id: '1',
              control: 'entities',
              type: 'span',
              value: { start: 0, end: 2, labels: ['PER'], text: '张三' },
            },
            {
              id: '2',
              control: 'entities',
              type: 'span',
              value: { start: 11, end: 13, labels: ['LOC'], text: '北京' },
            },
          ],
        },
      ],
    };
    const row = taskToHfTokens(task, { tagNames });
    expect(row).toEqual({
      tokens: ['张', '三', 'visited', '北', '京', '🐕'],
      ner_tags: [1, 2, 0, 3, 4, 0],
    });
    const back = hfTokensToTask(row, { tagNames });
    expect(back.data.text).toBe('张三 visited 北京 🐕');
    expect(back.annotations?.[0]?.regions).toEqual(task.annotations?.[0]?.regions);
  });

  it('reports tags outside the name list', () => {
    const losses: Loss[] = [];
    const task: Task = {
      data: { text: 'Acme' },
      annotations: [
        {
          regions: [
            {
              id: '1',
              control: 'entities',
              type: 'span',
              value: { start: 0, end: 4, labels: ['ORG'] },
            },
          ],
        },
      ],
    };
    expect(taskToHfTokens(task, { tagNames, onLoss: (l) => losses.push(l) })).toEqual({
      tokens: ['Acme'],
      ner_tags: [0],
    });
    expect(losses[0]?.what).toBe('tag "B-ORG" is not in tagNames; written as O');
    expect(() => hfTokensToTask({ tokens: ['a'], ner_tags: [9] }, { tagNames })).toThrow(
      'Hugging Face, at ner_tags[0]: 9 is not an index of tagNames',
    );
  });

  /*
   * Restrictions: those of CoNLL (see conll.test.ts), and a single line of text (token rows
   * have no line breaks).
   */
  it('round-trips single-line token rows (property)', () => {
    const arbToken = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9]{1,5}$/),
      fc.constantFrom(',', '!', '中', '京', '。', '😀', '👍🏽'),
    );
    fc.assert(
      fc.property(
        fc.array(arbToken, { minLength: 1, maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('PER', 'LOC')), { maxLength: 4 }),
        (toks, picks) => {
          const text = detokenize(toks);
          const tokens = tokenize(text);
          const used = new Set<number>();
          const chosen = picks
            .map(([i, l]) => [i % tokens.length, l] as const)
            .filter(([i]) => !used.has(i) && used.add(i))
            .sort((a, b) => a[0] - b[0]);
          const regions = chosen.map(([i, label], k): Region => {
            const t = tokens[i] ?? { start: 0, end: 1 };
            return {
              id: String(k + 1),
              control: 'entities',
              type: 'span',
              value: {
                start: t.start,
                end: t.end,
                labels: [label],
                text: codePointSlice(text, t.start, t.end),
              },
            };
          });
          const task: Task = { data: { text }, annotations: [{ regions }] };
          const back = hfTokensToTask(
            JSON.parse(JSON.stringify(taskToHfTokens(task, { tagNames, strict: true }))),
            { tagNames },
          );
          expect(jsonDiff(back, task, 0)).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});

/*
 * Property for the generic flat row: restrictions of CSV (see csv.test.ts) except that data
 * values keep their JSON types and need not be schema fields, minus: data keys must not be
 * control names (or "id").
 */
describe('generic flat JSONL', () => {
  const schema = buildSchema();
  it('round-trips (property)', () => {
    fc.assert(
      fc.property(
        arbText(),
        fc.option(fc.oneof(fc.nat(), fc.string({ minLength: 1, maxLength: 5 })), {
          nil: undefined,
        }),
        fc.jsonValue(),
        (text, id, extra) => {
          return fc.assert(
            fc.property(
              fc.array(arbSpanValue(text, ['PER', 'ORG']), { maxLength: 3 }),
              fc.option(fc.constantFrom('positive', 'negative'), { nil: undefined }),
              (spans, choice) => {
                const regions: Region[] = [];
                if (choice)
                  regions.push({
                    id: 'sentiment',
                    control: 'sentiment',
                    type: 'choice',
                    value: { choices: [choice] },
                  });
                spans.forEach((value, i) =>
                  regions.push({
                    id: `e${i}`,
                    control: 'entities',
                    type: 'span',
                    value,
                    ...(i === 1 ? { score: 0.25, attributes: { sure: true } } : {}),
                  }),
                );
                const task: Task = {
                  ...(id === undefined ? {} : { id }),
                  data: { text, extra },
                  annotations: [{ regions }],
                };
                const row = JSON.parse(
                  JSON.stringify(taskToFlatJson(task, schema, { strict: true })),
                ) as unknown;
                expect(
                  jsonDiff(flatJsonToTask(row, schema), JSON.parse(JSON.stringify(task)), 0),
                ).toBeUndefined();
              },
            ),
            { numRuns: 5 },
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
