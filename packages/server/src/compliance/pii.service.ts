/**
 * Personal data in task text: project scans that store findings, and the masked view that
 * annotators get by default. A role listed in the project's `pii.visible_to` (and instance
 * admins) sees the original, and every such view of data that holds PII is audited.
 */

import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { preparePii } from '@tessera/core/compliance';
import { parseLabelingSchema, type LabelingSchema } from '@tessera/core/format';
import type { AppContext } from '../context.ts';
import type { JobHandler } from '../jobs/runner.ts';
import { projectAccess, type ProjectAccess } from '../services/access.service.ts';
import {
  complianceOf,
  lengthChangingEntities,
  viewOperators,
  type PiiPolicy,
} from './compliance-settings.ts';
import { maskSpanQuotes } from './pii-regions.ts';
import { PiiRepository, type NewFinding } from './pii.repository.ts';
import { maskedPreview, policyEntities, redactData, scanData, textFields } from './pii-scan.ts';
import { yieldToEventLoop } from '../jobs/event-loop.ts';

/**
 * Projects up to this many tasks are scanned inside the request; larger ones by a job.
 * @example if (project.task_count > INLINE_SCAN_TASKS) enqueue('pii.scan')
 */
export const INLINE_SCAN_TASKS = 2000;

/**
 * The project's key for pseudonyms and keyed hashes: HMAC of the instance secret, so it is
 * stable across restarts and instances and differs between projects.
 * @example projectKey(config.secret, 12) // 32 bytes
 */
export function projectKey(secret: string, projectId: number): Uint8Array {
  return new Uint8Array(createHmac('sha256', secret).update(`tessera-pii:${projectId}`).digest());
}

/**
 * Whether a role sees a project's data unmasked under a policy (instance admins always do).
 * @example seesOriginal('annotator', { visible_to: ['manager'] }) // false
 */
export function seesOriginal(role: string, policy: PiiPolicy): boolean {
  return role === 'admin' || (policy.visible_to as string[]).includes(role);
}

/**
 * Task data as a role may see it: masked by the policy's operators in the schema's text fields,
 * unless the role is in `visible_to`. Returns the data and how many values were masked (for
 * a viewer who sees the original: how many would have been).
 * @example maskTaskData({ text: '手机13812345678' }, schema, 'annotator', policy, key).data
 * // { text: '手机138****5678' }
 */
export function maskTaskData(
  data: unknown,
  schema: LabelingSchema,
  role: string,
  policy: PiiPolicy,
  key: Uint8Array,
): { data: unknown; masked: Record<string, number>; original: boolean } {
  const r = redactData(data, textFields(schema), viewOperators(policy), key, {
    ...(policy.min_score === undefined ? {} : { minScore: policy.min_score }),
  });
  const original = seesOriginal(role, policy);
  return { data: original ? data : r.data, masked: r.counts, original };
}

/** A task as the routes present it, with what it carries that may quote its text. */
type PresentedTask = { id: number; data: unknown };
type Carrier = { regions?: unknown };

/**
 * Presents tasks (with parsed `data`) for the viewer of `a`: masked for roles outside
 * `visible_to`, with the span quotes of their annotations and predictions masked alike; for
 * the others the original, with one `pii.view_original` audit row naming the tasks that hold
 * PII.
 * @example const items = await presentTasksForViewer(ctx, a, rows.map(presentTask), req);
 */
export async function presentTasksForViewer<T extends PresentedTask>(
  ctx: AppContext,
  a: ProjectAccess,
  tasks: T[],
  req: Pick<FastifyRequest, 'ip'>,
  carriers: (task: T) => Carrier[][] = () => [],
): Promise<T[]> {
  const { pii } = complianceOf(a.project.settings);
  const key = projectKey(ctx.config.secret, a.project.id);
  const ops = viewOperators(pii);
  // English names need compromise, loaded on the first view that masks them (not at start-up).
  await preparePii(policyEntities(ops));
  const lengthKept = lengthChangingEntities(ops).length === 0;
  const quote = (s: string) => redactData(s, undefined, ops, key).data as string;
  const revealed: number[] = [];
  const entities: Record<string, number> = {};
  const out = tasks.map((t) => {
    const m = maskTaskData(t.data, a.schema, a.role, pii, key);
    if (m.original && Object.keys(m.masked).length > 0) {
      revealed.push(t.id);
      for (const [e, n] of Object.entries(m.masked)) entities[e] = (entities[e] ?? 0) + n;
    }
    if (m.original) return t;
    for (const list of carriers(t))
      for (const c of list)
        c.regions = maskSpanQuotes(c.regions, a.schema, m.data, lengthKept, quote);
    return { ...t, data: m.data };
  });
  if (revealed.length > 0)
    await ctx.audit.append({
      actor_id: a.user.id,
      actor_name: a.user.username,
      action: 'pii.view_original',
      project_id: a.project.id,
      target_type: 'task',
      target_id: revealed.length === 1 ? revealed[0]! : null,
      ip: req.ip,
      details: { tasks: revealed.slice(0, 100), task_count: revealed.length, entities },
    });
  return out;
}

/** The routes whose responses carry task data, and where it sits in the response. */
const TASK_ROUTES: Record<string, 'task' | 'items'> = {
  '/api/projects/:id/tasks/:taskId': 'task',
  '/api/projects/:id/next': 'task',
  '/api/projects/:id/tasks': 'items',
};

/**
 * Masks task data in every response that carries it (task detail, next task, task list), in
 * one place, so no route can forget it. Registered by `complianceRoutes`.
 * @example registerPiiMasking(app, ctx);
 */
export function registerPiiMasking(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('preSerialization', async (req: FastifyRequest, reply, payload: unknown) => {
    const where = TASK_ROUTES[req.routeOptions.url ?? ''];
    if (!where || reply.statusCode >= 300) return payload;
    const projectId = Number((req.params as { id?: string }).id);
    if (!req.auth || !Number.isSafeInteger(projectId)) return payload;
    const body = payload as {
      task?: PresentedTask;
      items?: PresentedTask[];
      annotations?: Carrier[];
      predictions?: Carrier[];
    };
    const a = await projectAccess(ctx, req, projectId, 'read');
    if (where === 'task' && body.task) {
      const annotations = body.annotations?.map((x) => ({ ...x }));
      const predictions = body.predictions?.map((x) => ({ ...x }));
      const [task] = await presentTasksForViewer(ctx, a, [body.task], req, () => [
        annotations ?? [],
        predictions ?? [],
      ]);
      return { ...body, task, annotations, predictions };
    }
    if (where === 'items' && Array.isArray(body.items))
      return { ...body, items: await presentTasksForViewer(ctx, a, body.items, req) };
    return payload;
  });
}

/**
 * Scans every task of a project (text fields of the schema) and replaces its stored findings.
 * `onPage` reports progress and may return true to stop.
 * @example await scanProject(ctx, a.project.id, a.schema)
 */
export async function scanProject(
  ctx: Pick<AppContext, 'store'>,
  projectId: number,
  schema: LabelingSchema,
  opts: { minScore?: number; onPage?: (scanned: number) => Promise<boolean> | boolean } = {},
): Promise<{
  tasks: number;
  findings: number;
  by_entity: Record<string, number>;
  stopped: boolean;
}> {
  const repo = new PiiRepository(ctx.store.db);
  const fields = textFields(schema);
  await preparePii(); // every entity, English names included: loads compromise once

  await repo.clear(projectId);
  const byEntity: Record<string, number> = {};
  let after = 0;
  let tasks = 0;
  let findings = 0;
  for (;;) {
    await yieldToEventLoop();
    const page = await repo.taskPage(projectId, after, 500);
    if (page.length === 0) break;
    const rows: NewFinding[] = [];
    for (const t of page) {
      const found = scanData(JSON.parse(t.data), fields, {
        ...(opts.minScore === undefined ? {} : { minScore: opts.minScore }),
      });
      for (const f of found) {
        byEntity[f.entity] = (byEntity[f.entity] ?? 0) + 1;
        rows.push({
          project_id: projectId,
          task_id: t.id,
          path: f.path,
          entity: f.entity,
          start_cp: f.start,
          end_cp: f.end,
          score: f.score,
          preview: maskedPreview(f.text),
        });
      }
    }
    await repo.add(rows);
    tasks += page.length;
    findings += rows.length;
    after = page[page.length - 1]!.id;
    if (await opts.onPage?.(tasks)) return { tasks, findings, by_entity: byEntity, stopped: true };
  }
  return { tasks, findings, by_entity: byEntity, stopped: false };
}

/**
 * The `pii.scan` job: a full project scan with progress and cancellation.
 * @example new JobRunner(store, { 'pii.scan': piiScanJob(ctx) }, log)
 */
export function piiScanJob(ctx: AppContext): JobHandler {
  return async ({ job, progress }) => {
    const project = await ctx.projects.byId(job.project_id!);
    if (!project) throw new Error('the project was deleted');
    const schema = parseLabelingSchema(JSON.parse(project.schema));
    if (!schema.ok) throw new Error('the project schema is invalid');
    const { pii } = complianceOf(project.settings);
    const total = Math.max(1, project.task_count);
    return scanProject(ctx, project.id, schema.value, {
      ...(pii.min_score === undefined ? {} : { minScore: pii.min_score }),
      onPage: (n) => progress(Math.min(1, n / total)),
    });
  };
}
