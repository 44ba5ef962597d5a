import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
import { registerQcCommands, type QcIo } from './qc.ts';

/** In-memory files and captured output. */
function harness(files: Record<string, string>) {
  const written: Record<string, string> = {};
  let out = '';
  let err = '';
  const io: QcIo = {
    readFile(path) {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    writeFile: (path, text) => void (written[path] = text),
    out: (t) => void (out += t),
    err: (t) => void (err += t),
  };
  const run = (...args: string[]) => {
    const program = new Command('tessera')
      .exitOverride()
      .configureOutput({ writeErr: (t) => void (err += t), writeOut: (t) => void (out += t) });
    registerQcCommands(program, io);
    return program.parseAsync(['node', 'tessera', 'qc', ...args]);
  };
  return { run, written, out: () => out, err: () => err };
}

const answers = [
  'question,worker,answer',
  'q1,a,cat',
  'q1,b,cat',
  'q1,c,dog',
  'q2,a,dog',
  'q2,b,dog',
  'q2,c,dog',
  'q3,a,cat',
  'q3,b,dog',
  'q3,c,dog',
  '',
].join('\n');
const truth = 'question,truth\nq1,cat\nq2,dog\nq3,cat\n';

describe('tessera qc aggregate', () => {
  it('writes the consensus CSV and prints accuracy against truth', async () => {
    const h = harness({ 'a.csv': answers, 't.csv': truth });
    await h.run(
      'aggregate',
      '--answers',
      'a.csv',
      '--truth',
      't.csv',
      '--method',
      'mv',
      '--out',
      'c.csv',
    );
    expect(h.written['c.csv']).toBe(
      'question,answer,confidence\nq1,cat,0.666667\nq2,dog,1\nq3,dog,0.666667\n',
    );
    expect(h.out()).toMatch(/accuracy: 0\.6667 \(2\/3, 95% CI/);
  });

  it('prints JSON with the consensus when there is no --out', async () => {
    const h = harness({ 'a.csv': answers });
    await h.run('aggregate', '--answers', 'a.csv', '--method', 'ds', '--json');
    const json = JSON.parse(h.out()) as {
      method: string;
      items: number;
      consensus: { question: string; answer: string }[];
    };
    expect(json.method).toBe('ds');
    expect(json.items).toBe(3);
    expect(json.consensus.map((c) => c.answer)).toHaveLength(3);
  });

  it('reports a missing file, a bad header and a bad line as user errors', async () => {
    const h = harness({
      'bad.csv': 'question,annotator,answer\nq,w,1\n',
      'empty.csv': 'question,worker,answer\nq1,,1\n',
    });
    await expect(h.run('aggregate', '--answers', 'nope.csv', '--method', 'mv')).rejects.toThrow(
      new CliError('cannot read --answers file "nope.csv": no such file'),
    );
    await expect(h.run('aggregate', '--answers', 'bad.csv', '--method', 'mv')).rejects.toThrow(
      /bad.csv line 1: missing column "worker"/,
    );
    await expect(h.run('aggregate', '--answers', 'empty.csv', '--method', 'mv')).rejects.toThrow(
      'empty.csv line 2: empty value in column "worker"',
    );
  });

  it('rejects an unknown method with exit code 1', async () => {
    const h = harness({ 'a.csv': answers });
    const failure = await h
      .run('aggregate', '--answers', 'a.csv', '--method', 'wawa')
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CommanderError);
    expect((failure as CommanderError).exitCode).toBe(1);
    expect(h.err()).toMatch(/Allowed choices are mv, ds, glad, mace/);
  });
});

describe('tessera qc agreement', () => {
  const ratings = [
    'item,annotator,value',
    'u1,a,1',
    'u1,b,1',
    'u2,a,2',
    'u2,b,2',
    'u3,a,3',
    'u3,b,2',
    'u4,a,3',
    'u4,b,3',
    '',
  ].join('\n');

  it("computes Cohen's kappa, Fleiss' kappa and Krippendorff's alpha", async () => {
    const h = harness({ 'r.csv': ratings });
    await h.run('agreement', '--input', 'r.csv', '--metric', 'kappa', '--weights', 'linear');
    expect(h.out()).toMatch(
      /^Cohen's kappa \(linear weights\): 0\.\d{4} \(4 items rated by both\)/,
    );
    await h.run('agreement', '--input', 'r.csv', '--metric', 'fleiss');
    expect(h.out()).toMatch(/Fleiss' kappa: 0\.\d{4} \(4 items × 2 ratings/);
    await h.run(
      'agreement',
      '--input',
      'r.csv',
      '--metric',
      'alpha',
      '--level',
      'interval',
      '--json',
    );
    const json = JSON.parse(h.out().slice(h.out().indexOf('{'))) as {
      metric: string;
      value: number;
    };
    expect(json.metric).toBe('alpha');
    expect(json.value).toBeGreaterThan(0.5);
  });

  it('explains undefined results and misuse', async () => {
    const h = harness({
      'same.csv': 'item,annotator,value\nu1,a,1\nu1,b,1\nu2,a,1\nu2,b,1\n',
      'r.csv': ratings,
      'uneven.csv': 'item,annotator,value\nu1,a,1\nu1,b,1\nu2,a,2\n',
    });
    await h.run('agreement', '--input', 'same.csv', '--metric', 'alpha');
    expect(h.out()).toMatch(/undefined \(no variation/);
    await expect(
      h.run('agreement', '--input', 'r.csv', '--metric', 'fleiss', '--weights', 'linear'),
    ).rejects.toThrow('--weights applies to --metric kappa only');
    await expect(h.run('agreement', '--input', 'uneven.csv', '--metric', 'fleiss')).rejects.toThrow(
      /item "u2" has 1 ratings/,
    );
  });
});

describe('tessera qc label-errors', () => {
  it('flags the example whose label disagrees with a confident prediction', async () => {
    const probs = [
      'p0,p1',
      ...Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? '0.9,0.1' : '0.15,0.85')),
      '',
    ].join('\n');
    const labels = Array.from({ length: 20 }, (_, i) => (i === 4 ? 1 : i % 2)).join('\n');
    const h = harness({ 'p.csv': probs, 'l.txt': labels });
    await h.run('label-errors', '--labels', 'l.txt', '--probs', 'p.csv', '--json');
    const json = JSON.parse(h.out()) as {
      flagged: number;
      issues: { row: number; given: number; suggested: number }[];
    };
    expect(json.flagged).toBe(1);
    expect(json.issues[0]).toMatchObject({ row: 4, given: 1, suggested: 0 });
  });

  it('names a mismatch between labels and probabilities', async () => {
    const h = harness({ 'p.csv': 'p0,p1\n0.5,0.5\n', 'l.txt': '0\n1\n' });
    await expect(h.run('label-errors', '--labels', 'l.txt', '--probs', 'p.csv')).rejects.toThrow(
      'label errors: 2 labels but 1 rows of probabilities',
    );
  });
});
