/**
 * Wire types of the quality-control endpoints (`/api/projects/:id/qc/*`, docs/API.md) and of
 * background jobs. Field names match the JSON exactly. Numbers that may be undefined on the
 * data arrive as `{value: undefined, reason}` (never NaN), so the dashboard can say why.
 *
 * @example
 * const m: Metric = { value: undefined, reason: 'no task has two or more labels yet' };
 */

/** A number, or the reason it cannot be computed on this data. */
export type Metric = { value: number; reason?: undefined } | { value?: undefined; reason: string };

/** A proportion with its Wilson score interval, or the reason it is undefined (no trials). */
export type Rate =
  | {
      value: number;
      lower: number;
      upper: number;
      successes: number;
      trials: number;
      confidence?: number;
      reason?: undefined;
    }
  | {
      value?: undefined;
      lower?: undefined;
      upper?: undefined;
      successes?: number;
      trials?: number;
      confidence?: number;
      reason: string;
    };

/** One day of `GET .../qc/agreement`: alpha over every label saved up to the end of `day`. */
export interface AgreementPoint {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  labels: number;
  alpha: Metric;
}

/** `GET .../qc/agreement`. */
export interface AgreementHistory {
  controls: { control: string; points: AgreementPoint[] }[];
}

/** Finding counts by rule and severity. */
export interface FindingCount {
  rule: string;
  severity: QcSeverity;
  count: number;
}

/** Per control of `GET .../qc/summary`. */
export interface ControlSummary {
  control: string;
  method: string;
  alpha: Metric;
  items: number;
  labels: number;
  classes: string[];
  priors: number[];
  computed_at: string;
}

/** `GET .../qc/summary`. */
export interface QualitySummary {
  controls: ControlSummary[];
  findings: FindingCount[];
}

/** One annotator on one control (`GET .../qc/annotators`). */
export interface AnnotatorStats {
  user_id: number;
  username: string;
  role: string | null;
  group: string;
  control: string;
  labels: number;
  agreement_with_consensus: Rate;
  gold: Rate;
  /** counts[t][l]: consensus class t, the annotator's class l. */
  confusion_counts: number[][];
}

/** Errors against consensus in one cell. */
export interface ErrorCell {
  errors: number;
  total: number;
  rate: Rate;
}

/** Per control of `GET .../qc/errors`. */
export interface ControlErrors {
  control: string;
  classes: string[];
  by_label: (ErrorCell & { label: string; confused_with: Record<string, number> })[];
  by_group: (ErrorCell & { group: string; annotators: number })[];
  heat_map: { user_id: number; username: string; group: string; labels: ErrorCell[] }[];
}

/** Rule severities. */
export type QcSeverity = 'block' | 'warn';

/** A stored rule finding (`GET .../qc/findings`). */
export interface StoredFinding {
  id: number;
  project_id: number;
  task_id: number | null;
  annotation_id: number | null;
  rule: string;
  severity: QcSeverity;
  message: string;
  path: string | null;
  created_at: string;
}

/** A finding as the rules engine returns it on a submit (422 body or `qc_findings`). */
export interface QcFinding {
  rule: string;
  kind?: string;
  severity: QcSeverity;
  message: string;
  path?: string;
  region_id?: string;
}

/** Background job states. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** `GET /api/projects/:id/jobs/:jobId` (a POST that starts a job answers `{id, kind, status}`). */
export interface Job {
  id: number;
  kind: string;
  status: JobStatus;
  progress?: number;
  result?: unknown;
  error?: string | null;
}

/** Acceptance plans the server knows. */
export type SamplePlanId = 'tc260-003-4000' | 'tc260-003-10pct' | 'custom';

/** Body of `POST .../qc/samples`. */
export interface NewSample {
  plan: SamplePlanId;
  n?: number;
  pass_rate?: number;
  status?: string;
  seed?: number;
}

/** A sampled task and its verdict so far. */
export interface SampleItem {
  task_id: number;
  verdict: 'pass' | 'fail' | null;
  note: string | null;
  judged_by: number | null;
  judged_at: string | null;
}

/** `GET .../qc/samples/:sid` (and the answer of the POST). */
export interface Sample {
  id: number;
  plan: {
    id: string;
    label: string;
    minSample?: number;
    minFraction?: number;
    passRate: number;
  };
  seed: number;
  batch_size: number;
  status: string | null;
  created_at: string;
  size: number;
  inspected: number;
  passed: number;
  result: {
    verdict: 'accept' | 'reject' | 'insufficient_sample';
    passRate: Rate;
    requiredSample: number;
    confidentlyAccepted: boolean;
    reason: string;
  };
  items: SampleItem[];
}
