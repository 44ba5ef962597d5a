import type { ComplianceTables } from './compliance.schema.ts';
import type { ExperimentsTable, ModelMetricsTable, ModelsTable } from './models.schema.ts';
import type { Generated } from 'kysely';

/*
 * The tables as Kysely sees them. JSON documents are stored as text on both dialects so that
 * export can copy them without re-serialising; timestamps are ISO-8601 UTC strings, which sort
 * correctly as text; flags are 0/1 integers.
 */

export interface UsersTable {
  id: Generated<number>;
  username: string;
  name: string;
  password_hash: string;
  is_admin: number;
  disabled: number;
  created_at: string;
  password_changed_at: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie value
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

export interface ProjectsTable {
  id: Generated<number>;
  name: string;
  description: string;
  schema: string;
  schema_version: number;
  settings: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  task_count: number;
  annotated_count: number;
}

export type ProjectRole = 'manager' | 'annotator' | 'reviewer';

export interface ProjectMembersTable {
  project_id: number;
  user_id: number;
  role: ProjectRole;
  /** A team or vendor the annotator belongs to, for error distributions by group. */
  group_name: string | null;
  created_at: string;
}

export type TaskStatus =
  'new' | 'prelabeled' | 'in_progress' | 'annotated' | 'in_review' | 'accepted' | 'rejected';

export interface TasksTable {
  id: Generated<number>;
  project_id: number;
  data: string;
  meta: string | null;
  provenance: string | null;
  content_hash: string;
  hash_key: number;
  status: TaskStatus;
  difficulty: number | null;
  priority: number;
  annotation_count: number;
  prediction_count: number;
  import_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface TaskLeasesTable {
  task_id: number;
  user_id: number;
  project_id: number;
  expires_at: string;
  /** 1 when the user skipped the task: it is not offered to them again. */
  skipped: number;
}

export interface AssetsTable {
  id: Generated<number>;
  project_id: number;
  sha256: string;
  mime: string;
  size: number;
  storage_key: string;
  licence: string | null;
  source: string | null;
  pii_flags: string | null;
  created_at: string;
}

export interface PredictionsTable {
  id: Generated<number>;
  project_id: number;
  task_id: number;
  model: string;
  model_version: string;
  score: number | null;
  regions: string;
  created_at: string;
}

export type AnnotationOrigin = 'human' | 'model' | 'consensus';
export type AnnotationStatus = 'draft' | 'submitted' | 'accepted' | 'rejected';

export interface AnnotationsTable {
  id: Generated<number>;
  project_id: number;
  task_id: number;
  created_by: number | null;
  origin: AnnotationOrigin;
  status: AnnotationStatus;
  regions: string;
  version: number;
  lead_time_ms: number | null;
  schema_version: number;
  guideline_version: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface AnnotationLabelsTable {
  project_id: number;
  task_id: number;
  annotation_id: number;
  label: string;
}

export interface ReviewsTable {
  id: Generated<number>;
  project_id: number;
  annotation_id: number;
  reviewer_id: number;
  decision: 'accept' | 'reject' | 'fix';
  reason: string | null;
  regions_before: string | null;
  created_at: string;
}

export interface QcFindingsTable {
  id: Generated<number>;
  project_id: number;
  task_id: number | null;
  annotation_id: number | null;
  rule: string;
  severity: 'block' | 'warn';
  message: string;
  path: string | null;
  created_at: string;
}

export interface AnnotatorStatsTable {
  project_id: number;
  user_id: number;
  control: string;
  stats: string;
  updated_at: string;
}

export interface DatasetVersionsTable {
  id: Generated<number>;
  project_id: number;
  name: string;
  /** sha256 of the snapshot file. */
  content_hash: string;
  /** JSON: schema, guideline hash, model versions, label counts. */
  manifest: string;
  storage_key: string | null;
  task_count: number | null;
  annotation_count: number | null;
  schema_version: number | null;
  created_by: number | null;
  created_at: string;
}

export interface LedgerLeavesTable {
  id: Generated<number>;
  project_id: number | null;
  kind: string;
  leaf_hash: string;
  payload: string;
  created_at: string;
  /** Dense position in the one global log (see compliance.schema.ts). */
  leaf_index: number;
  subject: string | null;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobsTable {
  id: Generated<number>;
  project_id: number | null;
  kind: string;
  status: JobStatus;
  params: string;
  progress: number;
  result: string | null;
  error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  attempts: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** A resumable job's progress marker (JSON). */
  checkpoint: string | null;
}

export interface ImportsTable {
  id: Generated<number>;
  project_id: number;
  status: 'running' | 'completed' | 'aborted' | 'failed';
  format: string;
  on_error: 'abort' | 'skip';
  source: string | null;
  records_read: number;
  stored: number;
  duplicates: number;
  failed: number;
  errors: string;
  created_by: number | null;
  created_at: string;
  finished_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  project_id: number | null;
  target_type: string | null;
  target_id: string | null;
  result: 'ok' | 'denied' | 'failed';
  ip: string | null;
  details: string | null;
}

export interface WebhooksTable {
  id: Generated<number>;
  project_id: number;
  url: string;
  secret: string;
  events: string;
  active: number;
  created_at: string;
}

export interface GoldAnswersTable {
  task_id: number;
  project_id: number;
  regions: string;
  created_by: number | null;
  created_at: string;
}

export interface QcStateTable {
  project_id: number;
  control: string;
  state: string;
  updated_at: string;
}

export interface QcSamplesTable {
  id: Generated<number>;
  project_id: number;
  plan: string;
  seed: number;
  batch_size: number;
  status_filter: string | null;
  created_by: number | null;
  created_at: string;
}

export interface QcSampleItemsTable {
  sample_id: number;
  task_id: number;
  verdict: 'pass' | 'fail' | null;
  note: string | null;
  judged_by: number | null;
  judged_at: string | null;
}

export interface Database extends Omit<ComplianceTables, 'ledger_leaves'> {
  models: ModelsTable;
  model_metrics: ModelMetricsTable;
  experiments: ExperimentsTable;
  gold_answers: GoldAnswersTable;
  qc_state: QcStateTable;
  qc_samples: QcSamplesTable;
  qc_sample_items: QcSampleItemsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  tasks: TasksTable;
  task_leases: TaskLeasesTable;
  assets: AssetsTable;
  predictions: PredictionsTable;
  annotations: AnnotationsTable;
  annotation_labels: AnnotationLabelsTable;
  reviews: ReviewsTable;
  qc_findings: QcFindingsTable;
  annotator_stats: AnnotatorStatsTable;
  dataset_versions: DatasetVersionsTable;
  ledger_leaves: LedgerLeavesTable;
  jobs: JobsTable;
  imports: ImportsTable;
  audit_log: AuditLogTable;
  webhooks: WebhooksTable;
}
