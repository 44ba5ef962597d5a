/**
 * Wire types of the Tessera HTTP API (docs/API.md). Field names match the JSON exactly.
 *
 * @example
 * const page: Page<Task> = { items: [], next_cursor: null };
 */
import type { LabelingSchema, Region } from '../schema/types.ts';

/** A signed-in user. */
export interface User {
  id: number;
  username: string;
  name?: string | null;
  is_admin: boolean;
}

/** `POST /api/auth/login` and `GET /api/auth/me`. */
export interface Session {
  user: User;
  csrf_token: string;
}

/** Per-project roles (`admin`: an instance admin who is not a member). */
export type ProjectRole = 'manager' | 'reviewer' | 'annotator' | 'admin';

/** A project. `role` is the caller's role when the server includes it. */
export interface Project {
  id: number;
  name: string;
  description?: string | null;
  schema: LabelingSchema;
  role?: ProjectRole | null;
  schema_version?: number;
  settings?: { overlap?: number; lease_minutes?: number };
  task_count?: number;
  annotated_count?: number;
  created_at?: string;
  updated_at?: string;
}

/** Task lifecycle states. */
export type TaskStatus =
  'new' | 'prelabeled' | 'in_progress' | 'annotated' | 'in_review' | 'accepted' | 'rejected';

/** All task states, in lifecycle order. */
export const TASK_STATUSES: readonly TaskStatus[] = [
  'new',
  'prelabeled',
  'in_progress',
  'annotated',
  'in_review',
  'accepted',
  'rejected',
];

/** One item to label. */
export interface Task {
  id: number;
  project_id: number;
  data: Record<string, unknown>;
  meta?: Record<string, unknown> | null;
  provenance?: Record<string, unknown> | null;
  status: TaskStatus;
  annotation_count: number;
  prediction_count: number;
  created_at: string;
  updated_at: string;
}

/** Annotation states. */
export type AnnotationStatus = 'draft' | 'submitted' | 'accepted' | 'rejected';

/** A review decision on an annotation (`reviews` of a task detail). */
export interface Review {
  id: number;
  annotation_id: number;
  reviewer_id: number | null;
  reviewer: string | null;
  decision: ReviewDecision;
  reason: string | null;
  created_at: string;
}

/** One user's (or a model's) labels for a task. */
export interface Annotation {
  id: number;
  task_id: number;
  regions: Region[];
  origin: 'human' | 'model' | 'consensus';
  status: AnnotationStatus;
  version: number;
  created_by: number | null;
  created_by_username?: string;
  lead_time_ms?: number | null;
  schema_version?: number | null;
  created_at: string;
  updated_at: string;
}

/** A model's suggestion for a task. */
export interface Prediction {
  id: number;
  task_id: number;
  model: string;
  model_version: string;
  score?: number | null;
  regions: Region[];
  created_at?: string;
}

/** `GET /api/projects/:id/tasks/:taskId`. */
export interface TaskDetail {
  task: Task;
  annotations: Annotation[];
  predictions: Prediction[];
  reviews?: Review[];
}

/** A keyset page. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  total?: number;
}

/** A project member. */
export interface Member {
  user_id: number;
  username: string;
  role: ProjectRole;
}

/** Review decisions. */
export type ReviewDecision = 'accept' | 'reject' | 'fix';

/** Import report. */
export interface ImportReport {
  import_id?: number;
  status: 'completed' | 'aborted';
  records_read?: number;
  stored: number;
  duplicates: number;
  failed: number;
  errors: { line: number; message: string }[];
  errors_truncated?: boolean;
  /** With `on_error=abort`: the line that stopped the import. */
  stopped_at_line?: number | null;
  /** Stored records whose licence is outside the project's policy. */
  licence_flagged?: number;
  message?: string;
}

/** `POST /api/projects/:id/import/archive`: what a zip import did, file by file. */
export interface ArchiveImportReport {
  media: { stored: number; refused: { entry: string; reason: string }[] };
  files: { entry: string; report: ImportReport }[];
  /** Tasks made from images when the archive holds no task file. */
  image_tasks: ImportReport | null;
  message: string;
}

/** `POST /api/projects/:id/media`. */
export interface MediaAsset {
  id: number;
  sha256: string;
  mime: string;
  size: number;
  url: string;
}

/** `POST /api/projects/:id/next`: the leased task with my annotations and the predictions. */
export type NextTask = TaskDetail;

/** A field-level validation issue from the server. */
export interface ApiIssue {
  path: string;
  message: string;
}
