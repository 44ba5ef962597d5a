import { parseLabelingSchema } from '@tessera/core/format';
import type { AppContext } from '../context.ts';
import { recomputeQuality } from '../services/qc/consensus.service.ts';
import type { JobHandler } from './runner.ts';

/** `qc.recompute`: the full truth-inference pass over a project (see recomputeQuality). */
export function qcRecomputeJob(ctx: AppContext): JobHandler {
  return async ({ job, progress }) => {
    const project = await ctx.projects.byId(job.project_id!);
    if (!project) throw new Error('the project was deleted');
    const schema = parseLabelingSchema(JSON.parse(project.schema));
    if (!schema.ok) throw new Error('the project schema is invalid');
    await progress(0.05);
    return recomputeQuality(ctx, project.id, schema.value, project.schema_version);
  };
}
