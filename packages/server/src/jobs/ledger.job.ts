import type { AppContext } from '../context.ts';
import { recordImport } from '../compliance/ledger-record.ts';
import type { JobHandler } from './runner.ts';

/**
 * `ledger.import`: appends a provenance leaf for every task an import stored. It runs after the
 * import, so a million-task import is not slowed by a million ledger appends.
 */
export function ledgerImportJob(ctx: AppContext): JobHandler {
  return async ({ job }) => {
    const { import_id } = JSON.parse(job.params) as { import_id: number };
    return { leaves: await recordImport(ctx, job.project_id!, import_id) };
  };
}
