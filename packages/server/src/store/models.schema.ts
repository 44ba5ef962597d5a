import type { Generated } from 'kysely';

/*
 * The pre-labeling tables (migration 0007) as Kysely sees them. Until they are merged into
 * `Database` in schema.ts, the ML repository reaches them with `db.withTables<MlTables>()`,
 * which stays correct after the merge. JSON is text, timestamps ISO-8601 text, flags 0/1.
 */

/**
 * What a model is: an online learner, an external server, an LLM endpoint, the alignment
 * score, or a shipped vision model (COCO-80 objects, faces, OCR lines).
 */
export type ModelKind =
  | 'text-classifier'
  | 'span-tagger'
  | 'ls-ml-backend'
  | 'openai-chat'
  | 'text-image-alignment'
  | 'vision-objects'
  | 'vision-faces'
  | 'vision-ocr';

/** A project's model: its kind, the controls it serves, settings, sealed secret and learned state. */
export interface ModelsTable {
  id: Generated<number>;
  project_id: number;
  /** Unique within the project; predictions record it as `predictions.model`. */
  name: string;
  kind: ModelKind;
  /** Recorded with every prediction; changes whenever the model does. */
  version: string;
  /** JSON array of control names. */
  controls: string;
  /** JSON object of non-secret settings (URL, model name, retrain interval, ...). */
  settings: string;
  /** The API key sealed with AES-256-GCM (`v1.<iv>.<ct>.<tag>`); never returned by the API. */
  secret_sealed: string | null;
  /** Serialised learner (`toJSON()` of core's learners) or null before the first training. */
  state: string | null;
  /** Bumped on every state save, so other processes reload a cached adapter. */
  state_version: number;
  /** Labels the last training used (the next automatic retrain counts from here). */
  labels_trained: number;
  active: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  trained_at: string | null;
}

/** One learning-curve point: accuracy on held-out labels after training on `labels` labels. */
export interface ModelMetricsTable {
  id: Generated<number>;
  model_id: number;
  project_id: number;
  labels: number;
  /** Accuracy (classification) or span F1 (span tagging) on the held-out set. */
  accuracy: number;
  /** `accuracy` or `span_f1`. */
  metric: string;
  /** Held-out tasks the accuracy was measured on. */
  eval_size: number;
  model_version: string;
  at: string;
}

/** A strategy experiment (A/B) over a project's tasks. */
export interface ExperimentsTable {
  id: Generated<number>;
  project_id: number;
  name: string;
  /** `prelabel`: B gets pre-labels, A none. `order`: B active-learning order, A random order. */
  kind: 'prelabel' | 'order';
  /** Seed of `assignArm`: the split is a pure function of (seed, task id). */
  seed: string;
  share_b: number;
  model_id: number | null;
  /** The control whose labels are judged against gold. */
  control: string;
  status: 'running' | 'stopped';
  created_by: number | null;
  created_at: string;
  stopped_at: string | null;
}

/** The tables 0007 adds, keyed as in the database (merge into `Database`). */
export type MlTables = {
  models: ModelsTable;
  model_metrics: ModelMetricsTable;
  experiments: ExperimentsTable;
};
