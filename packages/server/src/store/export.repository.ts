import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** One page of tasks to export, with their non-draft annotations and their predictions. */
export interface ExportPage {
  tasks: {
    id: number;
    data: string;
    meta: string | null;
    provenance: string | null;
    status: string;
  }[];
  annotations: Map<
    number,
    {
      id: number;
      created_by: number | null;
      origin: string;
      status: string;
      regions: string;
      version: number;
      lead_time_ms: number | null;
      created_at: string;
      updated_at: string;
    }[]
  >;
  predictions: Map<
    number,
    { id: number; model: string; model_version: string; score: number | null; regions: string }[]
  >;
}

/**
 * Reads a project in id order, one keyset page at a time: memory stays flat however large the
 * project, and each page is an indexed range scan.
 */
export async function readExportPage(
  db: Kysely<Database>,
  projectId: number,
  afterId: number,
  limit: number,
): Promise<ExportPage> {
  const tasks = await db
    .selectFrom('tasks')
    .select(['id', 'data', 'meta', 'provenance', 'status', 'annotation_count', 'prediction_count'])
    .where('project_id', '=', projectId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  const page: ExportPage = { tasks, annotations: new Map(), predictions: new Map() };
  if (tasks.length === 0) return page;
  const first = tasks[0]!.id;
  const last = tasks[tasks.length - 1]!.id;
  if (tasks.some((t) => t.annotation_count > 0)) {
    const rows = await db
      .selectFrom('annotations')
      .select([
        'id',
        'task_id',
        'created_by',
        'origin',
        'status',
        'regions',
        'version',
        'lead_time_ms',
        'created_at',
        'updated_at',
      ])
      .where('project_id', '=', projectId)
      .where('task_id', '>=', first)
      .where('task_id', '<=', last)
      .where('status', '!=', 'draft')
      .orderBy('id')
      .execute();
    for (const r of rows) push(page.annotations, r.task_id, r);
  }
  if (tasks.some((t) => t.prediction_count > 0)) {
    const rows = await db
      .selectFrom('predictions')
      .select(['id', 'task_id', 'model', 'model_version', 'score', 'regions'])
      .where('project_id', '=', projectId)
      .where('task_id', '>=', first)
      .where('task_id', '<=', last)
      .orderBy('id')
      .execute();
    for (const r of rows) push(page.predictions, r.task_id, r);
  }
  return page;
}

function push<T>(m: Map<number, T[]>, k: number, v: T) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
