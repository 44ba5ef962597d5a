import {
  drawSample,
  judgeSample,
  TC260_003_FIXED,
  TC260_003_PROPORTIONAL,
  type AcceptancePlan,
} from '@tessera/core/quality';
import type { AppContext } from '../../context.ts';
import { badRequest, notFound } from '../../errors.ts';
import { QcRepository } from '../../store/qc.repository.ts';

export interface SampleRequest {
  plan: 'tc260-003-4000' | 'tc260-003-10pct' | 'custom';
  /** For `custom`: how many tasks, and the pass rate to meet. */
  n?: number | undefined;
  pass_rate?: number | undefined;
  /** The batch: tasks in this status (default: accepted). */
  status?: string | undefined;
  seed?: number | undefined;
}

function planOf(req: {
  plan: string;
  n?: number | undefined;
  pass_rate?: number | undefined;
}): AcceptancePlan {
  if (req.plan === TC260_003_FIXED.id) return TC260_003_FIXED;
  if (req.plan === TC260_003_PROPORTIONAL.id) return TC260_003_PROPORTIONAL;
  if (!req.n || req.pass_rate === undefined)
    throw badRequest('A custom plan needs n (sample size) and pass_rate.', [
      { path: req.n ? 'pass_rate' : 'n', message: 'required for a custom plan' },
    ]);
  return {
    id: 'custom',
    label: `custom: ${req.n} items at ≥ ${(req.pass_rate * 100).toFixed(1)} %`,
    minSample: req.n,
    passRate: req.pass_rate,
  };
}

/**
 * Batch acceptance sampling: draws the plan's sample from the batch (tasks in a status), with a
 * seed so the draw can be reproduced and audited.
 */
export async function createSample(
  ctx: AppContext,
  projectId: number,
  userId: number,
  req: SampleRequest,
) {
  const repo = new QcRepository(ctx.store.db);
  const status = req.status ?? 'accepted';
  const batch = await repo.taskIds(projectId, status);
  if (batch.length === 0)
    throw badRequest(`There are no ${status} tasks to sample from.`, [
      { path: 'status', message: 'empty batch' },
    ]);
  const plan = planOf(req);
  const seed = req.seed ?? Math.floor(Math.random() * 2 ** 31);
  const picked = Array.from(drawSample(batch.length, plan, seed), (i) => batch[i]!);
  const row = await repo.createSample(
    {
      project_id: projectId,
      plan: JSON.stringify(plan),
      seed,
      batch_size: batch.length,
      status_filter: status,
      created_by: userId,
    },
    picked,
  );
  return sampleReport(ctx, projectId, row.id);
}

/** The sample with its items and the verdict so far (Wilson interval on the pass rate). */
export async function sampleReport(ctx: AppContext, projectId: number, sampleId: number) {
  const repo = new QcRepository(ctx.store.db);
  const sample = await repo.sample(projectId, sampleId);
  if (!sample) throw notFound('Sample');
  const items = await repo.sampleItems(sample.id);
  const plan = JSON.parse(sample.plan) as AcceptancePlan;
  const inspected = items.filter((i) => i.verdict !== null).length;
  const passed = items.filter((i) => i.verdict === 'pass').length;
  return {
    id: sample.id,
    plan,
    seed: sample.seed,
    batch_size: sample.batch_size,
    status: sample.status_filter,
    created_at: sample.created_at,
    size: items.length,
    inspected,
    passed,
    result: judgeSample({ passed, inspected, batchSize: sample.batch_size }, plan),
    items: items.map((i) => ({
      task_id: i.task_id,
      verdict: i.verdict,
      note: i.note,
      judged_by: i.judged_by,
      judged_at: i.judged_at,
    })),
  };
}
