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
  // Every page asks for its annotations: `annotation_count` counts human submissions only, and a
  // consensus annotation may outlive them. Predictions are counted exactly.
  for (const r of await reader.annotations(projectId, first, last))
    push(page.annotations, r.task_id, r);
  if (tasks.some((t) => t.prediction_count > 0)) {
    for (const r of await reader.predictions(projectId, first, last))
      push(page.predictions, r.task_id, r);
  }
  return page;
}

// Pages written by SQLite itself, one string per page instead of a row object per task and per
// annotation, which is what an export's time went on (bench/README.md, Formats). Two shapes:
// - `jsonl`: the live JSONL export's lines. The same text as `jsonlPage` in export.service.ts
//   writes from `readExportPage` (PostgreSQL's path);
// - `tasks`: a JSON array of the interchange tasks that `pageToTasks` (formats/sources.ts) builds
//   from the same rows, key for key, for the other formats' converters to parse in one call.
// Tests compare both with the row path on the same project. Numbers are SQLite's spelling: a
// whole score is written as an integer, as JavaScript does; other REALs keep every digit but may
// be spelled differently (1.0e-07 for 1e-7), the same value.
type PageShape = 'jsonl' | 'tasks';

const ANNOTATION_PARTS = {
  annotator: `CASE WHEN a.created_by IS NULL THEN '' ELSE ',"annotator":"' || a.created_by || '"' END`,
  state: `',"origin":"' || a.origin || '","status":"' || a.status || '"'`,
  lead: `CASE WHEN a.lead_time_ms IS NULL THEN '' ELSE ',"lead_time_ms":' || a.lead_time_ms END`,
  created: `',"created_at":"' || a.created_at || '"'`,
  regions: `',"regions":' || a.regions`,
};
const PREDICTION_PARTS = {
  model: `',"model":' || json_quote(p.model) || ',"model_version":' || json_quote(p.model_version)`,
  score: `CASE WHEN p.score IS NULL THEN ''
    WHEN p.score = CAST(p.score AS INTEGER) THEN ',"score":' || CAST(p.score AS INTEGER)
    ELSE ',"score":' || p.score END`,
  regions: `',"regions":' || p.regions`,
};

/** One task as JSON text, in the key order of `shape` (see above). */
function taskJson(shape: PageShape): string {
  const a = ANNOTATION_PARTS;
  const p = PREDICTION_PARTS;
  const annotation =
    shape === 'jsonl'
      ? [a.annotator, a.state, a.lead, a.created, a.regions]
      : [a.regions, a.state, a.annotator, a.lead];
  const prediction =
    shape === 'jsonl' ? [p.model, p.score, p.regions] : [p.model, p.regions, p.score];
  return `'{"id":' || t.id || ',"data":' || t.data
  || CASE WHEN t.meta IS NULL THEN '' ELSE ',"meta":' || t.meta END
  || CASE WHEN t.provenance IS NULL THEN '' ELSE ',"provenance":' || t.provenance END
  || coalesce((
      SELECT ',"annotations":[' || group_concat('{"id":' || a.id || ${annotation.join(' || ')} || '}', ',' ORDER BY a.id) || ']'
      FROM annotations a
      WHERE a.project_id = t.project_id AND a.task_id = t.id AND a.status != 'draft'), '')
  || CASE WHEN t.prediction_count = 0 THEN '' ELSE coalesce((
      SELECT ',"predictions":[' || group_concat('{"id":' || p.id || ${prediction.join(' || ')} || '}', ',' ORDER BY p.id) || ']'
      FROM predictions p WHERE p.project_id = t.project_id AND p.task_id = t.id), '') END
  || '}'`;
}

// A page's lines are joined in task id order without an ORDER BY in group_concat (which would
// sort every page again, a third of the read time): the inner query's ORDER BY … LIMIT decides
// which rows it yields, so SQLite runs it as a co-routine that yields them in index order, and
// the aggregate takes them as they come. The tests of this text check the order.
const PAGE_SQL: Record<PageShape, string> = {
  jsonl: `SELECT max(id), count(*), group_concat(line || char(10), '') FROM (
    SELECT t.id AS id, ${taskJson('jsonl')} AS line FROM tasks t
    WHERE t.project_id = ? AND t.id > ? ORDER BY t.id LIMIT ?)`,
  tasks: `SELECT max(id), count(*), '[' || group_concat(line, ',') || ']' FROM (
    SELECT t.id AS id, ${taskJson('tasks')} AS line FROM tasks t
    WHERE t.project_id = ? AND t.id > ? ORDER BY t.id LIMIT ?)`,
};

const pageStatements = new WeakMap<SQLite.Database, Map<PageShape, SQLite.Statement>>();

/**
 * SQLite only: the next page of a live export as text, with its last task id and its number of
 * tasks, or undefined after the last page. `jsonl`: the export's lines, each ending in a
 * newline; `tasks`: a JSON array of interchange tasks.
 */
export function readTextPageSqlite(
  sqlite: SQLite.Database,
  shape: PageShape,
  projectId: number,
  afterId: number,
  limit: number,
): { lastId: number; count: number; text: string } | undefined {
  let statements = pageStatements.get(sqlite);
  if (!statements) pageStatements.set(sqlite, (statements = new Map()));
  let st = statements.get(shape);
  if (!st) statements.set(shape, (st = sqlite.prepare(PAGE_SQL[shape]).raw(true)));
  const [lastId, count, text] = st.get(projectId, afterId, limit) as [number, number, string];
  return count === 0 ? undefined : { lastId, count, text };
}

function push<T>(m: Map<number, T[]>, k: number, v: T) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
