import { describe, expect, it } from 'vitest';
import { parseAnswersCsv, parseCsv, parseTruthCsv } from './csv.ts';
import { parseLabelsText, parseProbsCsv, parseRatingsCsv, reliabilityData } from './csv-readers.ts';

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, embedded newlines, CRLF, a BOM and blank lines', () => {
    const t = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\n');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      ['x, y', 'say "hi"'],
      ['multi\nline', '2'],
    ]);
    expect(t.lines).toEqual([2, 4]);
  });

  it('reports a wrong field count with the line number', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', { source: 'f.csv' })).toThrow(
      'f.csv line 3: expected 2 fields (a,b), found 1',
    );
  });

  it('reports an unterminated quote and an empty input', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(/line 2: unterminated quoted field/);
    expect(() => parseCsv('')).toThrow(/no header row/);
  });

  it('parses TSV with a delimiter option', () => {
    expect(parseCsv('a\tb\n1\t2\n', { delimiter: '\t' }).rows).toEqual([['1', '2']]);
  });
});

describe('parseAnswersCsv', () => {
  it('accepts any column order', () => {
    expect(parseAnswersCsv('worker,answer,question\nw1,1,q1\n')).toEqual([
      { question: 'q1', worker: 'w1', answer: '1' },
    ]);
  });

  it('names missing and unknown columns with the header line', () => {
    expect(() => parseAnswersCsv('question,answer\nq,1\n', 'a.csv')).toThrow(
      'a.csv line 1: missing column "worker"',
    );
    expect(() => parseAnswersCsv('question,worker,answer,score\nq,w,1,2\n', 'a.csv')).toThrow(
      'a.csv line 1: unknown column "score"',
    );
  });

  it('names the line and column of an empty value', () => {
    expect(() => parseAnswersCsv('question,worker,answer\nq,w,1\nq2,,1\n', 'a.csv')).toThrow(
      'a.csv line 3: empty value in column "worker"',
    );
  });

  it('rejects a file with only a header', () => {
    expect(() => parseAnswersCsv('question,worker,answer\n')).toThrow(/no answers/);
  });
});

describe('parseTruthCsv', () => {
  it('reads question,truth and rejects conflicting duplicates', () => {
    expect(parseTruthCsv('question,truth\nq1,0\nq1,0\n').get('q1')).toBe('0');
    expect(() => parseTruthCsv('question,truth\nq1,0\nq1,1\n', 't.csv')).toThrow(
      't.csv line 3: question "q1" has truth "1" but line 2 says "0"',
    );
  });
});

describe('ratings, labels and probabilities', () => {
  it('arranges ratings as annotators × units and rejects double ratings', () => {
    const rows = parseRatingsCsv('item,annotator,value\nu1,a,1\nu2,a,2\nu1,b,1\n');
    expect(reliabilityData(rows).data).toEqual([
      ['1', '2'],
      ['1', null],
    ]);
    const dup = parseRatingsCsv('item,annotator,value\nu1,a,1\nu1,a,2\n');
    expect(() => reliabilityData(dup, 'r.csv')).toThrow(
      'r.csv line 3: annotator "a" already rated item "u1" on line 2',
    );
  });

  it('reads labels one per line or from a label column', () => {
    expect(Array.from(parseLabelsText('3\n0\n\n'))).toEqual([3, 0]);
    expect(Array.from(parseLabelsText('index,label\n0,7\n1,2\n'))).toEqual([7, 2]);
    expect(() => parseLabelsText('1\nx1\n')).toThrow();
    expect(() => parseLabelsText('1\n-1\n')).toThrow(/line 2: label "-1"/);
    expect(() => parseLabelsText('index,klass\n0,1\n')).toThrow(/no "label" column/);
  });

  it('reads probabilities with p-columns, other headers, or no header', () => {
    expect(parseProbsCsv('index,label,p0,p1\n0,1,0.25,0.75\n')).toMatchObject({
      n: 1,
      nClasses: 2,
    });
    expect(Array.from(parseProbsCsv('cat,dog\n0.9,0.1\n').probs)).toEqual([0.9, 0.1]);
    expect(Array.from(parseProbsCsv('0.9,0.1\n0.2,0.8\n').probs)).toEqual([0.9, 0.1, 0.2, 0.8]);
    expect(() => parseProbsCsv('p0,p1\n0.5,1.5\n', 'p.csv')).toThrow(
      'p.csv line 2, column "p1": "1.5" is not a probability',
    );
    expect(() => parseProbsCsv('0.5,0.5\n0.5,x\n', 'p.csv')).toThrow(/p.csv line 2/);
  });
});
