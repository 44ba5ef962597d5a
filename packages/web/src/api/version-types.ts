/**
 * Wire types of dataset versions (`/api/projects/:id/versions*`, docs/API.md).
 *
 * @example
 * const v: DatasetVersion = await versionsApi.list(1).then((l) => l[0]!);
 */

/** An immutable snapshot of a project. */
export interface DatasetVersion {
  id: number;
  name: string;
  content_hash: string;
  task_count: number | null;
  annotation_count: number | null;
  schema_version: number | null;
  manifest: {
    schema_version?: number;
    guideline_sha256?: string;
    model_versions?: string[];
    label_counts?: Record<string, number>;
  } | null;
  created_by: number | null;
  created_at: string;
}

/** Per label: uses added and removed between two versions, with example task ids. */
export interface LabelChange {
  label: string;
  added: number;
  removed: number;
  examples: number[];
}

/** `GET .../versions/diff?from=&to=`. */
export interface VersionDiff {
  from: number;
  to: number;
  tasks_added: number;
  tasks_removed: number;
  tasks_changed: number;
  tasks_unchanged: number;
  examples: { added: number[]; removed: number[]; changed: number[] };
  labels: LabelChange[];
}
