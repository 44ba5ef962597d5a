import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { LabelingSchema } from '@tessera/core/format';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { VersionsRepository } from '../store/versions.repository.ts';
import { regionLabels } from './labels.ts';
import { yieldToEventLoop } from '../jobs/event-loop.ts';

/** One line of a snapshot file. */
export interface SnapshotLine {
  id: number;
  /** The task's content hash. */
  hash: string;
  data: Record<string, unknown>;
  annotations: {
    id: number;
    annotator: number | null;
    origin: string;
    regions: { value?: unknown }[];
  }[];
}

/**
 * Freezes a project into an immutable version: every task in id order with its accepted
 * annotations, one JSON line each, stored as `versions/<project>/<version>.jsonl`; the manifest
 * records the schema version, a hash of the guidelines, the model versions that pre-labelled it
 * and the label counts; the version's content hash is sha256 over the file.
 */
export async function createVersion(
  ctx: AppContext,
  projectId: number,
  name: string,
  userId: number | null,
  onProgress?: (done: number) => Promise<boolean>,
) {
  const repo = new VersionsRepository(ctx.store.db);
  const project = (await ctx.projects.byId(projectId))!;
  const schema = JSON.parse(project.schema) as LabelingSchema;
  const dir = join(ctx.config.dataDir, 'tmp');
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `version-${projectId}-${Date.now()}-${process.pid}.jsonl`);
  const out = createWriteStream(tmp);
  const sha = createHash('sha256');
  const labels: Record<string, number> = {};
  let tasks = 0;
  let annotations = 0;
  try {
    for (let after = 0; ;) {
      await yieldToEventLoop();
      const page = await repo.snapshotPage(projectId, after, 5000);
      if (page.tasks.length === 0) break;
      let chunk = '';
      for (const t of page.tasks) {
        const anns = page.annotations.get(t.id) ?? [];
        annotations += anns.length;
        for (const a of anns)
          for (const l of regionLabels(JSON.parse(a.regions) as { value?: unknown }[]))
            labels[l] = (labels[l] ?? 0) + 1;
        chunk += `{"id":${t.id},"hash":"${t.content_hash}","data":${t.data},"annotations":[${anns.map((a) => `{"id":${a.id},"annotator":${a.created_by ?? 'null'},"origin":"${a.origin}","regions":${a.regions}}`).join(',')}]}\n`;
      }
      sha.update(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      tasks += page.tasks.length;
      after = page.tasks[page.tasks.length - 1]!.id;
      if (onProgress && (await onProgress(tasks))) throw new Error('cancelled');
    }
    out.end();
    await finished(out);
    const contentHash = sha.digest('hex');
    const manifest = {
      schema_version: project.schema_version,
      guideline_sha256: createHash('sha256')
        .update(schema.guidelines ?? '')
        .digest('hex'),
      model_versions: (await repo.modelVersions(projectId)).map(
        (m) => `${m.model}@${m.model_version}`,
      ),
      label_counts: labels,
    };
    // The key carries the content hash, so a stored snapshot is never overwritten by another.
    const key = `versions/${projectId}/${contentHash}.jsonl`;
    await ctx.storage.putFile(key, tmp, 'application/x-ndjson');
    return presentVersion(
      await repo.insert({
        project_id: projectId,
        name,
        content_hash: contentHash,
        manifest: JSON.stringify(manifest),
        storage_key: key,
        task_count: tasks,
        annotation_count: annotations,
        schema_version: project.schema_version,
        created_by: userId,
      }),
    );
  } finally {
    out.destroy();
    await rm(tmp, { force: true });
  }
}

export function presentVersion(v: {
  id: number;
  name: string;
  content_hash: string;
  manifest: string;
  task_count: number | null;
  annotation_count: number | null;
  schema_version: number | null;
  created_by: number | null;
  created_at: string;
}) {
  return {
    id: v.id,
    name: v.name,
    content_hash: v.content_hash,
    task_count: v.task_count,
    annotation_count: v.annotation_count,
    schema_version: v.schema_version,
    manifest: JSON.parse(v.manifest) as unknown,
    created_by: v.created_by,
    created_at: v.created_at,
  };
}

/** Reads a version's snapshot line by line. */
export async function* readVersion(
  ctx: AppContext,
  projectId: number,
  versionId: number,
): AsyncGenerator<SnapshotLine> {
  const v = await new VersionsRepository(ctx.store.db).byId(projectId, versionId);
  if (!v?.storage_key) throw notFound('Version');
  const lines = createInterface({
    input: await ctx.storage.get(v.storage_key),
    crlfDelay: Infinity,
  });
  for await (const line of lines) if (line) yield JSON.parse(line) as SnapshotLine;
}

interface LabelChange {
  label: string;
  added: number;
  removed: number;
  examples: number[];
}

/**
 * What changed between two versions: tasks added and removed, tasks whose accepted annotations
 * changed, and per label how many uses were added and removed, with example task ids. Both
 * snapshots are in id order, so this is one merge pass with memory flat in project size.
 */
export async function diffVersions(
  ctx: AppContext,
  projectId: number,
  fromId: number,
  toId: number,
) {
  const a = readVersion(ctx, projectId, fromId);
  const b = readVersion(ctx, projectId, toId);
  const result = {
    from: fromId,
    to: toId,
    tasks_added: 0,
    tasks_removed: 0,
    tasks_changed: 0,
    tasks_unchanged: 0,
    examples: { added: [] as number[], removed: [] as number[], changed: [] as number[] },
  };
  const labels = new Map<string, LabelChange>();
  const note = (list: number[], id: number) => list.length < 10 && list.push(id);
  const labelCounts = (l: SnapshotLine | undefined) => {
    const m = new Map<string, number>();
    for (const ann of l?.annotations ?? [])
      for (const x of regionLabels(ann.regions)) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const account = (
    id: number,
    before: SnapshotLine | undefined,
    after: SnapshotLine | undefined,
  ) => {
    const x = labelCounts(before);
    const y = labelCounts(after);
    for (const label of new Set([...x.keys(), ...y.keys()])) {
      const d = (y.get(label) ?? 0) - (x.get(label) ?? 0);
      if (d === 0) continue;
      const c = labels.get(label) ?? { label, added: 0, removed: 0, examples: [] };
      if (d > 0) c.added += d;
      else c.removed -= d;
      note(c.examples, id);
      labels.set(label, c);
    }
  };
  let x = await a.next();
  let y = await b.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && x.value.id < y.value.id)) {
      result.tasks_removed++;
      note(result.examples.removed, x.value!.id);
      account(x.value!.id, x.value, undefined);
      x = await a.next();
    } else if (x.done || y.value.id < x.value.id) {
      result.tasks_added++;
      note(result.examples.added, y.value.id);
      account(y.value.id, undefined, y.value);
      y = await b.next();
    } else {
      const same =
        x.value.hash === y.value.hash &&
        JSON.stringify(x.value.annotations.map((n) => n.regions)) ===
          JSON.stringify(y.value.annotations.map((n) => n.regions));
      if (same) result.tasks_unchanged++;
      else {
        result.tasks_changed++;
        note(result.examples.changed, x.value.id);
        account(x.value.id, x.value, y.value);
      }
      x = await a.next();
      y = await b.next();
    }
  }
  return {
    ...result,
    labels: [...labels.values()].sort((p, q) => q.added + q.removed - (p.added + p.removed)),
  };
}
