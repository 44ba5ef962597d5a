import type { Kysely } from 'kysely';
import { now } from './db.ts';
import type { Database } from './schema.ts';

/** A human label source: one submitted or accepted annotation. */
export interface LabelSource {
  task_id: number;
  created_by: number;
  regions: string;
}

/** Everything quality control reads and writes: labels, consensus, state, stats, gold, findings, samples. */
export class QcRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Submitted and accepted human annotations of a project (or one task), by task. */
  humanLabels(projectId: number, taskId?: number): Promise<LabelSource[]> {
    let q = this.db
      .selectFrom('annotations')
      .select(['task_id', 'created_by', 'regions'])
      .where('project_id', '=', projectId)
      .where('origin', '=', 'human')
      .where('status', 'in', ['submitted', 'accepted'])
      .where('created_by', 'is not', null);
    if (taskId !== undefined) q = q.where('task_id', '=', taskId);
    return q.orderBy('task_id').execute() as Promise<LabelSource[]>;
  }

  /** Human labels with the time they were last saved, oldest first (agreement over time). */
  timedLabels(projectId: number) {
    return this.db
      .selectFrom('annotations')
      .select(['task_id', 'created_by', 'regions', 'updated_at'])
      .where('project_id', '=', projectId)
      .where('origin', '=', 'human')
      .where('status', 'in', ['submitted', 'accepted'])
      .where('created_by', 'is not', null)
      .orderBy('updated_at')
      .execute();
  }

  /** Replaces the consensus annotations of these tasks, in chunks of one transaction each. */
  async replaceConsensus(
    projectId: number,
    entries: { task_id: number; regions: string; labels: string[] }[],
    schemaVersion: number,
  ) {
    for (let i = 0; i < entries.length; i += 1000) {
      const chunk = entries.slice(i, i + 1000);
      await this.db.transaction().execute(async (tx) => {
        const ids = chunk.map((e) => e.task_id);
        await tx
          .deleteFrom('annotations')
          .where('project_id', '=', projectId)
          .where('origin', '=', 'consensus')
          .where('task_id', 'in', ids)
          .execute();
        const ts = now();
        const rows = await tx
          .insertInto('annotations')
          .values(
            chunk.map((e) => ({
              project_id: projectId,
              task_id: e.task_id,
              created_by: null,
              origin: 'consensus' as const,
              status: 'submitted' as const,
              regions: e.regions,
              version: 1,
              lead_time_ms: null,
              schema_version: schemaVersion,
              guideline_version: null,
              idempotency_key: null,
              created_at: ts,
              updated_at: ts,
            })),
          )
          .returning(['id', 'task_id'])
          .execute();
        const byTask = new Map(chunk.map((e) => [e.task_id, e.labels]));
        const labelRows = rows.flatMap((r) =>
          (byTask.get(r.task_id) ?? []).map((label) => ({
            project_id: projectId,
            task_id: r.task_id,
            annotation_id: r.id,
            label,
          })),
        );
        for (let j = 0; j < labelRows.length; j += 2000)
          await tx
            .insertInto('annotation_labels')
            .values(labelRows.slice(j, j + 2000))
            .execute();
      });
    }
  }

  consensusOf(projectId: number, taskId: number) {
    return this.db
      .selectFrom('annotations')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('task_id', '=', taskId)
      .where('origin', '=', 'consensus')
      .executeTakeFirst();
  }

  state(projectId: number, control: string) {
    return this.db
      .selectFrom('qc_state')
      .select(['state', 'updated_at'])
      .where('project_id', '=', projectId)
      .where('control', '=', control)
      .executeTakeFirst();
  }

  states(projectId: number) {
    return this.db
      .selectFrom('qc_state')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('control')
      .execute();
  }

  async setState(projectId: number, control: string, state: unknown) {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('qc_state')
        .where('project_id', '=', projectId)
        .where('control', '=', control)
        .execute();
      await tx
        .insertInto('qc_state')
        .values({ project_id: projectId, control, state: JSON.stringify(state), updated_at: now() })
        .execute();
    });
  }

  async replaceStats(
    projectId: number,
    rows: { user_id: number; control: string; stats: unknown }[],
  ) {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('annotator_stats').where('project_id', '=', projectId).execute();
      const ts = now();
      for (let i = 0; i < rows.length; i += 500) {
        await tx
          .insertInto('annotator_stats')
          .values(
            rows.slice(i, i + 500).map((r) => ({
              project_id: projectId,
              user_id: r.user_id,
              control: r.control,
              stats: JSON.stringify(r.stats),
              updated_at: ts,
            })),
          )
          .execute();
      }
    });
  }

  stats(projectId: number) {
    return this.db
      .selectFrom('annotator_stats as s')
      .leftJoin('users as u', 'u.id', 's.user_id')
      .leftJoin('project_members as m', (j) =>
        j.onRef('m.project_id', '=', 's.project_id').onRef('m.user_id', '=', 's.user_id'),
      )
      .select([
        's.user_id',
        'u.username',
        'm.role',
        'm.group_name',
        's.control',
        's.stats',
        's.updated_at',
      ])
      .where('s.project_id', '=', projectId)
      .orderBy('s.control')
      .orderBy('s.user_id')
      .execute();
  }

  setGold(projectId: number, taskId: number, regions: string, userId: number) {
    return this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('gold_answers').where('task_id', '=', taskId).execute();
      await tx
        .insertInto('gold_answers')
        .values({
          project_id: projectId,
          task_id: taskId,
          regions,
          created_by: userId,
          created_at: now(),
        })
        .execute();
    });
  }

  deleteGold(projectId: number, taskId: number) {
    return this.db
      .deleteFrom('gold_answers')
      .where('project_id', '=', projectId)
      .where('task_id', '=', taskId)
      .executeTakeFirst();
  }

  gold(projectId: number) {
    return this.db
      .selectFrom('gold_answers')
      .select(['task_id', 'regions'])
      .where('project_id', '=', projectId)
      .execute();
  }

  addFindings(
    rows: {
      project_id: number;
      task_id: number;
      annotation_id: number | null;
      rule: string;
      severity: 'block' | 'warn';
      message: string;
      path: string | null;
    }[],
  ) {
    if (rows.length === 0) return Promise.resolve();
    const ts = now();
    return this.db
      .insertInto('qc_findings')
      .values(rows.map((r) => ({ ...r, created_at: ts })))
      .execute()
      .then(() => undefined);
  }

  findings(
    projectId: number,
    f: {
      severity?: string | undefined;
      rule?: string | undefined;
      before?: number | undefined;
      limit: number;
    },
  ) {
    let q = this.db
      .selectFrom('qc_findings')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('id', 'desc')
      .limit(f.limit);
    if (f.severity) q = q.where('severity', '=', f.severity as 'block' | 'warn');
    if (f.rule) q = q.where('rule', '=', f.rule);
    if (f.before !== undefined) q = q.where('id', '<', f.before);
    return q.execute();
  }

  findingCounts(projectId: number) {
    return this.db
      .selectFrom('qc_findings')
      .select(['rule', 'severity', (e) => e.fn.countAll<number>().as('n')])
      .where('project_id', '=', projectId)
      .groupBy(['rule', 'severity'])
      .execute();
  }

  /** Task ids of a project in id order, optionally by status: the batch a sample is drawn from. */
  taskIds(projectId: number, status?: string) {
    let q = this.db.selectFrom('tasks').select('id').where('project_id', '=', projectId);
    if (status) q = q.where('status', '=', status as 'accepted');
    return q
      .orderBy('id')
      .execute()
      .then((r) => r.map((x) => x.id));
  }

  createSample(
    s: {
      project_id: number;
      plan: string;
      seed: number;
      batch_size: number;
      status_filter: string | null;
      created_by: number;
    },
    taskIds: number[],
  ) {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('qc_samples')
        .values({ ...s, created_at: now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      for (let i = 0; i < taskIds.length; i += 2000) {
        await tx
          .insertInto('qc_sample_items')
          .values(
            taskIds.slice(i, i + 2000).map((task_id) => ({
              sample_id: row.id,
              task_id,
              verdict: null,
              note: null,
              judged_by: null,
              judged_at: null,
            })),
          )
          .execute();
      }
      return row;
    });
  }

  sample(projectId: number, id: number) {
    return this.db
      .selectFrom('qc_samples')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  sampleItems(sampleId: number) {
    return this.db
      .selectFrom('qc_sample_items')
      .selectAll()
      .where('sample_id', '=', sampleId)
      .orderBy('task_id')
      .execute();
  }

  judge(
    sampleId: number,
    taskId: number,
    verdict: 'pass' | 'fail',
    note: string | null,
    userId: number,
  ) {
    return this.db
      .updateTable('qc_sample_items')
      .set({ verdict, note, judged_by: userId, judged_at: now() })
      .where('sample_id', '=', sampleId)
      .where('task_id', '=', taskId)
      .executeTakeFirst();
  }
}
