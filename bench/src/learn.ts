import { existsSync, readFileSync } from 'node:fs';
import { writeDoc } from './write-doc.ts';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '@tessera/core/quality';
// The lead wires `@tessera/core/learn` in packages/core/package.json; until then, by path.
import {
  combineSpans,
  Gazetteer,
  generateZhNer,
  LearningCurve,
  selectBatch,
  spanPrf,
  SpanTagger,
  TextClassifier,
  type ScoredSpan,
  type SparseVector,
  type SpanExample,
  type TextExample,
  type UncertaintyStrategy,
} from '@tessera/core/learn';

const SMS = new URL(
  '../../../shared/datasets/sms-spam-collection/SMSSpamCollection.tsv',
  import.meta.url,
);
const DOC = new URL('../../docs/prelabel.md', import.meta.url);
const LABELS = ['ham', 'spam'];
const SEEDS = [1, 2, 3, 4, 5];
/** Active learning: 10 random seed labels, then batches of 10 up to 500 labels. */
const START = 10;
const BATCH = 10;
const BUDGET = 500;

interface Arm {
  name: string;
  strategy: UncertaintyStrategy | 'random';
  diversityWeight: number;
}

/** Margin and least-confidence order two-class examples exactly as entropy does: not repeated. */
const ARMS: Arm[] = [
  { name: 'random order', strategy: 'random', diversityWeight: 0 },
  { name: 'entropy', strategy: 'entropy', diversityWeight: 0 },
  { name: 'entropy + diversity 0.3', strategy: 'entropy', diversityWeight: 0.3 },
];

interface Split {
  train: TextExample[];
  test: TextExample[];
}

/** The fixed split of docs/prelabel.md: row i is a test row when i % 5 === 0. */
function loadSms(): Split {
  const rows = readFileSync(SMS, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      return { label: line.slice(0, tab), text: line.slice(tab + 1) };
    });
  return { train: rows.filter((_, i) => i % 5 !== 0), test: rows.filter((_, i) => i % 5 === 0) };
}

function shuffledIndices(n: number, seed: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  const r = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

interface Encoded {
  xs: SparseVector[];
  ys: Int32Array;
}

function encode(clf: TextClassifier, rows: TextExample[]): Encoded {
  return {
    xs: rows.map((r) => clf.featurize(r.text)),
    ys: Int32Array.from(rows.map((r) => LABELS.indexOf(r.label))),
  };
}

function accuracyOn(clf: TextClassifier, test: Encoded): number {
  let ok = 0;
  const p = new Float64Array(LABELS.length);
  test.xs.forEach((x, i) => {
    clf.predictProbaVector(x, p);
    if ((p[1]! > p[0]! ? 1 : 0) === test.ys[i]) ok++;
  });
  return ok / test.xs.length;
}

/**
 * One active-learning run: retrain on the labels so far (as the server does when labels
 * arrive), score the pool, label the next batch the arm picks, record test accuracy.
 */
function runArm(arm: Arm, seed: number, train: Encoded, test: Encoded): LearningCurve {
  const curve = new LearningCurve(`${arm.name} #${seed}`);
  const labeled = shuffledIndices(train.xs.length, seed).slice(0, START);
  const inPool = new Uint8Array(train.xs.length).fill(1);
  for (const i of labeled) inPool[i] = 0;
  while (true) {
    const clf = new TextClassifier({ labels: LABELS, seed });
    clf.fitVectors(
      labeled.map((i) => train.xs[i]!),
      Int32Array.from(labeled.map((i) => train.ys[i]!)),
    );
    curve.record(labeled.length, accuracyOn(clf, test));
    if (labeled.length >= BUDGET) return curve;
    const pool = [...inPool.keys()].filter((i) => inPool[i]);
    const candidates = pool.map((i) => ({
      id: i,
      probs: clf.predictProbaVector(train.xs[i]!),
      vector: train.xs[i]!,
    }));
    const picked = selectBatch(candidates, BATCH, {
      strategy: arm.strategy,
      diversityWeight: arm.diversityWeight,
      seed: seed * 1000 + labeled.length,
    });
    for (const s of picked) {
      labeled.push(s.id as number);
      inPool[s.id as number] = 0;
    }
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

function activeLearningTable(split: Split): { md: string; gain: number } {
  const probe = new TextClassifier({ labels: LABELS });
  const train = encode(probe, split.train);
  const test = encode(probe, split.test);
  const at = [10, 20, 50, 100, 200, 300, 500];
  const rows: string[] = [];
  const auc: Record<string, number[]> = {};
  for (const arm of ARMS) {
    const curves = SEEDS.map((seed) => runArm(arm, seed, train, test));
    auc[arm.name] = curves.map((c) => c.area().value!);
    const cells = at.map((n) => mean(curves.map((c) => c.at(n)!)).toFixed(4));
    rows.push(
      `| ${arm.name} | ${cells.join(' | ')} | ${mean(auc[arm.name]!).toFixed(4)} ± ${sd(auc[arm.name]!).toFixed(4)} |`,
    );
  }
  const gains = SEEDS.map((_, k) => auc.entropy![k]! - auc['random order']![k]!);
  const md = [
    `| order | ${at.map((n) => `${n} labels`).join(' | ')} | area (mean acc. 10–500) |`,
    `| --- | ${at.map(() => '---:').join(' | ')} | ---: |`,
    ...rows,
    '',
    `Entropy minus random, area per seed: ${gains.map((g) => g.toFixed(4)).join(', ')} (mean ${mean(gains).toFixed(4)}).`,
  ].join('\n');
  return { md, gain: mean(gains) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Online prediction rate (featurisation included), retrain time on 10,000 labels, updates/s. */
function timings(split: Split): { md: string; predictPerSec: number; retrainMs: number } {
  const clf = new TextClassifier({ labels: LABELS });
  clf.fit(split.train.slice(0, 500));
  const texts = Array.from({ length: 20_000 }, (_, i) => split.test[i % split.test.length]!.text);
  const rates = [1, 2, 3].map(() => {
    const t0 = performance.now();
    for (const t of texts) clf.predict(t);
    return texts.length / ((performance.now() - t0) / 1000);
  });
  const tenK = Array.from({ length: 10_000 }, (_, i) => split.train[i % split.train.length]!);
  const retrain = [1, 2, 3].map(() => {
    const t0 = performance.now();
    new TextClassifier({ labels: LABELS }).fit(tenK);
    return performance.now() - t0;
  });
  const online = new TextClassifier({ labels: LABELS });
  const t0 = performance.now();
  for (const ex of tenK) online.partialFit(ex);
  const updates = tenK.length / ((performance.now() - t0) / 1000);
  const predictPerSec = median(rates);
  const retrainMs = median(retrain);
  const md = [
    '| measure | result | target |',
    '| --- | ---: | ---: |',
    `| online text prediction (featurise + predict, 1 task at a time) | ${fmt(predictPerSec)} tasks/s | ≥ 5,000 tasks/s |`,
    `| retrain (\`fit\`) on 10,000 labels, featurisation and calibration included | ${(retrainMs / 1000).toFixed(2)} s | < 2 s |`,
    `| online updates (\`partialFit\`), 10,000 labels | ${fmt(updates)} labels/s | — |`,
  ].join('\n');
  return { md, predictPerSec, retrainMs };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

function nerRow(name: string, gold: SpanExample[], pred: ScoredSpan[][]): string {
  const r = spanPrf(
    gold.map((e) => e.spans),
    pred,
  );
  const f = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
  const per = ['PER', 'ORG', 'LOC'].map((l) => f(r.perLabel[l]?.f1.value));
  return `| ${name} | ${f(r.overall.precision.value)} | ${f(r.overall.recall.value)} | ${f(r.overall.f1.value)} | ${per.join(' | ')} |`;
}

/** Area under the ROC curve of span scores against span correctness (undefined: one class). */
function auroc(gold: SpanExample[], pred: ScoredSpan[][]): number | undefined {
  const pos: number[] = [];
  const neg: number[] = [];
  pred.forEach((p, i) => {
    for (const s of p) {
      const ok = gold[i]!.spans.some(
        (g) => g.start === s.start && g.end === s.end && g.label === s.label,
      );
      (ok ? pos : neg).push(s.score);
    }
  });
  if (pos.length === 0 || neg.length === 0) return undefined;
  let c = 0;
  for (const a of pos) for (const b of neg) c += a > b ? 1 : a === b ? 0.5 : 0;
  return c / (pos.length * neg.length);
}

function nerTable(): string {
  const train = generateZhNer(2000, 1);
  const tagger = new SpanTagger({ labels: ['PER', 'ORG', 'LOC'] });
  const t0 = performance.now();
  tagger.fit(train);
  const fitS = (performance.now() - t0) / 1000;
  const gaz = new Gazetteer();
  gaz.addExamples(train);
  const lines = [
    '| test set | model | P | R | F1 | F1 PER | F1 ORG | F1 LOC |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const notes: string[] = [];
  for (const [name, test] of [
    ['seen contexts', generateZhNer(500, 2)],
    ['unseen contexts', generateZhNer(500, 3, 'unseen')],
  ] as const) {
    const t1 = performance.now();
    const tp = test.map((e) => tagger.predict(e.text));
    const rate = test.length / ((performance.now() - t1) / 1000);
    const gp = test.map((e) => gaz.match(e.text));
    lines.push(nerRow(`${name} | tagger`, test, tp));
    lines.push(nerRow(`${name} | gazetteer`, test, gp));
    lines.push(
      nerRow(
        `${name} | tagger, then gazetteer`,
        test,
        tp.map((p, i) => combineSpans(p, gp[i]!)),
      ),
    );
    lines.push(
      nerRow(
        `${name} | gazetteer, then tagger`,
        test,
        tp.map((p, i) => combineSpans(gp[i]!, p)),
      ),
    );
    const a = auroc(test, tp);
    const aurocText = a === undefined ? 'undefined (no wrong spans)' : a.toFixed(3);
    notes.push(`${name}: span-score AUROC ${aurocText}, ${fmt(rate)} sentences/s`);
  }
  return [
    ...lines,
    '',
    `Training: 2,000 sentences (seed 1), \`fit\` ${fitS.toFixed(2)} s, temperature ${tagger.temperature.toFixed(2)} (${tagger.temperatureSource}), gazetteer ${fmt(gaz.size)} entries. Tests: 500 sentences each (seeds 2 and 3). ${notes.join('; ')}.`,
  ].join('\n');
}

function replaceBetween(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/prelabel.md: markers ${start} / ${end} not found`);
  return `${doc.slice(0, a + start.length)}\n\n${body}\n\n${doc.slice(b)}`;
}

async function updateDoc(sections: Record<string, string>): Promise<void> {
  const path = fileURLToPath(DOC);
  if (!existsSync(path)) {
    process.stderr.write(`notice: ${path} not found; not updated\n`);
    return;
  }
  let doc = readFileSync(path, 'utf8');
  for (const [name, body] of Object.entries(sections)) doc = replaceBetween(doc, name, body);
  await writeDoc(path, doc);
  process.stdout.write(`updated ${path}\n`);
}

/**
 * Learner benchmark: learning curves of active learning against random order on SMS spam
 * (5 seeds; asserts that entropy sampling's area under the curve beats random on average),
 * the timing targets (online text prediction ≥ 5,000 tasks/s; retraining on 10,000 labels
 * < 2 s) and the span tagger's P/R/F1 on the generated Chinese NER set. Prints markdown and
 * rewrites the marked sections of docs/prelabel.md.
 *
 * @example
 * ```sh
 * npx tsx -e "import('./bench/src/learn.ts').then(m=>m.runLearnBench())"
 * ```
 */
export async function runLearnBench(): Promise<void> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`# Learner benchmark (Node ${process.version}, ${cpus().length} cores)\n`);
  const sections: Record<string, string> = {};
  if (!existsSync(SMS)) {
    process.stderr.write(`notice: ${fileURLToPath(SMS)} is absent: SMS spam figures skipped\n`);
  } else {
    const split = loadSms();
    const al = activeLearningTable(split);
    out(
      `## Active learning vs random order (SMS spam, mean of ${SEEDS.length} seeds)\n\n${al.md}\n`,
    );
    const t = timings(split);
    out(`## Timings\n\n${t.md}\n`);
    sections['learn-al'] = al.md;
    sections['learn-timings'] = t.md;
    const checks = [
      [al.gain > 0, `active learning (entropy) area beats random by ${al.gain.toFixed(4)}`],
      [t.predictPerSec >= 5000, `prediction ${fmt(t.predictPerSec)} tasks/s >= 5,000`],
      [t.retrainMs < 2000, `retrain on 10,000 labels ${(t.retrainMs / 1000).toFixed(2)} s < 2 s`],
    ] as const;
    for (const [ok, what] of checks) out(`${ok ? 'PASS' : 'FAIL'}: ${what}`);
    if (checks.some(([ok]) => !ok)) process.exitCode = 1;
  }
  const ner = nerTable();
  out(`\n## Span tagger, generated Chinese NER\n\n${ner}\n`);
  sections['learn-ner'] = ner;
  await updateDoc(sections);
}
