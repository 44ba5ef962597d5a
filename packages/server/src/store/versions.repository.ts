import type { Kysely } from 'kysely';
import { now } from './db.ts';
import type { Database } from './schema.ts';

/** One page of a project as a version snapshot sees it: tasks with their accepted annotations. */
export interface SnapshotPage {
  tasks: { id: number; data: string; content_hash: string }[];
  annotations: Map<
    number,
    { id: number; created_by: number | null; origin: string; regions: string }[]
  >;
}

/** Dataset versions: immutable snapshots, only ever inserted. */
export class VersionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async snapshotPage(projectId: number, afterId: number, limit: number): Promise<SnapshotPage> {
    const tasks = await this.db
      .selectFrom('tasks')
      .select(['id', 'data', 'content_hash'])
      .where('project_id', '=', projectId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    const annotations = new Map<
      number,
      { id: number; created_by: number | null; origin: string; regions: string }[]
    >();
    if (tasks.length) {
      const rows = await this.db
        .selectFrom('annotations')
        .select(['id', 'task_id', 'created_by', 'origin', 'regions'])
        .where('project_id', '=', projectId)
        .where('task_id', '>=', tasks[0]!.id)
        .where('task_id', '<=', tasks[tasks.length - 1]!.id)
        .where('status', '=', 'accepted')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const list = annotations.get(r.task_id) ?? [];
        list.push(r);
        annotations.set(r.task_id, list);
      }
    }
    return { tasks, annotations };
  }

  modelVersions(projectId: number) {
    return this.db
      .selectFrom('predictions')
      .select(['model', 'model_version'])
      .distinct()
      .where('project_id', '=', projectId)
      .orderBy('model')
      .orderBy('model_version')
      .execute();
  }

  insert(v: {
    project_id: number;
    name: string;
    content_hash: string;
    manifest: string;
    storage_key: string;
    task_count: number;
    annotation_count: number;
    schema_version: number;
    created_by: number | null;
  }) {
    return this.db
      .insertInto('dataset_versions')
      .values({ ...v, created_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  list(projectId: number) {
    return this.db
      .selectFrom('dataset_versions')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('id', 'desc')
      .execute();
  }

  byId(projectId: number, id: number) {
    return this.db
      .selectFrom('dataset_versions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
