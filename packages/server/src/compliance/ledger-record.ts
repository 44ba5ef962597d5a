/**
 * The hooks by which the rest of the server records provenance: an import's tasks once the
 * import has stored them, and an annotation when it is accepted.
 */

import { annotationLeaf, taskLeaf, type ProvenanceFields } from './ledger-leaves.ts';
import { LedgerRepository } from './ledger.repository.ts';
import { LedgerService, type LedgerDeps } from './ledger.service.ts';
import { yieldToEventLoop } from '../jobs/event-loop.ts';

/**
 * Appends one `task` leaf per task an import stored (content sha256, source, licence), in
 * batches of 5,000, each one append. Returns how many leaves were written.
 * @example await recordImport(ctx, project.id, report.import_id);
 */
export async function recordImport(
  deps: LedgerDeps,
  projectId: number,
  importId: number,
): Promise<number> {
  const repo = new LedgerRepository(deps.store.db, deps.store.dialect);
  const ledger = new LedgerService(deps);
  let after = 0;
  let n = 0;
  for (;;) {
    await yieldToEventLoop();
    const rows = await repo.importedTasks(projectId, importId, after, 5000);
    if (rows.length === 0) return n;
    await ledger.append(
      rows.map((t) =>
        taskLeaf({
          project_id: projectId,
          task_id: t.id,
          content_hash: t.content_hash,
          provenance: t.provenance ? (JSON.parse(t.provenance) as ProvenanceFields) : null,
        }),
      ),
    );
    n += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Appends the `annotation` leaf of an accepted annotation (sha256 of its canonical regions).
 * @example await recordAcceptedAnnotation(ctx, { project_id, task_id, id, version, regions });
 */
export async function recordAcceptedAnnotation(
  deps: LedgerDeps,
  a: { project_id: number; task_id: number; id: number; version: number; regions: string },
): Promise<number> {
  const r = await new LedgerService(deps).append([
    annotationLeaf({
      project_id: a.project_id,
      task_id: a.task_id,
      annotation_id: a.id,
      version: a.version,
      regions: a.regions,
    }),
  ]);
  return r.first_index;
}
