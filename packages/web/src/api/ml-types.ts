/**
 * Types of the pre-labeling endpoints (docs/prelabel.md): models, pre-label jobs and their
 * events, learning curves and strategy experiments (A/B).
 *
 * @example
 * const m: Model = await mlApi.models(1).then((l) => l[0]!);
 */
import type { JobStatus } from './quality-types.ts';

/** Model kinds the server's registry knows (a newer server may offer more). */
export type ModelKind =
  | 'text-classifier'
  | 'span-tagger'
  | 'ls-ml-backend'
  | 'openai-chat'
  | 'text-image-alignment'
  | 'vision-objects'
  | 'vision-faces'
  | 'vision-ocr';

/** A registered model as the API shows it (the key is write-only: only `has_secret`). */
export interface Model {
  id: number;
  project_id: number;
  name: string;
  /** A known {@link ModelKind}, or a kind this web build does not know yet. */
  kind: string;
  version: string;
  controls: string[];
  settings: Record<string, unknown>;
  has_secret: boolean;
  active: boolean;
  trained: boolean;
  labels_trained: number;
  trained_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Body of `POST /api/projects/:id/models`. */
export interface NewModelBody {
  name: string;
  kind: string;
  controls: string[];
  settings?: Record<string, unknown>;
  secret?: string;
  active?: boolean;
}

/** Body of `PATCH /api/projects/:id/models/:mid` (`secret: null` removes the key). */
export interface ModelPatchBody {
  controls?: string[];
  settings?: Record<string, unknown>;
  secret?: string | null;
  active?: boolean;
}

/** One recorded point of a model's learning curve. */
export interface CurvePoint {
  labels: number;
  accuracy: number;
  metric: 'accuracy' | 'span_f1' | string;
  eval_size: number;
  model_version: string;
  at: string;
}

/** `GET …/models/:mid/curve`. */
export interface LearningCurveResponse {
  model_id: number;
  points: CurvePoint[];
  /** Mean score over the curve's label range (trapezoids), or undefined with the reason. */
  area: { value?: number; reason?: string } | null;
}

/** Counts of a pre-label job's checkpoint. */
export interface PrelabelCounts {
  done: number;
  total: number;
  stored: number;
  rejected: number;
  failed: number;
  empty: number;
  skipped: number;
  wall_ms: number;
  model_ms: number;
}

/** A pre-label job as `GET …/prelabel` lists it. */
export interface PrelabelJob {
  id: number;
  kind: string;
  status: JobStatus;
  progress: number;
  model_id: number | null;
  /** Number of selected tasks, or null for the whole project. */
  selection: number | null;
  counts: PrelabelCounts | null;
  rejections: { task_id: number; reason: string }[];
  result: unknown;
  error: string | null;
  created_at: string;
  updated_at: string;
}

/** A started job (`202`). */
export interface StartedJob {
  id: number;
  kind: string;
  status: JobStatus;
}

/** `POST …/models/:mid/health`. */
export interface ModelHealth {
  ok: boolean;
  kind: string;
  version?: string;
  status?: string;
  error?: string;
  message?: string;
}

/** A strategy experiment. */
export interface Experiment {
  id: number;
  name: string;
  kind: 'prelabel' | 'order';
  seed: string;
  share_b: number;
  model_id: number | null;
  control: string;
  status: 'running' | 'stopped';
  arms: { A: string; B: string };
  created_at: string;
  stopped_at: string | null;
}

/** Body of `POST …/experiments`. */
export interface NewExperimentBody {
  name: string;
  kind: 'prelabel' | 'order';
  control: string;
  model_id?: number;
  seed?: string;
  share_b?: number;
}

/** A value with its 95 % interval, or undefined with the reason. */
export interface Estimate {
  value?: number;
  lower?: number;
  upper?: number;
  reason?: string;
  /** Rates: correct of judged. */
  successes?: number;
  trials?: number;
  /** Means: how many values. */
  n?: number;
}

/** Per-arm estimates and B − A. */
export interface ArmComparison {
  A: Estimate;
  B: Estimate;
  difference: Estimate;
}

/** `GET …/experiments/:eid/report`. */
export interface ExperimentReport {
  experiment: Experiment;
  arms: { A: { tasks: number }; B: { tasks: number } };
  gold_accuracy: ArmComparison & { judged: number };
  time_per_task_ms: ArmComparison;
  model_accuracy:
    | (ArmComparison & { labels_per_arm: number; eval_size: number; reason?: undefined })
    | { reason: string; A?: undefined; B?: undefined; difference?: undefined };
}
