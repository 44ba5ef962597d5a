import { validateAnnotationForSubmit } from '@tessera/core/format';
import type { AppContext } from '../context.ts';
import { badRequest, conflict, forbidden, notFound, validationFailed } from '../errors.ts';
import { presentAnnotation } from '../routes/present.ts';
import type { ProjectAccess } from './access.service.ts';
import { refreshConsensus } from './annotation.service.ts';
import { onLabelsAccepted } from '../ml/training.service.ts';
import { recordAcceptedAnnotation } from '../compliance/ledger-record.ts';
import { regionLabels } from './labels.ts';

export interface ReviewInput {
  decision: 'accept' | 'reject' | 'fix';
  reason?: string | undefined;
  regions?: unknown[] | undefined;
  version: number;
}

/**
 * Accept, reject with a reason, or fix a submitted annotation. Nobody reviews their own work;
 * a fix replaces the regions (validated like a submission) and keeps the old ones in the review.
 */
export async function reviewAnnotation(
  ctx: AppContext,
  access: ProjectAccess,
  annotationId: number,
  input: ReviewInput,
  ip: string,
) {
  const ann = await ctx.annotations.byId(access.project.id, annotationId);
  if (!ann || ann.status === 'draft') throw notFound('Annotation');
  if (ann.created_by === access.user.id) throw forbidden('You cannot review your own annotation.');
  if (ann.status !== 'submitted')
    throw conflict('already_reviewed', `This annotation was already ${ann.status}.`, {
      current: presentAnnotation(ann),
    });
  if (input.decision === 'reject' && !input.reason?.trim())
    throw badRequest('A rejection needs a reason the annotator can act on.', [
      { path: 'reason', message: 'required when rejecting' },
    ]);
  let regions: string | undefined;
  let labels: string[] | undefined;
  if (input.decision === 'fix') {
    if (!input.regions)
      throw badRequest('A fix needs the corrected regions.', [
        { path: 'regions', message: 'required when fixing' },
      ]);
    const task = await ctx.tasks.byId(access.project.id, ann.task_id);
    const v = validateAnnotationForSubmit(
      access.schema,
      input.regions,
      JSON.parse(task!.data) as Record<string, unknown>,
    );
    if (!v.ok)
      throw validationFailed(
        `The fix does not match the labeling schema: ${v.issues[0]!.path}: ${v.issues[0]!.message}`,
        v.issues,
      );
    regions = JSON.stringify(v.value);
    labels = regionLabels(v.value);
  }
  const row = await ctx.reviews.decide(ann, {
    reviewerId: access.user.id,
    decision: input.decision,
    reason: input.reason?.trim() || null,
    regions,
    labels,
    version: input.version,
  });
  if (!row) {
    const current = await ctx.annotations.byId(access.project.id, annotationId);
    throw conflict('version_conflict', 'The annotation changed since you loaded it.', {
      current: current ? presentAnnotation(current) : null,
    });
  }
  await ctx.audit.append({
    actor_id: access.user.id,
    actor_name: access.user.username,
    action: `review.${input.decision}`,
    project_id: access.project.id,
    target_type: 'annotation',
    target_id: row.id,
    ip,
    details: { annotator: ann.created_by },
  });
  await refreshConsensus(ctx, access, row.task_id);
  if (input.decision !== 'reject') await onLabelsAccepted(ctx, access.project.id);
  if (row.status === 'accepted') {
    // The provenance ledger records every accepted annotation; a ledger fault must not undo a review.
    await recordAcceptedAnnotation(ctx, row).catch((err: unknown) =>
      ctx.log?.error({ err }, 'ledger append failed'),
    );
  }
  return presentAnnotation(row);
}
