import type { AnnotationRow } from '../store/annotations.repository.ts';
import type { TaskRow } from '../store/tasks.repository.ts';

const json = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

/** The task columns the API reads (no hashes, no import bookkeeping). */
export type TaskView = Omit<TaskRow, 'content_hash' | 'hash_key' | 'import_id'>;

/** A task as the API shows it. */
export function presentTask(t: TaskView) {
  return {
    id: t.id,
    project_id: t.project_id,
    data: json(t.data),
    meta: json(t.meta),
    provenance: json(t.provenance),
    status: t.status,
    difficulty: t.difficulty,
    priority: t.priority,
    annotation_count: t.annotation_count,
    prediction_count: t.prediction_count,
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

/** An annotation as the API shows it. */
export function presentAnnotation(a: AnnotationRow) {
  return {
    id: a.id,
    project_id: a.project_id,
    task_id: a.task_id,
    created_by: a.created_by,
    origin: a.origin,
    status: a.status,
    regions: json(a.regions),
    version: a.version,
    lead_time_ms: a.lead_time_ms,
    schema_version: a.schema_version,
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

/** A prediction as the API shows it. */
export function presentPrediction(p: {
  id: number;
  task_id: number;
  model: string;
  model_version: string;
  score: number | null;
  regions: string;
  created_at: string;
}) {
  return {
    id: p.id,
    task_id: p.task_id,
    model: p.model,
    model_version: p.model_version,
    score: p.score,
    regions: json(p.regions),
    created_at: p.created_at,
  };
}
