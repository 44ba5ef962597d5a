import type { Task } from '@tessera/core/format';
import type { AppContext } from '../../context.ts';
import type { Store } from '../../store/db.ts';
import { textPages } from '../../store/export.repository.ts';
import { readVersion } from '../version.service.ts';

/** Where an export reads from: the live project, or a frozen dataset version. */
export type ExportSource = { kind: 'live' } | { kind: 'version'; versionId: number };

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
  if (source.kind === 'live') {
    // The database writes each page as a JSON array of these tasks (export.repository.ts).
    for await (const page of textPages(ctx.store, 'tasks', projectId, afterId, pageSize))
      yield JSON.parse(page.text) as Task[];
    return;
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
