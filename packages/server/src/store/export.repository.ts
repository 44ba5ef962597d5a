import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Store } from './db.ts';
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

type ExportTask = ExportPage['tasks'][number];
type ExportAnnotation = NonNullable<ReturnType<ExportPage['annotations']['get']>>[number];
type ExportPrediction = NonNullable<ReturnType<ExportPage['predictions']['get']>>[number];
type Counted = ExportTask & { annotation_count: number; prediction_count: number };

// One statement per query for both dialects. Annotations come grouped by task (in id order
// within a task), which the (project_id, task_id) index gives without a sort.
const TASKS_SQL = `SELECT id, data, meta, provenance, status, annotation_count, prediction_count
  FROM tasks WHERE project_id = ? AND id > ? ORDER BY id LIMIT ?`;
const ANNOTATIONS_SQL = `SELECT id, task_id, created_by, origin, status, regions, version, lead_time_ms,
    created_at, updated_at
  FROM annotations WHERE project_id = ? AND task_id >= ? AND task_id <= ? AND status != 'draft'
  ORDER BY task_id, id`;
const PREDICTIONS_SQL = `SELECT id, task_id, model, model_version, score, regions
  FROM predictions WHERE project_id = ? AND task_id >= ? AND task_id <= ? ORDER BY task_id, id`;

/** The rows of one page, as objects, from either store. */
interface PageReader {
  tasks(projectId: number, afterId: number, limit: number): Promise<Counted[]>;
  annotations(
    projectId: number,
    first: number,
    last: number,
  ): Promise<(ExportAnnotation & { task_id: number })[]>;
  predictions(
    projectId: number,
    first: number,
    last: number,
  ): Promise<(ExportPrediction & { task_id: number })[]>;
}

type Row = unknown[];

const sqliteReaders = new WeakMap<SQLite.Database, PageReader>();

/**
 * SQLite: the statements prepared once per connection, in raw mode. better-sqlite3 builds a row
 * object property by property in C++; arrays turned into object literals here cost about half
 * as much, and the page reads are most of an export's time (bench/README.md, Formats).
 */
function sqliteReader(sqlite: SQLite.Database): PageReader {
  const cached = sqliteReaders.get(sqlite);
  if (cached) return cached;
  const tasks = sqlite.prepare(TASKS_SQL).raw(true);
  const annotations = sqlite.prepare(ANNOTATIONS_SQL).raw(true);
  const predictions = sqlite.prepare(PREDICTIONS_SQL).raw(true);
  const reader: PageReader = {
    tasks: async (projectId, afterId, limit) =>
      (tasks.all(projectId, afterId, limit) as Row[]).map((r) => ({
        id: r[0] as number,
        data: r[1] as string,
        meta: r[2] as string | null,
        provenance: r[3] as string | null,
        status: r[4] as string,
        annotation_count: r[5] as number,
        prediction_count: r[6] as number,
      })),
    annotations: async (projectId, first, last) =>
      (annotations.all(projectId, first, last) as Row[]).map((r) => ({
        id: r[0] as number,
        task_id: r[1] as number,
        created_by: r[2] as number | null,
        origin: r[3] as string,
        status: r[4] as string,
        regions: r[5] as string,
        version: r[6] as number,
        lead_time_ms: r[7] as number | null,
        created_at: r[8] as string,
        updated_at: r[9] as string,
      })),
    predictions: async (projectId, first, last) =>
      (predictions.all(projectId, first, last) as Row[]).map((r) => ({
        id: r[0] as number,
        task_id: r[1] as number,
        model: r[2] as string,
        model_version: r[3] as string,
        score: r[4] as number | null,
        regions: r[5] as string,
      })),
  };
  sqliteReaders.set(sqlite, reader);
  return reader;
}

/** PostgreSQL: the same statements through Kysely's connection pool. */
function kyselyReader(db: Kysely<Database>): PageReader {
  const run = async <T>(text: string, params: number[]) => {
    let i = 0;
    const numbered = text.replace(/\?/g, () => `$${++i}`);
    return (await db.executeQuery<T>(CompiledQuery.raw(numbered, params))).rows as T[];
  };
  return {
    tasks: (projectId, afterId, limit) => run<Counted>(TASKS_SQL, [projectId, afterId, limit]),
    annotations: (projectId, first, last) => run(ANNOTATIONS_SQL, [projectId, first, last]),
    predictions: (projectId, first, last) => run(PREDICTIONS_SQL, [projectId, first, last]),
  };
}

/**
 * Reads a project in id order, one keyset page at a time: memory stays flat however large the
 * project, and each page is an indexed range scan.
 */
export async function readExportPage(
  store: Store,
  projectId: number,
  afterId: number,
  limit: number,
): Promise<ExportPage> {
  const reader = store.dialect === 'sqlite' ? sqliteReader(store.sqlite) : kyselyReader(store.db);
  const tasks = await reader.tasks(projectId, afterId, limit);
  const page: ExportPage = { tasks, annotations: new Map(), predictions: new Map() };
  if (tasks.length === 0) return page;
  const first = tasks[0]!.id;
  const last = tasks[tasks.length - 1]!.id;
  if (tasks.some((t) => t.annotation_count > 0)) {
    for (const r of await reader.annotations(projectId, first, last))
      push(page.annotations, r.task_id, r);
  }
  if (tasks.some((t) => t.prediction_count > 0)) {
    for (const r of await reader.predictions(projectId, first, last))
      push(page.predictions, r.task_id, r);
  }
  return page;
}

function push<T>(m: Map<number, T[]>, k: number, v: T) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
