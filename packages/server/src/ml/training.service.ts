import { parseLabelingSchema, type LabelingSchema, type Region } from '@tessera/core/format';
import { assignArm, spanPrf, type AdapterExample, type LabeledSpan } from '@tessera/core/learn';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { ONLINE_KINDS } from './model-settings.ts';
import type { LabeledTask, ModelRow } from './ml.repository.ts';
import { parsedSettings, registryOf } from './model-registry.ts';
import { OnlineTextAdapter } from './adapters/online-text.ts';
import type { MlAdapter } from './types.ts';

/** Below this many gold answers for the model's control, held-out labels measure it instead. */
const MIN_GOLD = 5;

/** What a training did; `accuracy` is undefined (with a reason) when nothing was held out. */
export interface TrainResult {
  model_id: number;
  version: string;
  labels: number;
  eval_size: number;
  metric: 'accuracy' | 'span_f1';
  accuracy: number | undefined;
  reason?: string;
}

/** Kinds whose adapters have `fit` (the external server trains on its side via /train). */
export const TRAINABLE_KINDS = [...ONLINE_KINDS, 'ls-ml-backend'];

/** A label parsed once: the example a learner sees. */
const toExample = (l: LabeledTask): AdapterExample => ({
  task: { id: l.task_id, data: JSON.parse(l.data) as Record<string, unknown> },
  regions: JSON.parse(l.regions) as Region[],
});

const hasControl = (e: AdapterExample, control: string) =>
  e.regions.some((r) => r.control === control);

/**
 * Retrains a model from the project's human labels (accepted, plus submitted when the model's
 * `train_on` says so; one label per task, accepted first) and records a learning-curve point.
 * Held out for the curve: the gold answers of the model's control when there are at least 5,
 * otherwise a fixed `holdout` share of labeled tasks (a hash of model and task id, so the same
 * tasks stay out across retrains). Online learners are fitted from scratch and their state
 * saved; an external server receives the labels on `/train`.
 *
 * @example
 * const r = await trainModel(ctx, projectId, modelId);
 * r.accuracy; // e.g. 0.93 on r.eval_size held-out tasks after r.labels labels
 */
export async function trainModel(
  ctx: AppContext,
  projectId: number,
  modelId: number,
): Promise<TrainResult> {
  const reg = registryOf(ctx);
  const row = await reg.repo.model(projectId, modelId);
  if (!row) throw new AppError(404, 'not_found', 'Model was not found.');
  if (!TRAINABLE_KINDS.includes(row.kind))
    throw new AppError(409, 'not_trainable', `A ${row.kind} model does not train on labels.`);
  const project = (await ctx.projects.byId(projectId))!;
  const schema = schemaOf(project.schema);
  const settings = parsedSettings(row);
  const control = (JSON.parse(row.controls) as string[])[0]!;
  const labeled = await reg.repo.labeledTasks(
    projectId,
    settings.train_on === 'accepted+submitted',
  );
  // Parsed once: the filters below and the learner share the examples.
  const gold = (await reg.repo.gold(projectId))
    .map(toExample)
    .filter((g) => hasControl(g, control));
  // Only models measured here hold labels out; a model server gets every label.
  const measured = ONLINE_KINDS.includes(row.kind);
  const useGold = measured && gold.length >= MIN_GOLD;
  const goldIds = new Set(gold.map((g) => g.task.id));
  const heldOut = (id: number) =>
    !measured
      ? false
      : useGold
        ? goldIds.has(id)
        : assignArm(id, `holdout:${row.id}`, settings.holdout) === 'B';
  const train: AdapterExample[] = [];
  const heldOutSet: AdapterExample[] = [];
  for (const l of labeled) {
    const out = heldOut(l.task_id);
    // Held-out labels are only parsed when they will be measured on.
    if (out && useGold) continue;
    const e = toExample(l);
    if (hasControl(e, control)) (out ? heldOutSet : train).push(e);
  }
  const evalSet = useGold ? gold : heldOutSet;

  // The text classifier refits from scratch: restoring its saved state (megabytes of JSON)
  // first would be wasted work; only the version numbering carries over.
  const fresh = row.kind === 'text-classifier';
  const adapter = await reg.build(fresh ? { ...row, state: null } : row, settings, schema);
  if (adapter instanceof OnlineTextAdapter) adapter.continueVersion(row.version);
  const metric =
    schema.controls.find((c) => c.name === control)?.type === 'spans' ? 'span_f1' : 'accuracy';
  const base = {
    model_id: row.id,
    labels: train.length,
    eval_size: evalSet.length,
    metric,
  } as const;
  if (train.length === 0)
    return {
      ...base,
      version: row.version,
      accuracy: undefined,
      reason: 'no labels to train on yet',
    };
  await adapter.fit!(train);
  const accuracy = measured ? await evaluate(adapter, control, evalSet, metric) : undefined;
  await reg.repo.saveTraining(row.id, {
    state: adapter.saveState?.() ?? row.state,
    version: adapter.version,
    labels_trained: labeled.length,
  });
  reg.invalidate(row.id);
  if (accuracy !== undefined)
    await reg.repo.addMetric({
      ...base,
      project_id: projectId,
      accuracy,
      model_version: adapter.version,
    });
  return {
    ...base,
    version: adapter.version,
    accuracy,
    ...(accuracy === undefined
      ? { reason: evalSet.length === 0 ? 'no held-out labels yet' : 'measured by the model server' }
      : {}),
  };
}

/**
 * Accuracy of a model on held-out labels: the share of tasks whose predicted choice equals the
 * label (choices), or span F1 (spans). Undefined when there is nothing to measure.
 *
 * @example
 * await evaluate(adapter, 'sentiment', heldOut, 'accuracy'); // 0.91
 */
export async function evaluate(
  adapter: MlAdapter,
  control: string,
  examples: readonly AdapterExample[],
  metric: 'accuracy' | 'span_f1',
): Promise<number | undefined> {
  if (examples.length === 0) return undefined;
  const preds = await adapter.predict(examples.map((e) => e.task));
  if (metric === 'span_f1') {
    const spans = (rs: readonly Region[]): LabeledSpan[] =>
      rs.flatMap((r) =>
        r.control === control && r.type === 'span'
          ? r.value.labels.map((label) => ({ start: r.value.start, end: r.value.end, label }))
          : [],
      );
    const f1 = spanPrf(
      examples.map((e) => spans(e.regions)),
      preds.map((p) => spans(p.regions)),
    ).overall.f1;
    return f1.value;
  }
  let right = 0;
  examples.forEach((e, i) => {
    if (sameChoice(e.regions, preds[i]?.regions ?? [], control)) right++;
  });
  return right / examples.length;
}

/** Whether two region lists choose the same labels for a choices control. */
export function sameChoice(a: readonly Region[], b: readonly Region[], control: string): boolean {
  const pick = (rs: readonly Region[]) =>
    rs
      .flatMap((r) => (r.control === control && r.type === 'choice' ? r.value.choices : []))
      .sort()
      .join('\u0000');
  const x = pick(a);
  return x !== '' && x === pick(b);
}

function schemaOf(text: string): LabelingSchema {
  const s = parseLabelingSchema(JSON.parse(text));
  if (!s.ok) throw new Error('the project schema is invalid');
  return s.value;
}

/**
 * The hook for "labels arrived": call it after a review accepts (or fixes) an annotation and
 * after a submit. For each active model that trains, when the project has gained at least
 * `retrain_every` labels since the model's last training and no retrain is already waiting, it
 * queues an `ml.retrain` job. Cheap (one count per model) and never throws: a failure is
 * logged and the caller's request goes on.
 *
 * @example
 * await reviewAnnotation(...); await onLabelsAccepted(ctx, projectId);
 */
export async function onLabelsAccepted(ctx: AppContext, projectId: number): Promise<void> {
  try {
    const reg = registryOf(ctx);
    const models = await reg.repo.models(projectId);
    for (const m of models) await maybeQueueRetrain(ctx, m);
  } catch (err) {
    ctx.log?.error({ err, project: projectId }, 'automatic retrain check failed');
  }
}

async function maybeQueueRetrain(ctx: AppContext, m: ModelRow): Promise<void> {
  if (!m.active || !TRAINABLE_KINDS.includes(m.kind)) return;
  const s = parsedSettings(m);
  if (s.retrain_every <= 0 || ('train' in s && !s.train)) return;
  const repo = registryOf(ctx).repo;
  const n = await repo.countLabeled(m.project_id, s.train_on === 'accepted+submitted');
  if (n - m.labels_trained < s.retrain_every) return;
  if (await repo.retrainPending(m.project_id, m.id)) return;
  await ctx.jobs.enqueue({
    project_id: m.project_id,
    kind: 'ml.retrain',
    params: { model_id: m.id },
    created_by: null,
  });
  ctx.pokeJobs();
}
