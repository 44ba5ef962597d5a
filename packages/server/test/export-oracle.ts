import type { Task } from '@tessera/core/format';
import type { Store } from '../src/store/db.ts';

/**
 * The reference for the export pages the database writes (src/store/export.repository.ts): a
 * project's rows read plainly through Kysely, and the interchange format built from them in
 * JavaScript, as docs/FORMAT.md describes it. Slow and simple on purpose.
 */
export async function exportOracle(
  store: Store,
  projectId: number,
): Promise<{ jsonl: string; tasks: Task[] }> {
  const tasks = await store.db
    .selectFrom('tasks')
    .select(['id', 'data', 'meta', 'provenance'])
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
  const annotations = await store.db
    .selectFrom('annotations')
    .select([
      'id',
      'task_id',
      'created_by',
      'origin',
      'status',
      'regions',
      'lead_time_ms',
      'created_at',
    ])
    .where('project_id', '=', projectId)
    .where('status', '!=', 'draft')
    .orderBy('id')
    .execute();
  const predictions = await store.db
    .selectFrom('predictions')
    .select(['id', 'task_id', 'model', 'model_version', 'score', 'regions'])
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
  const byTask = <T extends { task_id: number }>(rows: T[]) => {
    const m = new Map<number, T[]>();
    for (const r of rows) m.set(Number(r.task_id), [...(m.get(Number(r.task_id)) ?? []), r]);
    return m;
  };
  const anns = byTask(annotations);
  const preds = byTask(predictions);
  let jsonl = '';
  const out: Task[] = [];
  for (const t of tasks) {
    const id = Number(t.id);
    const a = anns.get(id);
    const p = preds.get(id);
    jsonl += `{"id":${id},"data":${t.data}`;
    if (t.meta) jsonl += `,"meta":${t.meta}`;
    if (t.provenance) jsonl += `,"provenance":${t.provenance}`;
    if (a)
      jsonl += `,"annotations":[${a
        .map(
          (x) =>
            `{"id":${x.id}${x.created_by === null ? '' : `,"annotator":"${x.created_by}"`},"origin":"${x.origin}","status":"${x.status}"${x.lead_time_ms === null ? '' : `,"lead_time_ms":${x.lead_time_ms}`},"created_at":"${x.created_at}","regions":${x.regions}}`,
        )
        .join(',')}]`;
    if (p)
      jsonl += `,"predictions":[${p
        .map(
          (x) =>
            `{"id":${x.id},"model":${JSON.stringify(x.model)},"model_version":${JSON.stringify(x.model_version)}${x.score === null ? '' : `,"score":${x.score}`},"regions":${x.regions}}`,
        )
        .join(',')}]`;
    jsonl += '}\n';

    const task: Task = { id, data: JSON.parse(t.data) as Record<string, unknown> };
    if (t.meta) task.meta = JSON.parse(t.meta) as Record<string, unknown>;
    if (t.provenance) task.provenance = JSON.parse(t.provenance) as Task['provenance'];
    if (a)
      task.annotations = a.map((x) => ({
        id: Number(x.id),
        regions: JSON.parse(x.regions) as never,
        origin: x.origin as 'human',
        status: x.status as 'submitted',
        ...(x.created_by === null ? {} : { annotator: String(x.created_by) }),
        ...(x.lead_time_ms === null ? {} : { lead_time_ms: x.lead_time_ms }),
      }));
    if (p)
      task.predictions = p.map((x) => ({
        id: Number(x.id),
        model: x.model,
        model_version: x.model_version,
        regions: JSON.parse(x.regions) as never,
        ...(x.score === null ? {} : { score: x.score }),
      }));
    out.push(task);
  }
  return { jsonl, tasks: out };
}
