/**
 * The bias report of a project: how the settled labels of one single-choice control are
 * distributed across groups of tasks (a key of task meta), with demographic parity difference
 * and ratio per label and a chi-square test of independence, and each annotator's label
 * distribution against the settled labels of the same tasks.
 *
 * A task's settled label is its consensus annotation's choice when it has one (truth
 * inference keeps it current), otherwise the choice of its latest accepted human annotation.
 */

import {
  annotatorBias,
  biasReport,
  type AnnotatorLabel,
  type GroupLabel,
} from '@tessera/core/compliance';
import type { LabelingSchema } from '@tessera/core/format';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors.ts';
import { choiceControls, chosenClass } from '../services/qc/choices.ts';
import { BiasRepository } from './bias.repository.ts';
import { yieldToEventLoop } from '../jobs/event-loop.ts';

type Region = { control?: unknown; type?: unknown; value?: unknown };

/**
 * The value at a dotted path of task meta (`meta.region` or `meta.speaker.gender`), as a group
 * name; undefined when missing or not a scalar.
 * @example groupOf('{"speaker":{"gender":"f"}}', ['speaker', 'gender']) // 'f'
 */
export function groupOf(metaJson: string | null, path: readonly string[]): string | undefined {
  if (!metaJson) return undefined;
  let v: unknown = JSON.parse(metaJson);
  for (const k of path) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : undefined;
}

/**
 * Parses `meta.a.b` into ['a', 'b']; throws a 400 saying what is accepted.
 * @example parseGroupBy('meta.speaker.gender') // ['speaker', 'gender']
 */
export function parseGroupBy(groupBy: string): string[] {
  const m = /^meta\.([A-Za-z0-9_\-.]{1,200})$/.exec(groupBy);
  const parts = m?.[1]!.split('.') ?? [];
  if (!m || parts.some((p) => p === ''))
    throw badRequest(`group_by must name a key of task meta, like meta.region; got "${groupBy}".`);
  return parts;
}

/** Per task: its settled label, and the human labels given. */
interface TaskLabels {
  settled?: string;
  human: { user: number; label: string }[];
}

function labelsOfPage(
  rows: {
    task_id: number;
    created_by: number | null;
    origin: string;
    status: string;
    regions: string;
  }[],
  control: string,
): Map<number, TaskLabels> {
  const out = new Map<number, TaskLabels>();
  const accepted = new Map<number, string>();
  for (const a of rows) {
    const label = chosenClass(JSON.parse(a.regions) as Region[], control);
    if (label === undefined) continue;
    const t = out.get(a.task_id) ?? { human: [] };
    out.set(a.task_id, t);
    if (a.origin === 'consensus') t.settled = label;
    else if (a.created_by !== null) {
      t.human.push({ user: a.created_by, label });
      if (a.status === 'accepted') accepted.set(a.task_id, label); // rows are in id order: latest wins
    }
  }
  for (const [task, label] of accepted) {
    const t = out.get(task)!;
    t.settled ??= label;
  }
  return out;
}

/**
 * Computes the bias report of one choices control grouped by a meta key.
 * @example await projectBias(ctx, project.id, schema, 'sentiment', 'meta.region')
 */
export async function projectBias(
  ctx: Pick<AppContext, 'store'>,
  projectId: number,
  schema: LabelingSchema,
  control: string,
  groupBy: string,
) {
  const path = parseGroupBy(groupBy);
  const controls = choiceControls(schema);
  if (!controls.some((c) => c.name === control))
    throw badRequest(
      `control must be a single-choice control of this project (${controls.map((c) => c.name).join(', ') || 'none'}); got "${control}".`,
    );
  const repo = new BiasRepository(ctx.store.db);
  const pairs: GroupLabel[] = [];
  const human: AnnotatorLabel[] = [];
  const settled = new Map<string, string>();
  const counts = { total: 0, labelled: 0, unlabelled: 0, missing_group: 0 };
  for (let after = 0; ;) {
    await yieldToEventLoop();
    const page = await repo.taskPage(projectId, after, 2000);
    if (page.length === 0) break;
    const labels = labelsOfPage(
      await repo.annotations(projectId, page[0]!.id, page[page.length - 1]!.id),
      control,
    );
    for (const t of page) {
      counts.total++;
      const l = labels.get(t.id);
      for (const h of l?.human ?? [])
        human.push({ annotator: String(h.user), item: String(t.id), label: h.label });
      if (l?.settled === undefined) {
        counts.unlabelled++;
        continue;
      }
      counts.labelled++;
      settled.set(String(t.id), l.settled);
      const group = groupOf(t.meta, path);
      if (group === undefined) counts.missing_group++;
      else pairs.push({ group, label: l.settled });
    }
    after = page[page.length - 1]!.id;
  }
  const report = biasReport(pairs);
  const names = new Map(
    (await repo.usernames([...new Set(human.map((h) => Number(h.annotator)))])).map((u) => [
      u.id,
      u.username,
    ]),
  );
  return {
    control,
    group_by: groupBy,
    tasks: counts,
    ...report,
    annotators: annotatorBias(human, settled).map(({ annotator, ...b }) => ({
      user_id: Number(annotator),
      username: names.get(Number(annotator)) ?? null,
      ...b,
    })),
  };
}

/** A key of task meta that can group tasks: how many tasks have it and how many values. */
export interface MetaField {
  /** `meta.region`, as `group_by` takes it. */
  path: string;
  tasks: number;
  /** Distinct values seen, counted up to 1,000. */
  values: number;
}

/**
 * Collects the dotted paths of scalar values (three levels deep at most) in one task's meta.
 * @example metaPaths({ region: 'north', speaker: { age: 30 } }) // [['region','north'], ['speaker.age','30']]
 */
export function metaPaths(meta: unknown, prefix = '', depth = 0): [string, string][] {
  if (!meta || typeof meta !== 'object' || Array.isArray(meta) || depth > 2) return [];
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(meta)) {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(k)) continue; // group_by could not name it
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out.push([path, String(v)]);
    else out.push(...metaPaths(v, path, depth + 1));
  }
  return out;
}

/**
 * What a bias report can be asked for: the project's single-choice controls and the meta keys
 * of its first `sample` tasks (most common first), so a page can offer them in menus.
 * @example await biasOptions(ctx, project.id, schema) // { controls: ['sentiment'], fields: [{ path: 'meta.region', tasks: 8, values: 2 }] }
 */
export async function biasOptions(
  ctx: Pick<AppContext, 'store'>,
  projectId: number,
  schema: LabelingSchema,
  sample = 5000,
): Promise<{ controls: string[]; fields: MetaField[]; sampled: number }> {
  const repo = new BiasRepository(ctx.store.db);
  const seen = new Map<string, { tasks: number; values: Set<string> }>();
  let sampled = 0;
  for (let after = 0; sampled < sample;) {
    const page = await repo.taskPage(projectId, after, Math.min(2000, sample - sampled));
    if (page.length === 0) break;
    for (const t of page) {
      sampled++;
      if (!t.meta) continue;
      for (const [path, v] of metaPaths(JSON.parse(t.meta) as unknown)) {
        const f = seen.get(path) ?? { tasks: 0, values: new Set<string>() };
        seen.set(path, f);
        f.tasks++;
        if (f.values.size < 1000) f.values.add(v);
      }
    }
    after = page[page.length - 1]!.id;
  }
  const fields = [...seen]
    .map(([path, f]) => ({ path: `meta.${path}`, tasks: f.tasks, values: f.values.size }))
    .sort((a, b) => b.tasks - a.tasks || a.path.localeCompare(b.path));
  return { controls: choiceControls(schema).map((c) => c.name), fields, sampled };
}
