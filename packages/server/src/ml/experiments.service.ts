import { parseLabelingSchema, type LabelingSchema, type Region } from '@tessera/core/format';
import { abAccuracy, assignArm, type AbOutcome, type Arm } from '@tessera/core/learn';
import type { AppContext } from '../context.ts';
import type { ExperimentsTable } from '../store/models.schema.ts';
import type { Selectable } from 'kysely';
import { OnlineSpanAdapter } from './adapters/online-spans.ts';
import { OnlineTextAdapter } from './adapters/online-text.ts';
import type { LabeledTask } from './ml.repository.ts';
import { registryOf } from './model-registry.ts';
import { SETTINGS_SCHEMAS } from './model-settings.ts';
import type { MlAdapter } from './types.ts';

/** A stored experiment. */
export type ExperimentRow = Selectable<ExperimentsTable>;

/** A mean with its 95 % interval, or undefined with the reason. */
export type MeanInterval =
  | { value: number; lower: number; upper: number; n: number; reason?: undefined }
  | { value: undefined; lower: undefined; upper: undefined; n: number; reason: string };

const Z95 = 1.959964;

/**
 * Mean of `xs` with a normal-approximation 95 % interval (mean ± 1.96·s/√n); undefined with a
 * reason below two values.
 *
 * @example
 * meanInterval([1000, 1200, 900]).value; // 1033.3
 */
export function meanInterval(xs: readonly number[]): MeanInterval {
  const n = xs.length;
  if (n < 2)
    return {
      value: undefined,
      lower: undefined,
      upper: undefined,
      n,
      reason: `${n} value(s); need at least 2`,
    };
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
  const h = Z95 * Math.sqrt(v / n);
  return { value: m, lower: m - h, upper: m + h, n };
}

/** B − A of two means with a Welch (unequal variance) normal interval. */
function meanDifference(a: readonly number[], b: readonly number[]) {
  const A = meanInterval(a);
  const B = meanInterval(b);
  if (A.value === undefined || B.value === undefined)
    return { value: undefined, lower: undefined, upper: undefined, reason: A.reason ?? B.reason };
  const se = Math.hypot((A.upper - A.value) / Z95, (B.upper - B.value) / Z95);
  const d = B.value - A.value;
  return { value: d, lower: d - Z95 * se, upper: d + Z95 * se };
}

/** The regions of one control, compared without ids, scores and span texts. */
function canon(rs: readonly Region[], control: string): string {
  return rs
    .filter((r) => r.control === control)
    .map((r) => {
      const v = { ...(r.value as Record<string, unknown>) };
      delete v.text;
      if (Array.isArray(v.choices)) v.choices = [...(v.choices as string[])].sort();
      return JSON.stringify([
        r.type,
        Object.keys(v)
          .sort()
          .map((k) => [k, v[k]]),
      ]);
    })
    .sort()
    .join('\n');
}

/**
 * Whether a labeling agrees with gold on `control`: the same regions (type and value, ignoring
 * region ids, scores and span texts).
 *
 * @example
 * agreesWithGold(annotation.regions, gold.regions, 'sentiment'); // true
 */
export function agreesWithGold(
  a: readonly Region[],
  gold: readonly Region[],
  control: string,
): boolean {
  const g = canon(gold, control);
  return g !== '' && canon(a, control) === g;
}

/**
 * The A/B report of an experiment. Arms come from `assignArm(task id, seed, share_b)`.
 * - `gold_accuracy`: human annotations on gold tasks that agree with gold, per arm (Wilson
 *   intervals) and B − A (Newcombe);
 * - `time_per_task_ms`: `annotations.lead_time_ms` per arm, mean with a 95 % interval, and
 *   B − A (Welch);
 * - `model_accuracy`: downstream model quality — a fresh online learner (text classifier or
 *   span tagger, by the control's type) trained on each arm's labels alone, the larger arm
 *   cut to the smaller one's size (first tasks by id), scored on the gold tasks (exact
 *   agreement), with the same intervals. Both models face the same gold tasks, so the
 *   unpaired interval is conservative.
 *
 * @example
 * const r = await experimentReport(ctx, projectId, exp);
 * r.gold_accuracy.difference.value; // B − A
 */
export async function experimentReport(ctx: AppContext, projectId: number, exp: ExperimentRow) {
  const reg = registryOf(ctx);
  const project = (await ctx.projects.byId(projectId))!;
  const parsed = parseLabelingSchema(JSON.parse(project.schema));
  if (!parsed.ok) throw new Error('the project schema is invalid');
  const arm = (id: number): Arm => assignArm(id, exp.seed, exp.share_b);
  const gold = (await reg.repo.gold(projectId)).filter(
    (g) => canon(JSON.parse(g.regions), exp.control) !== '',
  );
  const goldBy = new Map(gold.map((g) => [g.task_id, JSON.parse(g.regions) as Region[]]));
  const anns = await reg.repo.humanAnnotations(projectId);
  const outcomes: AbOutcome[] = [];
  const times: Record<Arm, number[]> = { A: [], B: [] };
  const tasks: Record<Arm, Set<number>> = { A: new Set(), B: new Set() };
  for (const a of anns) {
    const x = arm(a.task_id);
    tasks[x].add(a.task_id);
    if (a.lead_time_ms !== null) times[x].push(a.lead_time_ms);
    const g = goldBy.get(a.task_id);
    if (g)
      outcomes.push({ arm: x, correct: agreesWithGold(JSON.parse(a.regions), g, exp.control) });
  }
  return {
    experiment: presentExperiment(exp),
    arms: { A: { tasks: tasks.A.size }, B: { tasks: tasks.B.size } },
    gold_accuracy: { ...abAccuracy(outcomes), judged: outcomes.length },
    time_per_task_ms: {
      A: meanInterval(times.A),
      B: meanInterval(times.B),
      difference: meanDifference(times.A, times.B),
    },
    model_accuracy: await downstream(ctx, projectId, parsed.value, exp, arm, gold),
  };
}

async function downstream(
  ctx: AppContext,
  projectId: number,
  schema: LabelingSchema,
  exp: ExperimentRow,
  arm: (id: number) => Arm,
  gold: LabeledTask[],
) {
  if (gold.length === 0) return { reason: `no gold answers for control "${exp.control}"` };
  const goldIds = new Set(gold.map((g) => g.task_id));
  const labeled = (await registryOf(ctx).repo.labeledTasks(projectId, true)).filter(
    (l) => !goldIds.has(l.task_id) && canon(JSON.parse(l.regions), exp.control) !== '',
  );
  const byArm = {
    A: labeled.filter((l) => arm(l.task_id) === 'A'),
    B: labeled.filter((l) => arm(l.task_id) === 'B'),
  };
  const n = Math.min(byArm.A.length, byArm.B.length);
  if (n === 0) return { reason: 'an arm has no labels to train a model on' };
  const outcomes: AbOutcome[] = [];
  for (const x of ['A', 'B'] as const) {
    const adapter = freshLearner(schema, exp.control);
    if (typeof adapter === 'string') return { reason: adapter };
    await adapter.fit!(byArm[x].slice(0, n).map(toExample));
    const preds = await adapter.predict(gold.map((g) => toExample(g).task));
    gold.forEach((g, i) =>
      outcomes.push({
        arm: x,
        correct: agreesWithGold(preds[i]?.regions ?? [], JSON.parse(g.regions), exp.control),
      }),
    );
  }
  return { ...abAccuracy(outcomes), labels_per_arm: n, eval_size: gold.length };
}

function freshLearner(schema: LabelingSchema, control: string): MlAdapter | string {
  const type = schema.controls.find((c) => c.name === control)?.type;
  try {
    if (type === 'choices')
      return OnlineTextAdapter.load(
        'ab',
        schema,
        control,
        SETTINGS_SCHEMAS['text-classifier'].parse({}),
        null,
      );
    if (type === 'spans')
      return OnlineSpanAdapter.load(
        'ab',
        schema,
        control,
        SETTINGS_SCHEMAS['span-tagger'].parse({}),
        null,
      );
  } catch (err) {
    return `no online learner for control "${control}": ${(err as Error).message}`;
  }
  return `no online learner for a ${type ?? 'missing'} control`;
}

const toExample = (l: LabeledTask) => ({
  task: { id: l.task_id, data: JSON.parse(l.data) as Record<string, unknown> },
  regions: JSON.parse(l.regions) as Region[],
});

/**
 * An experiment as the API shows it.
 *
 * @example
 * presentExperiment(row); // { id, name, kind, seed, share_b, model_id, control, status, … }
 */
export function presentExperiment(e: ExperimentRow) {
  return {
    id: e.id,
    name: e.name,
    kind: e.kind,
    seed: e.seed,
    share_b: e.share_b,
    model_id: e.model_id,
    control: e.control,
    status: e.status,
    arms:
      e.kind === 'prelabel'
        ? { A: 'without pre-labels', B: 'with pre-labels' }
        : { A: 'random order', B: 'active-learning order' },
    created_at: e.created_at,
    stopped_at: e.stopped_at,
  };
}
