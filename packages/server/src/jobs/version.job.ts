import type { AppContext } from '../context.ts';
import { createVersion } from '../services/version.service.ts';
import type { JobHandler } from './runner.ts';

/** `version.create`: freezes the project into a dataset version (see createVersion). */
export function versionJob(ctx: AppContext): JobHandler {
  return async ({ job, progress }) => {
    const { name } = JSON.parse(job.params) as { name: string };
    const project = await ctx.projects.byId(job.project_id!);
    if (!project) throw new Error('the project was deleted');
    const total = Math.max(1, project.task_count);
    const v = await createVersion(ctx, project.id, name, job.created_by, (done) =>
      progress(done / total),
    );
    return { version_id: v.id, content_hash: v.content_hash, tasks: v.task_count };
  };
}
