import {
  checkAnnotation,
  defaultRules,
  parseQcRules,
  summarize,
  type Finding,
  type QcRules,
} from '@tessera/core/quality';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { QcRepository } from '../../store/qc.repository.ts';
import type { ProjectAccess } from '../access.service.ts';
import { serverTokenize } from './tokenizer.ts';

/** The project's rules: its `qc_rules` setting, or the defaults derived from its schema. */
export function projectRules(access: ProjectAccess): QcRules {
  const configured = (access.settings as { qc_rules?: unknown }).qc_rules;
  if (configured === undefined) return defaultRules(access.schema);
  const parsed = parseQcRules(configured, { schema: access.schema });
  // Settings are validated when saved; a schema change may have made them stale.
  return parsed.ok ? parsed.value : defaultRules(access.schema);
}

/**
 * Runs the rules on a submission before it is stored. A `block` finding refuses the submission
 * (422 with every finding, so the editor can point at each region); warnings are returned for
 * storing once the annotation exists.
 */
export function checkSubmission(
  access: ProjectAccess,
  regions: unknown[],
  task: { data: string; meta: string | null },
  leadTimeMs: number | null | undefined,
): Finding[] {
  const findings = checkAnnotation(projectRules(access), {
    schema: access.schema,
    regions: regions as never,
    data: JSON.parse(task.data) as Record<string, unknown>,
    meta: task.meta ? (JSON.parse(task.meta) as Record<string, unknown>) : undefined,
    leadTimeMs: leadTimeMs ?? undefined,
    tokenize: serverTokenize,
  });
  if (summarize(findings).blocked) {
    const blocking = findings.filter((f) => f.severity === 'block');
    throw new AppError(
      422,
      'qc_blocked',
      `The submission breaks a quality rule: ${blocking[0]!.message}`,
      blocking.map((f) => ({ path: f.path ?? 'regions', message: f.message })),
      { findings },
    );
  }
  return findings;
}

/** Stores the warnings of a stored submission, linked to its task and annotation. */
export async function storeFindings(
  ctx: AppContext,
  projectId: number,
  taskId: number,
  annotationId: number,
  findings: Finding[],
): Promise<void> {
  await new QcRepository(ctx.store.db).addFindings(
    findings.map((f) => ({
      project_id: projectId,
      task_id: taskId,
      annotation_id: annotationId,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      path: f.path ?? null,
    })),
  );
}
