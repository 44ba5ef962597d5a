import { parseTask, validateRegions, type LabelingSchema } from '@tessera/core/format';
import type { TaskRow } from '../store/task-bulk.repository.ts';
import { regionLabels } from '../services/labels.ts';
import {
  canonicalJson,
  canonicalJsonWithin,
  depthExceeds,
  hashKey,
  hashText,
  MAX_DEPTH,
  type SourceRecord,
} from './records.ts';

/** Either a task ready to store or the reason this record was refused. */
export type Converted = { row: TaskRow; error?: undefined } | { error: string; row?: undefined };

const TOO_DEEP = `the task is nested deeper than ${MAX_DEPTH} levels`;

const TASK_KEYS = new Set([
  'id',
  'data',
  'meta',
  'provenance',
  'annotations',
  'predictions',
  'consensus',
]);

/**
 * Turns one imported record into a task row. A record without a `data` key is a bare task whose
 * whole object is its data (as Label Studio accepts). Records with annotations or predictions are
 * validated against the project's labeling schema; the common bare-data record takes a fast path
 * with no schema library in the loop.
 */
export function toTaskRow(
  rec: SourceRecord,
  schema: LabelingSchema,
  mapData?: (data: Record<string, unknown>) => void,
): Converted {
  if (rec.error !== undefined) return { error: rec.error };
  let value: unknown;
  if (rec.text !== undefined) {
    try {
      value = JSON.parse(rec.text);
    } catch (err) {
      return { error: `not valid JSON: ${(err as Error).message}` };
    }
  } else value = rec.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'a task must be a JSON object' };
  }
  const obj = value as Record<string, unknown>;
  if (!('data' in obj)) {
    mapData?.(obj);
    // Data is stored in canonical form (keys sorted): the stored text is also what is hashed.
    const data = canonicalJsonWithin(obj);
    if (data === undefined) return { error: TOO_DEEP };
    const hash = hashText(data);
    return { row: { data, meta: null, provenance: null, hash, key: hashKey(hash) } };
  }
  if (depthExceeds(value)) return { error: TOO_DEEP };
  for (const k of Object.keys(obj)) {
    if (!TASK_KEYS.has(k))
      return { error: `unknown top-level key "${k}": put task fields inside "data"` };
  }
  const parsed = parseTask(obj);
  if (!parsed.ok) return { error: parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
  const task = parsed.value;
  mapData?.(task.data as Record<string, unknown>);
  const data = canonicalJson(task.data);
  const row: TaskRow = {
    data,
    meta: task.meta ? JSON.stringify(task.meta) : null,
    provenance: task.provenance ? JSON.stringify(task.provenance) : null,
    hash: hashText(data),
    key: 0,
  };
  row.key = hashKey(row.hash);
  const dataFields = task.data as Record<string, unknown>;
  if (task.predictions?.length) {
    row.predictions = [];
    for (const [i, p] of task.predictions.entries()) {
      const v = validateRegions(schema, p.regions, dataFields);
      if (!v.ok)
        return { error: `predictions[${i}].${v.issues[0]!.path}: ${v.issues[0]!.message}` };
      row.predictions.push({
        model: p.model,
        model_version: p.model_version,
        score: p.score ?? null,
        regions: JSON.stringify(v.value),
      });
    }
  }
  if (task.annotations?.length) {
    row.annotations = [];
    for (const [i, a] of task.annotations.entries()) {
      const v = validateRegions(schema, a.regions, dataFields);
      if (!v.ok)
        return { error: `annotations[${i}].${v.issues[0]!.path}: ${v.issues[0]!.message}` };
      row.annotations.push({
        status: a.status ?? 'submitted',
        origin: a.origin ?? 'human',
        regions: JSON.stringify(v.value),
        lead_time_ms: a.lead_time_ms ?? null,
        labels: regionLabels(v.value),
      });
    }
  }
  return { row };
}
