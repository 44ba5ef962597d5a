import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelingSchema, Region, Task } from '../../format/index.ts';
import { parseLabelingSchema } from '../../format/index.ts';
import { arbSpanValue } from '../test-arbitraries.ts';
import { jsonDiff } from '../test-util.ts';
import { csvToTasks, tasksToCsv } from './csv.ts';
import { csvLine, guardCell, parseCsvRecords, unguardCell } from './csv-text.ts';

const schema: LabelingSchema = {
  version: 1,
  fields: [
    { name: 'text', type: 'text' },
    { name: 'n', type: 'number' },
    { name: 'items', type: 'responses' },
  ],
  controls: [
    {
      name: 'sentiment',
      type: 'choices',
      field: 'text',
      labels: [{ value: 'positive' }, { value: '=bad' }, { value: '[x' }],
    },
    {
      name: 'topics',
      type: 'choices',
      field: 'text',
      multiple: true,
      labels: [{ value: 'a|b' }, { value: 'c' }, { value: '-d' }],
    },
    { name: 'ents', type: 'spans', field: 'text', labels: [{ value: 'PER' }, { value: 'ORG' }] },
    { name: 'rel', type: 'relations', field: 'text' },
    { name: 'quality', type: 'rating', field: 'text', max: 10 },
    { name: 'rank', type: 'ranking', field: 'items' },
    { name: 'pref', type: 'pairwise', field: 'items' },
    { name: 'summary', type: 'textarea', field: 'text' },
    { name: 'text', type: 'textarea', field: 'text' },
  ],
};
const items = [
  { id: 'r1', text: 'one' },
  { id: 'r2', text: 'two' },
];

describe('CSV text', () => {
  it('guards formula injection and undoes it exactly', () => {
    for (const s of ['=1+1', '+1', '-5', '@SUM(A1)', '\tx', '\rx', "'=x", "''-1"]) {
      expect(guardCell(s)).toBe(`'${s}`);
      expect(unguardCell(guardCell(s))).toBe(s);
    }
    for (const s of ['plain', "'quoted", "it's", '', '5']) {
      expect(guardCell(s)).toBe(s);
      expect(unguardCell(s)).toBe(s);
    }
  });

  it('quotes and parses RFC 4180 cells with line breaks', () => {
    const line = csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', '']);
    expect(line).toBe('a,"b,c","say ""hi""","two\nlines",\r\n');
    expect(parseCsvRecords(`h1,h2,h3,h4,h5\r\n${line}x,"",,"",y\n`)).toEqual([
      { cells: ['h1', 'h2', 'h3', 'h4', 'h5'], line: 1 },
      { cells: ['a', 'b,c', 'say "hi"', 'two\nlines', ''], line: 2 },
      { cells: ['x', '', '', '', 'y'], line: 4 },
    ]);
    expect(() => parseCsvRecords('a\n"open\n', 'f.csv')).toThrow(
      'f.csv line 2: a quoted field is never closed',
    );
    expect(() => parseCsvRecords('"a"b\n')).toThrow(/line 1: unexpected "b" after a closing quote/);
  });
});

describe('CSV tasks', () => {
  it('writes one guarded row per task with flattened choices and labels', () => {
    const task: Task = {
      id: 1,
      data: { text: '=HYPERLINK("http://evil")', n: -3, items },
      annotations: [
        {
          regions: [
            { id: 'sentiment', control: 'sentiment', type: 'choice', value: { choices: ['=bad'] } },
            { id: 'topics', control: 'topics', type: 'choice', value: { choices: ['c', '-d'] } },
            {
              id: 's1',
              control: 'ents',
              type: 'span',
              value: { start: 0, end: 3, labels: ['PER'] },
            },
          ],
        },
      ],
    };
    const csv = tasksToCsv([task], schema);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'id,text,n,items,sentiment,topics,ents,rel,quality,rank,pref,summary,text_label',
    );
    expect(row).toBe(
      `1,"'=HYPERLINK(""http://evil"")",'-3,"[{""id"":""r1"",""text"":""one""},{""id"":""r2"",""text"":""two""}]",'=bad,c|-d,"[{""id"":""s1"",""start"":0,""end"":3,""labels"":[""PER""]}]",,,,,,`,
    );
    expect(csvToTasks(csv, schema)).toEqual([task]);
  });

  it('names line and control of a bad cell', () => {
    const head =
      'id,text,n,items,sentiment,topics,ents,rel,quality,rank,pref,summary,text_label\r\n';
    expect(() => csvToTasks(`${head}1,hi,x,,,,,,,,,,\r\n`, schema, { source: 'in.csv' })).toThrow(
      'in.csv line 2: n: "x" is not a number',
    );
    expect(() => csvToTasks(`${head}1,hi,1,,,,[{,,,,,,\r\n`, schema)).toThrow(
      /line 2: ents: not valid JSON/,
    );
    expect(() => csvToTasks(`${head}1,hi,1,,,,,,,,maybe,,\r\n`, schema)).toThrow(
      /line 2: pref: expected "a", "b" or "tie"/,
    );
    expect(() => csvToTasks(`${head}1,hi\r\n`, schema)).toThrow(/line 2: expected 13 cells/);
  });
});

/*
 * Property: tasks restricted to what CSV holds (docs/formats.md, "CSV: cannot hold") come
 * back equal: data has every schema field, non-empty and of its type; one annotation with
 * regions only, in the schema's control order; one region per choices/rating/ranking/pairwise/textarea control, with the
 * control's name as id and no score, attributes or prediction_id, a single choice unless
 * `multiple`, no pairwise strength; string task ids that do not spell an integer.
 */
describe('CSV round trip (property)', () => {
  it('export -> import gives the tasks back', () => {
    expect(parseLabelingSchema(schema).ok).toBe(true);
    const arbCellText = fc.string({
      unit: fc.constantFrom(
        'a',
        ',',
        '"',
        '\n',
        '\r',
        '=',
        '+',
        '-',
        '@',
        '\t',
        "'",
        '|',
        '[',
        ' ',
        '中',
        '😀',
      ),
      minLength: 1,
      maxLength: 12,
    });
    const arbTask = fc
      .tuple(
        arbCellText,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.option(fc.oneof(fc.nat(), fc.stringMatching(/^t-[a-z0-9]{1,6}$/)), { nil: undefined }),
      )
      .chain(([text, n, id]) =>
        fc
          .record(
            {
              sentiment: fc.constantFrom('positive', '=bad', '[x').map((c): Region => ({
                id: 'sentiment',
                control: 'sentiment',
                type: 'choice',
                value: { choices: [c] },
              })),
              topics: fc.subarray(['a|b', 'c', '-d'], { minLength: 1 }).map((choices): Region => ({
                id: 'topics',
                control: 'topics',
                type: 'choice',
                value: { choices },
              })),
              ents: fc
                .array(arbSpanValue(text, ['PER', 'ORG']), { minLength: 1, maxLength: 3 })
                .map((vs) =>
                  vs.map((value, i): Region => ({
                    id: `s${i}`,
                    control: 'ents',
                    type: 'span',
                    value,
                    ...(i === 0 ? { score: 0.5 } : {}),
                  })),
                ),
              quality: fc.integer({ min: 1, max: 10 }).map((rating): Region => ({
                id: 'quality',
                control: 'quality',
                type: 'rating',
                value: { rating },
              })),
              rank: fc.shuffledSubarray(['r1', 'r2'], { minLength: 1 }).map((order): Region => ({
                id: 'rank',
                control: 'rank',
                type: 'ranking',
                value: { order },
              })),
              pref: fc.constantFrom<'a' | 'b' | 'tie'>('a', 'b', 'tie').map((choice): Region => ({
                id: 'pref',
                control: 'pref',
                type: 'pairwise',
                value: { choice },
              })),
              summary: fc.array(arbCellText, { maxLength: 2 }).map((t): Region => ({
                id: 'summary',
                control: 'summary',
                type: 'text',
                value: { text: t },
              })),
              text: fc
                .array(fc.constantFrom('', '[', 'x'), { minLength: 1, maxLength: 1 })
                .map((t): Region => ({
                  id: 'text',
                  control: 'text',
                  type: 'text',
                  value: { text: t },
                })),
            },
            { requiredKeys: [] },
          )
          .map((parts): Task => {
            const regions = Object.values(parts).flat();
            const ents = regions.filter((r) => r.control === 'ents');
            if (ents.length >= 2 && ents[0] && ents[1])
              regions.push({
                id: 'r',
                control: 'rel',
                type: 'relation',
                value: { from: ents[0].id, to: ents[1].id },
              });
            // CSV keeps regions by column: their order is the schema's control order.
            const order = schema.controls.map((c) => c.name);
            regions.sort((a, b) => order.indexOf(a.control) - order.indexOf(b.control));
            return {
              ...(id === undefined ? {} : { id }),
              data: { text, n, items },
              annotations: [{ regions }],
            };
          }),
      );
    fc.assert(
      fc.property(
        fc.array(arbTask, { maxLength: 3 }),
        fc.constantFrom<',' | '\t' | ';'>(',', '\t', ';'),
        (tasks, delimiter) => {
          const back = csvToTasks(tasksToCsv(tasks, schema, { delimiter, strict: true }), schema, {
            delimiter,
          });
          expect(jsonDiff(back, tasks, 0)).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});
