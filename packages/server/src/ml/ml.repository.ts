import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { now } from '../store/db.ts';
import type { MlTables, ModelsTable } from '../store/models.schema.ts';
import type { Database, TaskStatus } from '../store/schema.ts';

type Db = Database & MlTables;

/** A stored model row. */
export type ModelRow = Selectable<ModelsTable>;

/** A task as models see it: id and parsed-later data text. */
export interface TaskData {
  id: number;
  data: string;
}

/** One human label source per task: its regions and the task's data. */
export interface LabeledTask {
  task_id: number;
  regions: string;
  data: string;
}

/** Open statuses: tasks a person may still label, so pre-labels and priorities matter. */
export const OPEN_STATUSES: TaskStatus[] = ['new', 'prelabeled', 'in_progress'];

/**
 * All SQL of pre-labeling: models, learning-curve points, experiments, and the reads and
 * writes of tasks, labels and predictions that jobs do in bulk. Until the tables are merged
 * into `Database`, it reaches them with `withTables`.
 *
 * @example
 * const repo = new MlRepository(ctx.store.db);
 * const models = await repo.models(projectId);
 */
export class MlRepository {
  private readonly db: Kysely<Db>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<MlTables>();
  }

  models(projectId: number) {
    return this.db
      .selectFrom('models')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();
  }

  model(projectId: number, id: number) {
    return this.db
      .selectFrom('models')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  modelByName(projectId: number, name: string) {
    return this.db
      .selectFrom('models')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  createModel(m: Omit<Insertable<ModelsTable>, 'created_at' | 'updated_at'>) {
    const ts = now();
    return this.db
      .insertInto('models')
      .values({ ...m, created_at: ts, updated_at: ts })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  updateModel(projectId: number, id: number, set: Updateable<ModelsTable>) {
    return this.db
      .updateTable('models')
      .set({ ...set, updated_at: now() })
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /** Saves what a training produced; bumps state_version so other processes reload. */
  saveTraining(id: number, t: { state: string | null; version: string; labels_trained: number }) {
    const ts = now();
    return this.db
      .updateTable('models')
      .set({
        ...t,
        state_version: sql<number>`state_version + 1`,
        trained_at: ts,
        updated_at: ts,
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Records the version a model server reported (setup or predict). `updated_at` and
   * `state_version` stay, so cached adapters are kept.
   */
  recordVersion(id: number, version: string) {
    return this.db
      .updateTable('models')
      .set({ version })
      .where('id', '=', id)
      .where('version', '!=', version)
      .execute();
  }

  deleteModel(projectId: number, id: number) {
    return this.db
      .deleteFrom('models')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  addMetric(p: {
    model_id: number;
    project_id: number;
    labels: number;
    accuracy: number;
    metric: string;
    eval_size: number;
    model_version: string;
  }) {
    return this.db
      .insertInto('model_metrics')
      .values({ ...p, at: now() })
      .execute();
  }

  curve(modelId: number) {
    return this.db
      .selectFrom('model_metrics')
      .select(['labels', 'accuracy', 'metric', 'eval_size', 'model_version', 'at'])
      .where('model_id', '=', modelId)
      .orderBy('id')
      .execute();
  }

  /** Tasks after `afterId` in id order: the whole project (open tasks) or the given ids. */
  tasksAfter(projectId: number, afterId: number, limit: number, ids?: readonly number[]) {
    let q = this.db
      .selectFrom('tasks')
      .select(['id', 'data'])
      .where('project_id', '=', projectId)
      .where('id', '>', afterId);
    q = ids
      ? q.where('id', 'in', ids.length ? [...ids] : [-1])
      : q.where('status', 'in', OPEN_STATUSES);
    return q.orderBy('id').limit(limit).execute() as Promise<TaskData[]>;
  }

  async countTasks(projectId: number, ids?: readonly number[]): Promise<number> {
    let q = this.db
      .selectFrom('tasks')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId);
    q = ids
      ? q.where('id', 'in', ids.length ? [...ids] : [-1])
      : q.where('status', 'in', OPEN_STATUSES);
    return Number((await q.executeTakeFirst())?.n ?? 0);
  }

  /**
   * Replaces this model's predictions of these tasks (a re-run or a resumed job never
   * duplicates them), keeps `prediction_count` exact and marks new tasks pre-labeled: one
   * transaction per batch.
   */
  async replacePredictions(
    projectId: number,
    model: string,
    rows: { task_id: number; model_version: string; score: number | null; regions: string }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.task_id);
    const ts = now();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('predictions')
        .where('project_id', '=', projectId)
        .where('model', '=', model)
        .where('task_id', 'in', ids)
        .execute();
      await tx
        .insertInto('predictions')
        .values(rows.map((r) => ({ ...r, project_id: projectId, model, created_at: ts })))
        .execute();
      await tx
        .updateTable('tasks')
        .set({
          prediction_count: sql<number>`(SELECT count(*) FROM predictions p WHERE p.task_id = tasks.id)`,
          updated_at: ts,
        })
        .where('project_id', '=', projectId)
        .where('id', 'in', ids)
        .execute();
      await tx
        .updateTable('tasks')
        .set({ status: 'prelabeled' })
        .where('project_id', '=', projectId)
        .where('id', 'in', ids)
        .where('status', '=', 'new')
        .execute();
    });
  }

  /** Sets queue priorities in one statement (a CASE over the ids). */
  async setPriorities(projectId: number, items: { id: number; priority: number }[]): Promise<void> {
    if (items.length === 0) return;
    const cases = sql.join(
      // Never below 0: the queue reads priority > 0 from a partial index, then the rest by id.
      items.map((i) => sql`WHEN ${i.id} THEN ${Math.max(0, Math.round(i.priority))}`),
      sql` `,
    );
    await this.db
      .updateTable('tasks')
      .set({ priority: sql<number>`CASE id ${cases} ELSE priority END` })
      .where('project_id', '=', projectId)
      .where(
        'id',
        'in',
        items.map((i) => i.id),
      )
      .execute();
  }

  /**
   * One label per task: the newest accepted human annotation, else (when `withSubmitted`) the
   * newest submitted one; with the task's data.
   */
  async labeledTasks(projectId: number, withSubmitted: boolean): Promise<LabeledTask[]> {
    const rows = await this.db
      .selectFrom('annotations as a')
      .innerJoin('tasks as t', 't.id', 'a.task_id')
      .select(['a.task_id', 'a.regions', 'a.status', 't.data'])
      .where('a.project_id', '=', projectId)
      .where('a.origin', '=', 'human')
      .where('a.status', 'in', withSubmitted ? ['accepted', 'submitted'] : ['accepted'])
      .orderBy('a.task_id')
      .orderBy('a.updated_at')
      .orderBy('a.id')
      .execute();
    const best = new Map<number, (typeof rows)[number]>();
    for (const r of rows) {
      const cur = best.get(r.task_id);
      if (!cur || r.status === 'accepted' || cur.status !== 'accepted') best.set(r.task_id, r);
    }
    return [...best.values()].map((r) => ({
      task_id: r.task_id,
      regions: r.regions,
      data: r.data,
    }));
  }

  /** How many tasks have a label that trains (the automatic-retrain trigger counts these). */
  async countLabeled(projectId: number, withSubmitted: boolean): Promise<number> {
    const row = await this.db
      .selectFrom('annotations')
      .select(sql<number>`count(DISTINCT task_id)`.as('n'))
      .where('project_id', '=', projectId)
      .where('origin', '=', 'human')
      .where('status', 'in', withSubmitted ? ['accepted', 'submitted'] : ['accepted'])
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Gold answers with their tasks' data. */
  gold(projectId: number): Promise<LabeledTask[]> {
    return this.db
      .selectFrom('gold_answers as g')
      .innerJoin('tasks as t', 't.id', 'g.task_id')
      .select(['g.task_id', 'g.regions', 't.data'])
      .where('g.project_id', '=', projectId)
      .orderBy('g.task_id')
      .execute();
  }

  /** Human annotations (submitted or accepted) with their lead time, for A/B reports. */
  humanAnnotations(projectId: number) {
    return this.db
      .selectFrom('annotations')
      .select(['task_id', 'regions', 'lead_time_ms', 'status'])
      .where('project_id', '=', projectId)
      .where('origin', '=', 'human')
      .where('status', 'in', ['submitted', 'accepted'])
      .orderBy('id')
      .execute();
  }

  /** Regions of these tasks from human annotations first, else from predictions (newest first). */
  async regionSources(projectId: number, taskIds: readonly number[]) {
    if (taskIds.length === 0) return { human: [], predicted: [] };
    const human = await this.db
      .selectFrom('annotations')
      .select(['task_id', 'regions'])
      .where('project_id', '=', projectId)
      .where('task_id', 'in', [...taskIds])
      .where('origin', '=', 'human')
      .where('status', 'in', ['submitted', 'accepted'])
      .orderBy('id', 'desc')
      .execute();
    const predicted = await this.db
      .selectFrom('predictions')
      .select(['task_id', 'regions'])
      .where('project_id', '=', projectId)
      .where('task_id', 'in', [...taskIds])
      .orderBy('id', 'desc')
      .execute();
    return { human, predicted };
  }

  experiments(projectId: number) {
    return this.db
      .selectFrom('experiments')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();
  }

  experiment(projectId: number, id: number) {
    return this.db
      .selectFrom('experiments')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  createExperiment(e: Omit<Insertable<MlTables['experiments']>, 'created_at'>) {
    return this.db
      .insertInto('experiments')
      .values({ ...e, created_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  stopExperiment(projectId: number, id: number) {
    return this.db
      .updateTable('experiments')
      .set({ status: 'stopped', stopped_at: now() })
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
  }

  setCheckpoint(jobId: number, checkpoint: unknown) {
    return this.db
      .updateTable('jobs')
      .set({ checkpoint: JSON.stringify(checkpoint) })
      .where('id', '=', jobId)
      .execute();
  }

  /** Whether a retrain of this model is already waiting or running (no second one is queued). */
  async retrainPending(projectId: number, modelId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('project_id', '=', projectId)
      .where('kind', '=', 'ml.retrain')
      .where('status', 'in', ['queued', 'running'])
      .where('params', '=', JSON.stringify({ model_id: modelId }))
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Puts a cancelled or failed job back in the queue; its checkpoint is kept. */
  requeue(projectId: number, jobId: number, kinds: string[]) {
    return this.db
      .updateTable('jobs')
      .set({
        status: 'queued',
        error: null,
        locked_by: null,
        locked_until: null,
        updated_at: now(),
      })
      .where('project_id', '=', projectId)
      .where('id', '=', jobId)
      .where('kind', 'in', kinds)
      .where('status', 'in', ['cancelled', 'failed'])
      .executeTakeFirst();
  }
}
