import type SQLite from 'better-sqlite3';
import { yieldToEventLoop } from '../jobs/event-loop.ts';
import type { Store } from './db.ts';
import { Utf8Builder } from './utf8.ts';

// An export reads a project in id order, one keyset page at a time (memory stays flat however
// large the project, and each page is an indexed range scan), and the database writes each page
// as ONE string: a row object per task and per annotation is what an export's time went on
// (bench/README.md, Formats). Two shapes:
// - `jsonl`: the live JSONL export's lines, the interchange format of docs/FORMAT.md;
// - `tasks`: a JSON array of the same interchange tasks, without `created_at`, for the other
//   formats' converters to parse in one call.
// A test builds both from the rows in JavaScript (test/export-oracle.ts) and compares them key
// for key on both stores. Numbers are the database's spelling: a whole score is written as an
// integer, as JavaScript does; other floats keep every digit but may be spelled differently
// (1.0e-07 or 1e-07 for 1e-7), the same value.
type PageShape = 'jsonl' | 'tasks';
type Dialect = Store['dialect'];

/** What the two databases spell differently. */
const SPELLING: Record<
  Dialect,
  {
    agg: 'group_concat' | 'string_agg';
    quote: (s: string) => string;
    integer: string;
    /** Project id, after this task id, page size. */
    params: [string, string, string];
  }
> = {
  sqlite: {
    agg: 'group_concat',
    quote: (s) => `json_quote(${s})`,
    integer: 'INTEGER',
    params: ['@project', '@after', '@limit'],
  },
  postgres: {
    agg: 'string_agg',
    quote: (s) => `to_json(${s})::text`,
    integer: 'bigint',
    params: ['$1', '$2', '$3'],
  },
};

/** The tasks of one page, as `t`, in id order: the FROM of every page query. */
function pageTasks(dialect: Dialect): string {
  const [project, after, limit] = SPELLING[dialect].params;
  return `tasks t WHERE t.project_id = ${project} AND t.id > ${after} ORDER BY t.id LIMIT ${limit}`;
}

/** One task as JSON text, in the key order of `shape`. */
function taskJson(dialect: Dialect, shape: PageShape): string {
  const { agg, quote, integer, params } = SPELLING[dialect];
  const [project, after] = params;
  const annotator = `CASE WHEN a.created_by IS NULL THEN '' ELSE ',"annotator":"' || a.created_by || '"' END`;
  const state = `',"origin":"' || a.origin || '","status":"' || a.status || '"'`;
  const lead = `CASE WHEN a.lead_time_ms IS NULL THEN '' ELSE ',"lead_time_ms":' || a.lead_time_ms END`;
  const created = `',"created_at":"' || a.created_at || '"'`;
  const aRegions = `',"regions":' || a.regions`;
  const model = `',"model":' || ${quote('p.model')} || ',"model_version":' || ${quote('p.model_version')}`;
  // CASE keeps the cast away from values it cannot hold (PostgreSQL's bigint would fail).
  const score = `CASE WHEN p.score IS NULL THEN ''
    WHEN abs(p.score) >= 1e15 OR p.score <> round(p.score) THEN ',"score":' || p.score
    ELSE ',"score":' || CAST(p.score AS ${integer}) END`;
  const pRegions = `',"regions":' || p.regions`;
  const annotation =
    shape === 'jsonl'
      ? [annotator, state, lead, created, aRegions]
      : [aRegions, state, annotator, lead];
  const prediction = shape === 'jsonl' ? [model, score, pRegions] : [model, pRegions, score];
  // Annotations are looked up by what is stored, not by `annotation_count` (it counts human
  // submissions only, and a consensus annotation may outlive them): one probe for the whole page
  // (an uncorrelated subquery, evaluated once), then one per task only if the page has any.
  // Predictions are counted exactly, so a task without one skips its probe.
  const pageHasAnnotations = `EXISTS (SELECT 1 FROM annotations a
      WHERE a.project_id = ${project} AND a.task_id > ${after} AND a.status != 'draft'
        AND a.task_id <= (SELECT max(id) FROM (SELECT t.id FROM ${pageTasks(dialect)}) ids))`;
  return `'{"id":' || t.id || ',"data":' || t.data
  || CASE WHEN t.meta IS NULL THEN '' ELSE ',"meta":' || t.meta END
  || CASE WHEN t.provenance IS NULL THEN '' ELSE ',"provenance":' || t.provenance END
  || CASE WHEN NOT ${pageHasAnnotations} THEN '' ELSE coalesce((
      SELECT ',"annotations":[' || ${agg}('{"id":' || a.id || ${annotation.join(' || ')} || '}', ',' ORDER BY a.id) || ']'
      FROM annotations a
      WHERE a.project_id = t.project_id AND a.task_id = t.id AND a.status != 'draft'), '') END
  || CASE WHEN t.prediction_count = 0 THEN '' ELSE coalesce((
      SELECT ',"predictions":[' || ${agg}('{"id":' || p.id || ${prediction.join(' || ')} || '}', ',' ORDER BY p.id) || ']'
      FROM predictions p WHERE p.project_id = t.project_id AND p.task_id = t.id), '') END
  || '}'`;
}

/**
 * SQLite's page query: the page as one string. The lines are joined without an ORDER BY in
 * group_concat (which would sort every page again, a third of the read time): the inner query's
 * ORDER BY … LIMIT decides which rows it yields, so SQLite runs it as a co-routine that yields
 * them in index order, and the aggregate takes them as they come. The tests check the order.
 */
function sqlitePageSql(shape: PageShape): string {
  const text =
    shape === 'jsonl'
      ? `CAST(group_concat(line || char(10), '') AS BLOB)`
      : `'[' || group_concat(line, ',') || ']'`;
  return `SELECT max(id), count(*), ${text} FROM (
    SELECT t.id AS id, ${taskJson('sqlite', shape)} AS line FROM ${pageTasks('sqlite')})`;
}

/**
 * PostgreSQL's: the page's lines as rows, in the order its ORDER BY promises, joined by the
 * caller. PostgreSQL does not promise an aggregate the order of its input, and an ordered
 * string_agg sorts the page again (11 of 20 ms for 5,000 tasks).
 */
const postgresRowsSql = (shape: PageShape) =>
  `SELECT t.id, ${taskJson('postgres', shape)} FROM ${pageTasks('postgres')}`;
const postgresRows: Record<PageShape, string> = {
  jsonl: postgresRowsSql('jsonl'),
  tasks: postgresRowsSql('tasks'),
};

const sqliteStatements = new WeakMap<SQLite.Database, Map<PageShape, SQLite.Statement>>();

/** A page's text: `jsonl` as UTF-8 bytes, ready for the socket; `tasks` as a string to parse. */
type PageText<S extends PageShape> = S extends 'jsonl' ? Buffer : string;
interface TextPage<S extends PageShape> {
  lastId: number;
  count: number;
  text: PageText<S>;
}

/**
 * One page of a live export, or undefined after the last page. A JSONL page is bytes: SQLite
 * hands its text over as a blob, with no string made and encoded again, and PostgreSQL's lines
 * are encoded one by one (utf8.ts: one large string costs ten times as much).
 */
async function readTextPage<S extends PageShape>(
  store: Store,
  shape: S,
  projectId: number,
  afterId: number,
  limit: number,
): Promise<TextPage<S> | undefined> {
  if (store.dialect === 'sqlite') {
    let statements = sqliteStatements.get(store.sqlite);
    if (!statements) sqliteStatements.set(store.sqlite, (statements = new Map()));
    let st = statements.get(shape);
    if (!st) statements.set(shape, (st = store.sqlite.prepare(sqlitePageSql(shape)).raw(true)));
    const [lastId, count, text] = st.get({ project: projectId, after: afterId, limit }) as [
      number,
      number,
      PageText<S>,
    ];
    return count === 0 ? undefined : { lastId, count, text };
  }
  const res = await store.pool.query<[string, string]>({
    text: postgresRows[shape],
    values: [projectId, afterId, limit],
    rowMode: 'array',
  });
  if (res.rows.length === 0) return undefined;
  let text: Buffer | string;
  if (shape === 'jsonl') {
    const out = new Utf8Builder(res.rows.length * 512);
    for (const r of res.rows) out.add(r[1]).add('\n');
    text = out.bytes();
  } else text = `[${res.rows.map((r) => r[1]).join(',')}]`;
  return {
    lastId: Number(res.rows.at(-1)![0]),
    count: res.rows.length,
    text: text as PageText<S>,
  };
}

/**
 * A live project's pages after `afterId` as text, in id order, with each page's last task id and
 * number of tasks: `jsonl`, the export's lines, each ending in a newline; `tasks`, a JSON array
 * of interchange tasks. The event loop gets a turn before each page (jobs/event-loop.ts).
 *
 * @example for await (const page of textPages(store, 'jsonl', projectId)) out.write(page.text);
 */
export async function* textPages<S extends PageShape>(
  store: Store,
  shape: S,
  projectId: number,
  afterId = 0,
  pageSize = 5000,
): AsyncGenerator<TextPage<S>> {
  for (let after = afterId; ;) {
    await yieldToEventLoop();
    const page = await readTextPage(store, shape, projectId, after, pageSize);
    if (!page) return;
    yield page;
    after = page.lastId;
    if (page.count < pageSize) return;
  }
}
