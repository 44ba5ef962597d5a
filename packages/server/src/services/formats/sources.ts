import type { Task } from '@tessera/core/format';
import type { AppContext } from '../../context.ts';
import type { Store } from '../../store/db.ts';
import {
  readExportPage,
  readTextPageSqlite,
  type ExportPage,
} from '../../store/export.repository.ts';
import { yieldToEventLoop } from '../../jobs/event-loop.ts';
import { readVersion } from '../version.service.ts';

/** Where an export reads from: the live project, or a frozen dataset version. */
export type ExportSource = { kind: 'live' } | { kind: 'version'; versionId: number };

const parse = (s: string | null) =>
  s === null ? undefined : (JSON.parse(s) as Record<string, unknown>);

/**
 * A page of the live project as interchange tasks (non-draft annotations and predictions), from
 * its rows: PostgreSQL's path (SQLite's builds the same tasks in SQL).
 */
export function pageToTasks(page: ExportPage): Task[] {
  return page.tasks.map((t) => {
    const task: Task = { id: t.id, data: JSON.parse(t.data) as Record<string, unknown> };
    const meta = parse(t.meta);
    const provenance = parse(t.provenance);
    if (meta) task.meta = meta;
    if (provenance) task.provenance = provenance as Task['provenance'];
    const anns = page.annotations.get(t.id);
    if (anns) {
      task.annotations = anns.map((a) => ({
        id: a.id,
        regions: JSON.parse(a.regions) as Task['annotations'] extends (infer A)[] | undefined
          ? A extends { regions: infer R }
            ? R
            : never
          : never,
        origin: a.origin as 'human',
        status: a.status as 'submitted',
        ...(a.created_by === null ? {} : { annotator: String(a.created_by) }),
        ...(a.lead_time_ms === null ? {} : { lead_time_ms: a.lead_time_ms }),
      }));
    }
    const preds = page.predictions.get(t.id);
    if (preds)
      task.predictions = preds.map((p) => ({
        id: p.id,
        model: p.model,
        model_version: p.model_version,
        regions: JSON.parse(p.regions),
        ...(p.score === null ? {} : { score: p.score }),
      }));
    return task;
  });
}

/**
 * Interchange tasks in id order, a page at a time, after `afterId`: from the live store (keyset
 * pages) or from a version's snapshot file (its accepted annotations).
 */
export async function* taskPages(
  ctx: { store: Store } & Partial<Pick<AppContext, 'storage'>>,
  projectId: number,
  source: ExportSource,
  afterId = 0,
  pageSize = 5000,
): AsyncGenerator<Task[]> {
  if (source.kind === 'live' && ctx.store.dialect === 'sqlite') {
    // SQLite writes each page as a JSON array of these tasks (export.repository.ts, taskJson).
    for (let after = afterId; ;) {
      await yieldToEventLoop();
      const page = readTextPageSqlite(ctx.store.sqlite, 'tasks', projectId, after, pageSize);
      if (!page) return;
      yield JSON.parse(page.text) as Task[];
      after = page.lastId;
      if (page.count < pageSize) return;
    }
  }
  if (source.kind === 'live') {
    for (let after = afterId; ;) {
      await yieldToEventLoop();
      const page = await readExportPage(ctx.store, projectId, after, pageSize);
      if (page.tasks.length === 0) return;
      yield pageToTasks(page);
      after = page.tasks[page.tasks.length - 1]!.id;
      if (page.tasks.length < pageSize) return;
    }
  }
  let batch: Task[] = [];
  for await (const line of readVersion(ctx as AppContext, projectId, source.versionId)) {
    if (line.id <= afterId) continue;
    batch.push({
      id: line.id,
      data: line.data,
      annotations: line.annotations.map((a) => ({
        id: a.id,
        regions: a.regions as never,
        origin: a.origin as 'human',
        status: 'accepted',
        ...(a.annotator === null ? {} : { annotator: String(a.annotator) }),
      })),
    });
    if (batch.length >= pageSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
