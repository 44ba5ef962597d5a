/**
 * Builds an interchange-format JSONL file (docs/FORMAT.md) from selected tasks, for "export
 * selection": the server's export covers the whole project, so a selection is assembled here
 * from the task details the API already returns.
 *
 * @example
 * const jsonl = toJsonl(details); // one task per line with annotations and predictions
 */
import type { TaskDetail } from '../api/types.ts';

/** One task line of the interchange format. */
export function toExportRecord(d: TaskDetail): Record<string, unknown> {
  const rec: Record<string, unknown> = { id: d.task.id, data: d.task.data };
  if (d.task.meta && Object.keys(d.task.meta).length) rec.meta = d.task.meta;
  if (d.task.provenance && Object.keys(d.task.provenance).length)
    rec.provenance = d.task.provenance;
  const annotations = d.annotations
    .filter((a) => a.status !== 'draft')
    .map((a) => ({
      id: a.id,
      regions: a.regions,
      origin: a.origin,
      status: a.status,
      ...(a.lead_time_ms != null ? { lead_time_ms: a.lead_time_ms } : {}),
      ...(a.schema_version != null ? { schema_version: a.schema_version } : {}),
      created_at: a.created_at,
    }));
  if (annotations.length) rec.annotations = annotations;
  const predictions = d.predictions.map((p) => ({
    id: p.id,
    model: p.model,
    model_version: p.model_version,
    ...(p.score != null ? { score: p.score } : {}),
    regions: p.regions,
  }));
  if (predictions.length) rec.predictions = predictions;
  return rec;
}

/** JSONL text of the tasks, one per line, ending with a newline. */
export function toJsonl(details: readonly TaskDetail[]): string {
  return (
    details.map((d) => JSON.stringify(toExportRecord(d))).join('\n') + (details.length ? '\n' : '')
  );
}
