import { codePointSlice, validateAnnotationForSubmit, validateRegions } from '@tessera/core/format';
import type { AppContext } from '../context.ts';
import { conflict, forbidden, notFound, validationFailed } from '../errors.ts';
import { isUniqueViolation } from '../store/db.ts';
import type { AnnotationRow } from '../store/annotations.repository.ts';
import type { AnnotationStatus } from '../store/schema.ts';
import { presentAnnotation } from '../routes/present.ts';
import type { ProjectAccess } from './access.service.ts';
import { regionLabels } from './labels.ts';
import { updateTaskConsensus } from './qc/consensus.service.ts';
import { onLabelsAccepted } from '../ml/training.service.ts';
import { checkSubmission, storeFindings } from './qc/rules.service.ts';
import type { Finding } from '@tessera/core/quality';

export interface AnnotationInput {
  regions: unknown;
  status: 'draft' | 'submitted';
  lead_time_ms?: number | undefined;
}

/** Validates regions against the schema: drafts structurally, submissions with required controls too. */
function checkRegions(
  access: ProjectAccess,
  regions: unknown,
  status: AnnotationStatus,
  data: Record<string, unknown>,
) {
  const input = withOriginalSpanText(access, regions, data);
  const res =
    status === 'draft'
      ? validateRegions(access.schema, input, data)
      : validateAnnotationForSubmit(access.schema, input, data);
  if (!res.ok)
    throw validationFailed(
      `The annotation does not match the project's labeling schema: ${res.issues[0]!.path}: ${res.issues[0]!.message}`,
      res.issues,
    );
  return res.value;
}

/**
 * A span's quoted `text` is taken from the ORIGINAL task text at its offsets. An annotator may
 * have labelled a masked view (PII masking keeps lengths, so offsets match), and the stored
 * annotation must quote the real text, not the mask.
 */
function withOriginalSpanText(
  access: ProjectAccess,
  regions: unknown,
  data: Record<string, unknown>,
): unknown {
  if (!Array.isArray(regions)) return regions;
  return regions.map((r: unknown) => {
    const reg = r as {
      type?: unknown;
      control?: unknown;
      value?: { start?: unknown; end?: unknown; text?: unknown };
    };
    if (reg?.type !== 'span' || typeof reg.value?.text !== 'string') return r;
    const control = access.schema.controls.find((c) => c.name === reg.control);
    const source = control && control.type !== 'link' ? data[control.field] : undefined;
    const { start, end } = reg.value;
    if (typeof source !== 'string' || !Number.isInteger(start) || !Number.isInteger(end)) return r;
    return {
      ...reg,
      value: { ...reg.value, text: codePointSlice(source, start as number, end as number) },
    };
  });
}

/**
 * Creates a user's annotation on a task. A retried request with the same idempotency key returns
 * the annotation the first one made; a second live annotation by the same user is a 409 that
 * carries the current one (PATCH it instead).
 */
export async function createAnnotation(
  ctx: AppContext,
  access: ProjectAccess,
  taskId: number,
  input: AnnotationInput,
  idempotencyKey: string | undefined,
  ip: string,
) {
  const task = await ctx.tasks.byId(access.project.id, taskId);
  if (!task) throw notFound('Task');
  const userId = access.user.id;
  if (idempotencyKey) {
    const prior = await ctx.annotations.byIdempotencyKey(taskId, userId, idempotencyKey);
    if (prior) return { annotation: presentAnnotation(prior), replayed: true };
  }
  const existing = await ctx.annotations.activeOf(taskId, userId);
  // A retry that lost the race to its own first attempt (which committed between the two reads)
  // is still a replay, not a second annotation.
  if (existing && idempotencyKey && existing.idempotency_key === idempotencyKey)
    return { annotation: presentAnnotation(existing), replayed: true };
  if (existing) {
    throw conflict(
      'annotation_exists',
      'You already have an annotation on this task: update it with PATCH and its version.',
      { current: presentAnnotation(existing) },
    );
  }
  const regions = checkRegions(
    access,
    input.regions,
    input.status,
    JSON.parse(task.data) as Record<string, unknown>,
  );
  const findings =
    input.status === 'submitted' ? checkSubmission(access, regions, task, input.lead_time_ms) : [];
  let row: AnnotationRow;
  try {
    row = await ctx.annotations.create(
      {
        project_id: access.project.id,
        task_id: taskId,
        created_by: userId,
        status: input.status,
        regions: JSON.stringify(regions),
        labels: regionLabels(regions),
        lead_time_ms: input.lead_time_ms ?? null,
        schema_version: access.project.schema_version,
        idempotency_key: idempotencyKey ?? null,
      },
      access.settings.overlap,
    );
  } catch (err) {
    // Two concurrent retries with one key: the loser returns the winner's annotation.
    if (idempotencyKey && isUniqueViolation(err)) {
      const prior = await ctx.annotations.byIdempotencyKey(taskId, userId, idempotencyKey);
      if (prior) return { annotation: presentAnnotation(prior), replayed: true };
    }
    throw err;
  }
  if (row.status === 'submitted') await afterSubmit(ctx, access, task.status, row, findings, ip);
  return { annotation: { ...presentAnnotation(row), qc_findings: findings }, replayed: false };
}

/**
 * What every submission sets off once it is stored: the audit row, the rework task back to
 * review, the rule warnings stored, and the task's consensus updated.
 */
async function afterSubmit(
  ctx: AppContext,
  access: ProjectAccess,
  taskStatus: string,
  row: AnnotationRow,
  findings: Finding[],
  ip: string,
) {
  await ctx.audit.append({
    actor_id: access.user.id,
    actor_name: access.user.username,
    action: 'annotation.submit',
    project_id: access.project.id,
    target_type: 'annotation',
    target_id: row.id,
    ip,
  });
  if (taskStatus === 'rejected') await ctx.reviews.reopenTask(row.task_id);
  if (findings.length) await storeFindings(ctx, access.project.id, row.task_id, row.id, findings);
  await refreshConsensus(ctx, access, row.task_id);
  await onLabelsAccepted(ctx, access.project.id);
}

/**
 * Updates an annotation under optimistic concurrency: a stale `version` gets 409 with the current
 * annotation, and a draft can never replace a submitted annotation.
 */
export async function updateAnnotation(
  ctx: AppContext,
  access: ProjectAccess,
  id: number,
  input: {
    regions?: unknown;
    status?: 'draft' | 'submitted' | undefined;
    lead_time_ms?: number | undefined;
    version: number;
  },
  ip: string,
) {
  const current = await ctx.annotations.byId(access.project.id, id);
  if (!current) throw notFound('Annotation');
  const isOwner = current.created_by === access.user.id;
  if (!isOwner && access.role !== 'manager' && access.role !== 'admin')
    throw forbidden('Only the author or a manager may change this annotation.');
  if (current.version !== input.version) {
    throw conflict(
      'version_conflict',
      `The annotation changed since you loaded it (you sent version ${input.version}, it is at ${current.version}).`,
      { current: presentAnnotation(current) },
    );
  }
  if (current.status !== 'draft' && input.status === 'draft') {
    throw conflict(
      'already_submitted',
      'This annotation was already submitted; a draft cannot replace it.',
      { current: presentAnnotation(current) },
    );
  }
  if (current.status === 'accepted' || current.status === 'rejected') {
    if (!isOwner || current.status === 'accepted')
      throw conflict(
        'already_reviewed',
        'This annotation was reviewed and can no longer be edited.',
        { current: presentAnnotation(current) },
      );
  }
  const status: AnnotationStatus =
    input.status ?? (current.status === 'rejected' ? 'submitted' : current.status);
  const task = await ctx.tasks.byId(access.project.id, current.task_id);
  const regionsIn = input.regions ?? JSON.parse(current.regions);
  const regions = checkRegions(
    access,
    regionsIn,
    status,
    JSON.parse(task!.data) as Record<string, unknown>,
  );
  const submittedDelta = current.status === 'draft' && status !== 'draft' ? 1 : 0;
  const leadTime = input.lead_time_ms ?? current.lead_time_ms;
  const findings = status === 'submitted' ? checkSubmission(access, regions, task!, leadTime) : [];
  const row = await ctx.annotations.update(
    current,
    {
      regions: JSON.stringify(regions),
      labels: regionLabels(regions),
      status,
      ...(input.lead_time_ms !== undefined ? { lead_time_ms: input.lead_time_ms } : {}),
    },
    input.version,
    submittedDelta,
    access.settings.overlap,
  );
  if (!row) {
    const now = await ctx.annotations.byId(access.project.id, id);
    throw conflict('version_conflict', 'The annotation changed while you saved it.', {
      current: now ? presentAnnotation(now) : null,
    });
  }
  if (status === 'submitted') await afterSubmit(ctx, access, task!.status, row, findings, ip);
  else if (status !== 'draft') await refreshConsensus(ctx, access, row.task_id);
  return { ...presentAnnotation(row), qc_findings: findings };
}

/**
 * The incremental quality update after a submission. The annotation is already committed, so a
 * failure here is logged (the next full recompute repairs it) rather than failing the submit.
 */
export async function refreshConsensus(
  ctx: AppContext,
  access: ProjectAccess,
  taskId: number,
): Promise<void> {
  try {
    await updateTaskConsensus(
      ctx,
      access.project.id,
      taskId,
      access.schema,
      access.project.schema_version,
    );
  } catch (err) {
    ctx.log?.error({ err, taskId }, 'consensus update failed');
  }
}

/** Deletes an annotation (author or manager), audited. */
export async function deleteAnnotation(
  ctx: AppContext,
  access: ProjectAccess,
  id: number,
  ip: string,
) {
  const current = await ctx.annotations.byId(access.project.id, id);
  if (!current) throw notFound('Annotation');
  if (current.created_by !== access.user.id && access.role !== 'manager' && access.role !== 'admin')
    throw forbidden('Only the author or a manager may delete this annotation.');
  await ctx.annotations.delete(current, access.settings.overlap);
  if (current.status !== 'draft' && current.origin === 'human')
    await refreshConsensus(ctx, access, current.task_id);
  await ctx.audit.append({
    actor_id: access.user.id,
    actor_name: access.user.username,
    action: 'annotation.delete',
    project_id: access.project.id,
    target_type: 'annotation',
    target_id: id,
    ip,
  });
}
