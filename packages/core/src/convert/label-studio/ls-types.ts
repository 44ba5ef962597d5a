/**
 * Label Studio's JSON task format as Tessera reads it: loose records, because Label Studio
 * exports carry many keys Tessera does not model (they are kept, see ls-extras.ts).
 * Reference: https://labelstud.io/guide/task_format
 */

/** One item of `annotations[].result[]` or `predictions[].result[]`. */
export type LsResult = {
  id?: string;
  from_name?: string;
  to_name?: string;
  type: string;
  value?: Record<string, unknown>;
  [key: string]: unknown;
};

/** A Label Studio annotation (`lead_time` in seconds, `completed_by` a user id). */
export type LsAnnotation = {
  id?: string | number;
  result: LsResult[];
  [key: string]: unknown;
};

/** A Label Studio prediction. */
export type LsPrediction = {
  id?: string | number;
  model_version?: string;
  score?: number;
  result: LsResult[];
  [key: string]: unknown;
};

/**
 * A Label Studio task: `data` plus annotations and predictions.
 *
 * @example
 * const t: LsTask = { id: 1, data: { text: 'hi' }, annotations: [{ result: [] }] };
 */
export type LsTask = {
  id?: string | number;
  data: Record<string, unknown>;
  annotations?: LsAnnotation[];
  predictions?: LsPrediction[];
  [key: string]: unknown;
};
