import { existsSync, readFileSync } from 'node:fs';
import { writeDoc } from './write-doc.ts';
import { fileURLToPath } from 'node:url';
import {
  aggregateNumeric,
  buildLabelMatrix,
  consensusAccuracy,
  dawidSkene,
  encodeTruth,
  IncrementalDawidSkene,
  IncrementalMajority,
  inferTruth,
  majorityVote,
  numericErrors,
  parseAnswersCsv,
  parseCsv,
  parseTruthCsv,
  simulateCrowd,
  TRUTH_METHODS,
  type LabelTriple,
  type NamedLabelMatrix,
  type TruthMethod,
} from '@tessera/core/quality';

const DATASETS = new URL('../../../shared/datasets/', import.meta.url);
const DOC = new URL('../../docs/quality.md', import.meta.url);

/** Published accuracies (Crowd-Kit paper, JOSS 2024, column D_Product). */
const PUBLISHED: Record<string, Partial<Record<TruthMethod, number>>> = {
  d_product: { mv: 0.897, ds: 0.94, glad: 0.928, mace: 0.929 },
};

interface Dataset {
  name: string;
  named: NamedLabelMatrix;
  truth: Int32Array;
}

interface AccuracyRow {
  dataset: string;
  tasks: number;
  workers: number;
  labels: number;
  mvTies: number;
  accuracy: Record<TruthMethod, number>;
  seconds: Record<TruthMethod, number>;
}

/**
 * Truth-inference benchmark: accuracy of every method on every categorical dataset in
 * ../shared/datasets (crowd-truth-zheng2017, snow2008-rte-temp), MAE of mean/median on the
 * numeric one, and the timing targets (Dawid–Skene on 1M labels ≤ 2 s, majority vote ≤ 25 ms,
 * one incremental update ≤ 1 ms). Prints markdown and rewrites the marked sections of
 * docs/quality.md.
 *
 * @example
 * ```sh
 * npx tsx -e "import('./bench/src/truth.ts').then(m=>m.runTruthBench())"
 * ```
 */
export async function runTruthBench(): Promise<void> {
  let accuracyTable: string | undefined;
  if (existsSync(DATASETS)) {
    accuracyTable = `${markdownAccuracy(loadCategorical().map(scoreDataset))}\n\n${numericTable()}`;
    process.stdout.write(`${accuracyTable}\n\n`);
  } else {
    process.stderr.write(`notice: ${fileURLToPath(DATASETS)} not found; accuracy table skipped\n`);
  }
  const timings = timingTable();
  process.stdout.write(`${timings}\n`);
  await updateDoc(accuracyTable, timings);
}

function loadCategorical(): Dataset[] {
  const out: Dataset[] = [];
  for (const name of ['d_product', 'd_duck_bluebird', 's4_dog', 's4_face']) {
    const dir = new URL(`crowd-truth-zheng2017/${name}/`, DATASETS);
    if (!existsSync(dir)) continue;
    const named = buildLabelMatrix(
      parseAnswersCsv(readFileSync(new URL('answer.csv', dir), 'utf8'), `${name}/answer.csv`),
    );
    const { truth } = encodeTruth(
      named,
      parseTruthCsv(readFileSync(new URL('truth.csv', dir), 'utf8'), `${name}/truth.csv`),
    );
    out.push({ name, named, truth });
  }
  for (const name of ['rte', 'temp']) {
    const file = new URL(`snow2008-rte-temp/${name}.standardized.tsv`, DATASETS);
    if (existsSync(file)) out.push(loadSnow(name, readFileSync(file, 'utf8')));
  }
  return out;
}

/** Snow et al. TSV: worker `!amt_worker_ids`, task `orig_id`, label `response`, truth `gold`. */
function loadSnow(name: string, text: string): Dataset {
  const t = parseCsv(text, { delimiter: '\t', source: `${name}.standardized.tsv` });
  const col = (c: string) => t.header.indexOf(c);
  const [w, q, a, g] = [col('!amt_worker_ids'), col('orig_id'), col('response'), col('gold')];
  const triples: LabelTriple[] = t.rows.map((r) => ({
    question: r[q]!,
    worker: r[w]!,
    answer: r[a]!,
  }));
  const named = buildLabelMatrix(triples);
  const gold = new Map(t.rows.map((r) => [r[q]!, r[g]!] as const));
  return { name: `snow2008 ${name}`, named, truth: encodeTruth(named, gold).truth };
}

function scoreDataset(d: Dataset): AccuracyRow {
  const accuracy = {} as Record<TruthMethod, number>;
  const seconds = {} as Record<TruthMethod, number>;
  for (const method of TRUTH_METHODS) {
    const t0 = performance.now();
    const r = inferTruth(d.named.matrix, method);
    seconds[method] = (performance.now() - t0) / 1000;
    accuracy[method] = consensusAccuracy(r.labels, d.truth).accuracy.value ?? NaN;
  }
  const m = d.named.matrix;
  return {
    dataset: d.name,
    tasks: m.nItems,
    workers: m.nWorkers,
    labels: m.item.length,
    mvTies: countTies(majorityVote(m).posterior, m.nItems, m.nClasses),
    accuracy,
    seconds,
  };
}

function countTies(posterior: Float64Array, nItems: number, k: number): number {
  let ties = 0;
  for (let i = 0; i < nItems; i++) {
    const row = Array.from(posterior.subarray(i * k, i * k + k));
    const max = Math.max(...row);
    if (row.filter((v) => v === max).length > 1) ties++;
  }
  return ties;
}

function markdownAccuracy(rows: AccuracyRow[]): string {
  const head =
    '| dataset | tasks | workers | labels | MV ties | MV | DS | GLAD | MACE | published (Crowd-Kit) |';
  const lines = rows.map((r) => {
    const best = Math.max(...TRUTH_METHODS.map((m) => r.accuracy[m]));
    const cell = (m: TruthMethod) =>
      r.accuracy[m] === best ? `**${r.accuracy[m].toFixed(4)}**` : r.accuracy[m].toFixed(4);
    const pub = PUBLISHED[r.dataset];
    const published = pub
      ? TRUTH_METHODS.map((m) => `${m.toUpperCase()} ${pub[m]!.toFixed(3)}`).join(', ')
      : '—';
    return `| ${r.dataset} | ${r.tasks} | ${r.workers} | ${r.labels} | ${r.mvTies} | ${TRUTH_METHODS.map(cell).join(' | ')} | ${published} |`;
  });
  const time = rows.map(
    (r) =>
      `${r.dataset}: ${TRUTH_METHODS.map((m) => `${m} ${(r.seconds[m] * 1000).toFixed(0)} ms`).join(', ')}`,
  );
  return [
    'Accuracy of the consensus label against the gold labels (best per row in bold; MV ties go to the lowest class index):',
    '',
    head,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...lines,
    '',
    `Run times (one run each, this machine): ${time.join('; ')}.`,
  ].join('\n');
}

function numericTable(): string {
  const dir = new URL('crowd-truth-zheng2017/n_emotion/', DATASETS);
  if (!existsSync(dir)) return '';
  const answers = parseCsv(readFileSync(new URL('answer.csv', dir), 'utf8'));
  const truthRows = parseCsv(readFileSync(new URL('truth.csv', dir), 'utf8'));
  const index = new Map<string, number>();
  const item = Int32Array.from(
    answers.rows,
    (r) => index.get(r[0]!) ?? index.set(r[0]!, index.size).get(r[0]!)!,
  );
  const value = Float64Array.from(answers.rows, (r) => Number(r[2]));
  const truth = new Float64Array(index.size);
  const mask = new Uint8Array(index.size);
  for (const [q, t] of truthRows.rows) {
    const i = index.get(q!);
    if (i !== undefined) [truth[i], mask[i]] = [Number(t), 1];
  }
  const row = (method: 'mean' | 'median') => {
    const e = numericErrors(aggregateNumeric(item, value, index.size, method).values, truth, mask);
    return `| n_emotion | ${method} | ${e.mae.value?.toFixed(2)} | ${e.rmse.value?.toFixed(2)} |`;
  };
  return [
    'Numeric answers (n_emotion, 0–100 scores; categorical methods do not apply):',
    '',
    '| dataset | aggregation | MAE | RMSE |',
    '|---|---|---:|---:|',
    row('mean'),
    row('median'),
  ].join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeIt(runs: number, fn: () => void): number[] {
  fn(); // warm-up: JIT-compile before measuring
  return Array.from({ length: runs }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  });
}

function timingTable(): string {
  const accuracy = Array.from({ length: 10 }, (_, w) => 0.5 + 0.045 * w);
  const { matrix } = simulateCrowd({ nItems: 100_000, nClasses: 5, accuracy, seed: 2024 });
  const ds = timeIt(3, () => dawidSkene(matrix, { maxIterations: 20, tolerance: 0 }));
  const mv = timeIt(15, () => majorityVote(matrix));
  const model = dawidSkene(matrix, { maxIterations: 20, tolerance: 0 });
  const incDs = IncrementalDawidSkene.fromResult(model, matrix);
  const incMv = new IncrementalMajority(5, matrix.nItems);
  const n = 20_000;
  const dsUpdates = timeEach(n, (r) => incDs.add((r * 7919) % matrix.nItems, r % 10, r % 5));
  const mvUpdates = timeEach(n, (r) => incMv.add((r * 7919) % matrix.nItems, r % 5));
  const ms = (x: number) =>
    x < 0.001
      ? `${(x * 1e6).toFixed(0)} ns`
      : x < 0.1
        ? `${(x * 1000).toFixed(1)} µs`
        : x < 1000
          ? `${x.toFixed(1)} ms`
          : `${(x / 1000).toFixed(2)} s`;
  const ok = (x: number, target: number) => (x <= target ? 'yes' : '**no**');
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]!;
  return [
    `Timings on a synthetic crowd: ${matrix.nItems.toLocaleString('en')} items × 10 annotators × 5 classes = ${matrix.item.length.toLocaleString('en')} labels (Node ${process.versions.node}, ${process.arch}; median of runs after a warm-up):`,
    '',
    '| operation | median | target | met |',
    '|---|---:|---:|:---:|',
    `| Dawid–Skene, 20 EM iterations (3 runs) | ${ms(median(ds))} | ≤ 2 s | ${ok(median(ds), 2000)} |`,
    `| majority vote (15 runs) | ${ms(median(mv))} | ≤ 25 ms | ${ok(median(mv), 25)} |`,
    `| incremental Dawid–Skene E-step, one submit (${n.toLocaleString('en')} submits in batches of 100; p99 ${ms(p99(dsUpdates))}) | ${ms(median(dsUpdates))} | ≤ 1 ms | ${ok(median(dsUpdates), 1)} |`,
    `| incremental majority vote, one submit (p99 ${ms(p99(mvUpdates))}) | ${ms(median(mvUpdates))} | ≤ 1 ms | ${ok(median(mvUpdates), 1)} |`,
  ].join('\n');
}

/** Per-call cost of `fn`, measured in batches of 100 calls (one call is below timer resolution). */
function timeEach(n: number, fn: (r: number) => void): number[] {
  for (let r = 0; r < 1000; r++) fn(r);
  const batch = 100;
  const out: number[] = [];
  for (let start = 0; start < n; start += batch) {
    const t0 = performance.now();
    for (let r = start; r < start + batch; r++) fn(r);
    out.push((performance.now() - t0) / batch);
  }
  return out;
}

function replaceBetween(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/quality.md: markers ${start} / ${end} not found`);
  return `${doc.slice(0, a + start.length)}\n\n${body}\n\n${doc.slice(b)}`;
}

async function updateDoc(accuracy: string | undefined, timings: string): Promise<void> {
  const path = fileURLToPath(DOC);
  if (!existsSync(path)) {
    process.stderr.write(`notice: ${path} not found; not updated\n`);
    return;
  }
  let doc = readFileSync(path, 'utf8');
  if (accuracy !== undefined) doc = replaceBetween(doc, 'truth-table', accuracy);
  doc = replaceBetween(doc, 'truth-timings', timings);
  await writeDoc(path, doc);
  process.stdout.write(`updated ${path}\n`);
}
