import type { LabelingSchema } from '@tessera/core/format';
import {
  buildLabelMatrix,
  dawidSkene,
  krippendorffAlphaFromCounts,
  wilsonInterval,
  type Metric,
  type Rate,
} from '@tessera/core/quality';
import type { AppContext } from '../../context.ts';
import { QcRepository, type LabelSource } from '../../store/qc.repository.ts';
import { choiceControls, chosenClass, triplesOf, type ChoiceControl } from './choices.ts';

/** What a full recompute leaves for one control: the model the submit path reuses. */
export interface ControlState {
  method: 'ds';
  classes: string[];
  /** User ids, in the order of `confusion`. */
  workers: number[];
  priors: number[];
  /** confusion[w][t][l] = P(worker w answers l | true class t). */
  confusion: number[][][];
  items: number;
  labels: number;
  alpha: Metric;
  computed_at: string;
}

/** Per-annotator, per-control statistics. */
export interface AnnotatorControlStats {
  labels: number;
  agreement_with_consensus: Rate;
  gold: Rate;
  /** counts[t][l]: consensus class t, the annotator's class l. */
  confusion_counts: number[][];
}

type Consensus = Map<number, { regions: unknown[]; labels: string[] }>;

function addConsensus(
  out: Consensus,
  taskId: number,
  control: string,
  label: string,
  score: number,
) {
  const entry = out.get(taskId) ?? { regions: [], labels: [] };
  entry.regions.push({
    id: `consensus-${control}`,
    control,
    type: 'choice',
    value: { choices: [label] },
    score: Math.round(score * 1e6) / 1e6,
  });
  entry.labels.push(label);
  out.set(taskId, entry);
}

/**
 * Full recompute for a project: Dawid–Skene per single-choice control over every submitted and
 * accepted human label, consensus annotations (origin `consensus`) for every labelled task,
 * the per-control model the submit path reuses, and per-annotator statistics (agreement with
 * consensus, gold accuracy, confusion) with Wilson intervals.
 */
export async function recomputeQuality(
  ctx: AppContext,
  projectId: number,
  schema: LabelingSchema,
  schemaVersion: number,
): Promise<{ controls: number; tasks: number; labels: number }> {
  const repo = new QcRepository(ctx.store.db);
  const sources = await repo.humanLabels(projectId);
  const gold = new Map(
    (await repo.gold(projectId)).map((g) => [g.task_id, JSON.parse(g.regions) as unknown[]]),
  );
  const consensus: Consensus = new Map();
  const stats: { user_id: number; control: string; stats: AnnotatorControlStats }[] = [];
  let labelCount = 0;
  const controls = choiceControls(schema);
  for (const control of controls) {
    const triples = triplesOf(sources, control);
    if (triples.length === 0) continue;
    labelCount += triples.length;
    const named = buildLabelMatrix(
      triples.map((t) => ({ question: String(t.task), worker: String(t.worker), answer: t.label })),
      { classes: control.classes },
    );
    const res = dawidSkene(named.matrix);
    const k = control.classes.length;
    const consensusOf = new Map<number, number>();
    for (let i = 0; i < named.items.length; i++) {
      const c = res.labels[i]!;
      if (c < 0) continue;
      const task = Number(named.items[i]);
      consensusOf.set(task, c);
      addConsensus(consensus, task, control.name, control.classes[c]!, res.confidence[i]!);
    }
    const state: ControlState = {
      method: 'ds',
      classes: control.classes,
      workers: named.workers.map(Number),
      priors: Array.from(res.priors),
      confusion: named.workers.map((_, w) =>
        Array.from({ length: k }, (_, t) =>
          Array.from(res.confusion.subarray((w * k + t) * k, (w * k + t + 1) * k)),
        ),
      ),
      items: named.items.length,
      labels: triples.length,
      alpha: alphaOf(triples, control),
      computed_at: new Date().toISOString(),
    };
    await repo.setState(projectId, control.name, state);
    stats.push(...annotatorStats(triples, control, consensusOf, gold));
  }
  await repo.replaceConsensus(
    projectId,
    [...consensus].map(([task_id, e]) => ({
      task_id,
      regions: JSON.stringify(e.regions),
      labels: e.labels,
    })),
    schemaVersion,
  );
  await repo.replaceStats(projectId, stats);
  return { controls: controls.length, tasks: consensus.size, labels: labelCount };
}

/** Krippendorff's alpha (nominal) over the tasks with two or more labels. */
function alphaOf(triples: { task: number; label: string }[], control: ChoiceControl): Metric {
  const idx = new Map(control.classes.map((c, i) => [c, i]));
  const rows = new Map<number, number[]>();
  for (const t of triples) {
    const row = rows.get(t.task) ?? new Array<number>(control.classes.length).fill(0);
    row[idx.get(t.label)!]!++;
    rows.set(t.task, row);
  }
  const counts = [...rows.values()].filter((r) => r.reduce((a, b) => a + b, 0) >= 2);
  if (counts.length === 0)
    return { value: undefined, reason: 'no task has two or more labels yet' };
  return krippendorffAlphaFromCounts(counts, control.classes, 'nominal').alpha;
}

function annotatorStats(
  triples: { task: number; worker: number; label: string }[],
  control: ChoiceControl,
  consensusOf: Map<number, number>,
  gold: Map<number, unknown[]>,
): { user_id: number; control: string; stats: AnnotatorControlStats }[] {
  const k = control.classes.length;
  const idx = new Map(control.classes.map((c, i) => [c, i]));
  const by = new Map<
    number,
    { n: number; agree: number; judged: number; goldN: number; goldOk: number; conf: number[][] }
  >();
  for (const t of triples) {
    const s = by.get(t.worker) ?? {
      n: 0,
      agree: 0,
      judged: 0,
      goldN: 0,
      goldOk: 0,
      conf: Array.from({ length: k }, () => new Array<number>(k).fill(0)),
    };
    s.n++;
    const c = consensusOf.get(t.task);
    if (c !== undefined) {
      s.judged++;
      if (control.classes[c] === t.label) s.agree++;
      s.conf[c]![idx.get(t.label)!]!++;
    }
    const g = gold.get(t.task);
    const gl = g ? chosenClass(g as never, control.name) : undefined;
    if (gl !== undefined) {
      s.goldN++;
      if (gl === t.label) s.goldOk++;
    }
    by.set(t.worker, s);
  }
  return [...by].map(([user_id, s]) => ({
    user_id,
    control: control.name,
    stats: {
      labels: s.n,
      agreement_with_consensus: wilsonInterval(s.agree, s.judged),
      gold: wilsonInterval(s.goldOk, s.goldN),
      confusion_counts: s.conf,
    },
  }));
}

/**
 * The submit path: recomputes one task's consensus from its labels and the project's last
 * Dawid–Skene model (priors × each annotator's confusion row; an annotator the model has not
 * seen counts with the average confusion). Without a model yet it is a majority vote.
 */
export async function updateTaskConsensus(
  ctx: AppContext,
  projectId: number,
  taskId: number,
  schema: LabelingSchema,
  schemaVersion: number,
): Promise<void> {
  const repo = new QcRepository(ctx.store.db);
  const sources: (LabelSource & { parsed?: unknown[] })[] = await repo.humanLabels(
    projectId,
    taskId,
  );
  const consensus: Consensus = new Map();
  for (const control of choiceControls(schema)) {
    const triples = triplesOf(sources, control);
    if (triples.length === 0) continue;
    const saved = await repo.state(projectId, control.name);
    const state = saved ? (JSON.parse(saved.state) as ControlState) : undefined;
    const post = posteriorOf(
      triples,
      control,
      state?.classes.join('\u0000') === control.classes.join('\u0000') ? state : undefined,
    );
    let best = 0;
    for (let c = 1; c < post.length; c++) if (post[c]! > post[best]!) best = c;
    addConsensus(consensus, taskId, control.name, control.classes[best]!, post[best]!);
  }
  const entry = consensus.get(taskId);
  await repo.replaceConsensus(
    projectId,
    entry
      ? [{ task_id: taskId, regions: JSON.stringify(entry.regions), labels: entry.labels }]
      : [],
    schemaVersion,
  );
  if (!entry)
    await ctx.store.db
      .deleteFrom('annotations')
      .where('project_id', '=', projectId)
      .where('task_id', '=', taskId)
      .where('origin', '=', 'consensus')
      .execute();
}

/** P(true class | this task's labels): the Dawid–Skene E-step for one item. */
export function posteriorOf(
  triples: { worker: number; label: string }[],
  control: ChoiceControl,
  state: ControlState | undefined,
): number[] {
  const k = control.classes.length;
  const idx = new Map(control.classes.map((c, i) => [c, i]));
  if (!state) {
    const votes = new Array<number>(k).fill(0);
    for (const t of triples) votes[idx.get(t.label)!]!++;
    const total = triples.length;
    return votes.map((v) => v / total);
  }
  const widx = new Map(state.workers.map((w, i) => [w, i]));
  const mean = Array.from({ length: k }, (_, t) =>
    Array.from(
      { length: k },
      (_, l) =>
        state.confusion.reduce((s, m) => s + m[t]![l]!, 0) / Math.max(1, state.confusion.length),
    ),
  );
  const logp = state.priors.map((p) => Math.log(Math.max(p, 1e-12)));
  for (const tr of triples) {
    const w = widx.get(tr.worker);
    const conf = w === undefined ? mean : state.confusion[w]!;
    const l = idx.get(tr.label)!;
    for (let t = 0; t < k; t++) logp[t]! += Math.log(Math.max(conf[t]![l]!, 1e-12));
  }
  const max = Math.max(...logp);
  const e = logp.map((x) => Math.exp(x - max));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}
