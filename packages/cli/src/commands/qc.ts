import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  buildLabelMatrix,
  consensusAccuracy,
  encodeTruth,
  findLabelIssues,
  fleissKappa,
  inferTruth,
  krippendorffAlpha,
  pairwiseCohenKappa,
  fleissCounts,
  parseAnswersCsv,
  parseLabelsText,
  parseProbsCsv,
  parseRatingsCsv,
  parseTruthCsv,
  QualityInputError,
  reliabilityData,
  TRUTH_METHODS,
  type AlphaLevel,
  type KappaWeights,
  type Metric,
  type Rate,
  type ReliabilityData,
  type TruthMethod,
} from '@tessera/core/quality';
import { CliError } from '../errors.ts';

/** Where `qc` reads and writes; tests pass an in-memory version. */
export interface QcIo {
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  out(text: string): void;
  err(text: string): void;
}

const processIo: QcIo = {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Registers `tessera qc …`: file-based quality control that runs `@tessera/core/quality` on
 * local files, no server needed. Errors a user can act on (missing file, bad column, bad
 * line) are thrown as {@link CliError}, which `main` prints and turns into exit code 1.
 *
 * @example
 * ```ts
 * const program = new Command('tessera');
 * registerQcCommands(program);
 * await program.parseAsync(['node', 'tessera', 'qc', 'aggregate', '--answers', 'a.csv', '--method', 'ds']);
 * ```
 */
export function registerQcCommands(program: Command, io: QcIo = processIo): void {
  const qc = program
    .command('qc')
    .description('quality control on local files: truth inference, agreement, label errors');
  registerAggregate(qc, io);
  registerAgreement(qc, io);
  registerLabelErrors(qc, io);
}

function registerAggregate(qc: Command, io: QcIo): void {
  qc.command('aggregate')
    .description('infer consensus labels from crowd answers (CSV question,worker,answer)')
    .requiredOption('--answers <file>', 'answers CSV with header question,worker,answer')
    .option('--truth <file>', 'truth CSV with header question,truth; prints accuracy')
    .addOption(
      new Option('--method <method>', 'truth-inference method')
        .choices(TRUTH_METHODS)
        .makeOptionMandatory(),
    )
    .option(
      '--out <file>',
      'write the consensus CSV (question,answer,confidence) here instead of stdout',
    )
    .option('--json', 'print a JSON summary')
    .action((f: AggregateFlags) => guard(() => aggregate(f, io)));
}

function registerAgreement(qc: Command, io: QcIo): void {
  qc.command('agreement')
    .description('inter-annotator agreement from ratings (CSV item,annotator,value)')
    .requiredOption('--input <file>', 'ratings CSV with header item,annotator,value')
    .addOption(
      new Option('--metric <metric>', 'agreement statistic')
        .choices(['kappa', 'fleiss', 'alpha'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--level <level>', "Krippendorff's alpha level (default nominal)").choices([
        'nominal',
        'ordinal',
        'interval',
        'ratio',
      ]),
    )
    .addOption(
      new Option('--weights <weights>', "Cohen's kappa weights (default none)").choices([
        'none',
        'linear',
        'quadratic',
      ]),
    )
    .option('--json', 'print JSON')
    .action((f: AgreementFlags) => guard(() => agreement(f, io)));
}

function registerLabelErrors(qc: Command, io: QcIo): void {
  qc.command('label-errors')
    .description('find likely label errors with confident learning')
    .requiredOption(
      '--labels <file>',
      'given labels: one class index per line, or CSV with a label column',
    )
    .requiredOption(
      '--probs <file>',
      'out-of-sample predicted probabilities, CSV (columns p0..pK-1 or all numeric)',
    )
    .option('--json', 'print JSON')
    .action((f: LabelErrorFlags) => guard(() => labelErrors(f, io)));
}

interface AggregateFlags {
  answers: string;
  truth?: string;
  method: TruthMethod;
  out?: string;
  json?: boolean;
}

interface AgreementFlags {
  input: string;
  metric: 'kappa' | 'fleiss' | 'alpha';
  level?: AlphaLevel;
  weights?: KappaWeights;
  json?: boolean;
}

interface LabelErrorFlags {
  labels: string;
  probs: string;
  json?: boolean;
}

/** Turns core input errors into CliError so they print as one actionable line. */
function guard(run: () => void): void {
  try {
    run();
  } catch (err) {
    if (err instanceof QualityInputError) throw new CliError(err.message);
    throw err;
  }
}

function read(io: QcIo, path: string, flag: string): string {
  try {
    return io.readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : (err as Error).message;
    throw new CliError(`cannot read ${flag} file "${path}": ${why}`);
  }
}

function aggregate(f: AggregateFlags, io: QcIo): void {
  const named = buildLabelMatrix(parseAnswersCsv(read(io, f.answers, '--answers'), f.answers));
  const truthMap =
    f.truth === undefined ? undefined : parseTruthCsv(read(io, f.truth, '--truth'), f.truth);
  const result = inferTruth(named.matrix, f.method);
  const rows = named.items.map((q, i) => ({
    question: q,
    answer: result.labels[i]! >= 0 ? named.classes[result.labels[i]!]! : '',
    confidence: round6(result.confidence[i]!),
  }));
  const csv = `question,answer,confidence\n${rows.map((r) => `${csvField(r.question)},${csvField(r.answer)},${r.confidence}`).join('\n')}\n`;
  if (f.out !== undefined) io.writeFile(f.out, csv);
  const scored = truthMap && encodeTruth(named, truthMap);
  const accuracy = scored && consensusAccuracy(result.labels, scored.truth).accuracy;
  const summary = {
    method: f.method,
    items: named.matrix.nItems,
    workers: named.matrix.nWorkers,
    classes: named.classes,
    labels: named.matrix.item.length,
    iterations: result.iterations,
    converged: result.converged,
    ...(accuracy
      ? {
          accuracy: rateJson(accuracy),
          truthQuestionsWithoutAnswers: scored.unknownQuestions.length,
        }
      : {}),
    ...(f.out !== undefined ? { output: f.out } : {}),
  };
  if (f.json) {
    io.out(
      `${JSON.stringify(f.out === undefined ? { ...summary, consensus: rows } : summary, null, 2)}\n`,
    );
    return;
  }
  if (f.out === undefined) io.out(csv);
  const say = f.out === undefined ? io.err : io.out;
  say(
    `${f.method}: ${summary.items} items, ${summary.workers} workers, ${summary.labels} labels${f.out ? ` -> ${f.out}` : ''}\n`,
  );
  if (accuracy) say(`accuracy: ${formatRate(accuracy)} against ${f.truth}\n`);
}

function agreement(f: AgreementFlags, io: QcIo): void {
  if (f.weights !== undefined && f.metric !== 'kappa')
    throw new CliError('--weights applies to --metric kappa only');
  if (f.level !== undefined && f.metric !== 'alpha')
    throw new CliError('--level applies to --metric alpha only');
  const rel = reliabilityData(parseRatingsCsv(read(io, f.input, '--input'), f.input), f.input);
  const result =
    f.metric === 'kappa'
      ? kappaReport(rel, f.weights ?? 'none')
      : f.metric === 'fleiss'
        ? fleissReport(rel)
        : alphaReport(rel, f.level ?? 'nominal');
  if (f.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
  else io.out(`${result.text}\n`);
}

interface AgreementReport {
  metric: string;
  value: number | null;
  reason?: string;
  text: string;
  [extra: string]: unknown;
}

function metricJson(m: Metric): { value: number | null; reason?: string } {
  return m.value === undefined ? { value: null, reason: m.reason } : { value: m.value };
}

function describeMetric(name: string, m: Metric, details: string): string {
  return m.value === undefined
    ? `${name}: undefined (${m.reason})`
    : `${name}: ${m.value.toFixed(4)} (${details})`;
}

/** Cohen's kappa for two annotators; for more, every pair and their mean (Light's kappa). */
function kappaReport(rel: ReliabilityData, weights: KappaWeights): AgreementReport {
  const { pairs, mean } = pairwiseCohenKappa(rel.data, { weights });
  const name = `Cohen's kappa${weights === 'none' ? '' : ` (${weights} weights)`}`;
  const rows = pairs.map((p) => ({
    a: rel.annotators[p.a]!,
    b: rel.annotators[p.b]!,
    items: p.result.n,
    ...metricJson(p.result.kappa),
  }));
  if (rows.length === 1) {
    const text = describeMetric(name, mean, `${rows[0]!.items} items rated by both`);
    return { metric: 'kappa', weights, ...metricJson(mean), items: rows[0]!.items, text };
  }
  const defined = rows.filter((p) => p.value !== null).length;
  const lines = rows.map(
    (p) =>
      `  ${p.a} vs ${p.b}: ${p.value === null ? `undefined (${p.reason})` : p.value.toFixed(4)} on ${p.items} items`,
  );
  const head = describeMetric(
    `mean pairwise ${name} (Light's kappa)`,
    mean,
    `${defined} of ${rows.length} pairs`,
  );
  return {
    metric: 'kappa',
    weights,
    ...metricJson(mean),
    pairs: rows,
    text: [head, ...lines].join('\n'),
  };
}

function fleissReport(rel: ReliabilityData): AgreementReport {
  const r = fleissKappa(fleissCounts(rel.data, rel.units).counts);
  return {
    metric: 'fleiss',
    ...metricJson(r.kappa),
    observed: r.observed,
    expected: r.expected,
    items: r.subjects,
    ratersPerItem: r.ratersPerSubject,
    text: describeMetric(
      "Fleiss' kappa",
      r.kappa,
      `${r.subjects} items × ${r.ratersPerSubject} ratings, P̄ = ${r.observed.toFixed(4)}, P̄e = ${r.expected.toFixed(4)}`,
    ),
  };
}

function alphaReport(rel: ReliabilityData, level: AlphaLevel): AgreementReport {
  const r = krippendorffAlpha(rel.data, { level });
  return {
    metric: 'alpha',
    level,
    ...metricJson(r.alpha),
    pairable: r.pairable,
    observedDisagreement: r.observedDisagreement,
    expectedDisagreement: r.expectedDisagreement,
    text: describeMetric(
      `Krippendorff's alpha (${level})`,
      r.alpha,
      `${r.pairable} pairable values, ${rel.units.length} items, ${rel.annotators.length} annotators`,
    ),
  };
}

function labelErrors(f: LabelErrorFlags, io: QcIo): void {
  const labels = parseLabelsText(read(io, f.labels, '--labels'), f.labels);
  const probs = parseProbsCsv(read(io, f.probs, '--probs'), f.probs);
  const issues = findLabelIssues(labels, probs);
  const k = probs.nClasses;
  const rows = Array.from(issues.ranked, (i, r) => ({
    row: i,
    given: labels[i]!,
    suggested: issues.suggested[r]!,
    selfConfidence: probs.probs[i * k + labels[i]!]!,
  }));
  if (f.json) {
    const joint = Array.from({ length: k }, (_, y) =>
      Array.from(issues.confidentJoint.joint.subarray(y * k, y * k + k)),
    );
    io.out(
      `${JSON.stringify({ examples: probs.n, classes: k, flagged: rows.length, method: 'prune_by_noise_rate', issues: rows, confidentJoint: joint }, null, 2)}\n`,
    );
    return;
  }
  io.out(
    `${rows.length} likely label errors among ${probs.n} examples (confident learning, prune by noise rate)\n`,
  );
  if (rows.length === 0) return;
  io.out('row,given,suggested,self_confidence\n');
  for (const r of rows)
    io.out(`${r.row},${r.given},${r.suggested},${r.selfConfidence.toPrecision(4)}\n`);
}

function rateJson(r: Rate) {
  return r.value === undefined
    ? { value: null, reason: r.reason, correct: 0, total: 0 }
    : { value: r.value, lower: r.lower, upper: r.upper, correct: r.successes, total: r.trials };
}

function formatRate(r: Rate): string {
  if (r.value === undefined) return `undefined (${r.reason})`;
  return `${r.value.toFixed(4)} (${r.successes}/${r.trials}, 95% CI ${r.lower.toFixed(4)}–${r.upper.toFixed(4)})`;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
