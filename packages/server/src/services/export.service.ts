import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { LabelingSchema } from '@tessera/core/format';
import type { Store } from '../store/db.ts';
import { readExportPage, type ExportPage } from '../store/export.repository.ts';
import { regionLabels } from './labels.ts';

export type ExportFormat = 'jsonl' | 'csv';

export interface ExportOptions {
  store: Store;
  projectId: number;
  schema: LabelingSchema;
  format: ExportFormat;
  out: Writable;
  pageSize?: number;
  onProgress?: (tasksWritten: number) => void;
  /** Stops between pages when it returns true (job cancelled, client gone). */
  shouldStop?: () => boolean;
}

/**
 * Streams a project in the interchange format (JSONL) or as CSV, page by page, honouring
 * back-pressure. Stored JSON is copied as text, never re-parsed, which is what makes it fast.
 * Returns the number of tasks written.
 */
export async function writeExport(opts: ExportOptions): Promise<number> {
  const { out } = opts;
  const pageSize = opts.pageSize ?? 5000;
  const csvFields = opts.schema.fields.map((f) => f.name);
  if (opts.format === 'csv')
    out.write(csvRow(['id', ...csvFields, 'status', 'labels', 'annotations']) + '\n');
  let after = 0;
  let written = 0;
  for (;;) {
    if (opts.shouldStop?.()) break;
    const page = await readExportPage(opts.store.db, opts.projectId, after, pageSize);
    if (page.tasks.length === 0) break;
    const chunk = opts.format === 'csv' ? csvPage(page, csvFields) : jsonlPage(page);
    if (!out.write(chunk)) await once(out, 'drain');
    written += page.tasks.length;
    after = page.tasks[page.tasks.length - 1]!.id;
    opts.onProgress?.(written);
    if (page.tasks.length < pageSize) break;
  }
  return written;
}

function jsonlPage(page: ExportPage): string {
  let s = '';
  for (const t of page.tasks) {
    s += `{"id":${t.id},"data":${t.data}`;
    if (t.meta) s += `,"meta":${t.meta}`;
    if (t.provenance) s += `,"provenance":${t.provenance}`;
    s += `,"status":"${t.status}"`;
    const anns = page.annotations.get(t.id);
    if (anns) {
      s +=
        ',"annotations":[' +
        anns
          .map(
            (a) =>
              `{"id":${a.id},"annotator":${a.created_by === null ? 'null' : JSON.stringify(String(a.created_by))},"origin":"${a.origin}","status":"${a.status}","version":${a.version},"lead_time_ms":${a.lead_time_ms ?? 'null'},"created_at":"${a.created_at}","updated_at":"${a.updated_at}","regions":${a.regions}}`,
          )
          .join(',') +
        ']';
    }
    const preds = page.predictions.get(t.id);
    if (preds) {
      s +=
        ',"predictions":[' +
        preds
          .map(
            (p) =>
              `{"id":${p.id},"model":${JSON.stringify(p.model)},"model_version":${JSON.stringify(p.model_version)},"score":${p.score ?? 'null'},"regions":${p.regions}}`,
          )
          .join(',') +
        ']';
    }
    s += '}\n';
  }
  return s;
}

function csvPage(page: ExportPage, fields: string[]): string {
  let s = '';
  for (const t of page.tasks) {
    const data = JSON.parse(t.data) as Record<string, unknown>;
    const anns = page.annotations.get(t.id) ?? [];
    const labels = new Set<string>();
    const regions = anns.map((a) => {
      const r = JSON.parse(a.regions) as { value?: unknown }[];
      for (const l of regionLabels(r)) labels.add(l);
      return { id: a.id, annotator: a.created_by, status: a.status, regions: r };
    });
    const cells = fields.map((f) => {
      const v = data[f];
      return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    });
    s +=
      csvRow([
        String(t.id),
        ...cells,
        t.status,
        [...labels].join(';'),
        anns.length ? JSON.stringify(regions) : '',
      ]) + '\n';
  }
  return s;
}

/**
 * One CSV line. Cells that a spreadsheet would run as a formula (leading = + - @, TAB or CR)
 * get a leading apostrophe (OWASP CSV injection guidance); cells with separators are quoted.
 */
export function csvRow(cells: string[]): string {
  return cells.map(csvCell).join(',');
}

export function csvCell(v: string): string {
  let c = v;
  if (/^[=+\-@\t\r]/.test(c)) c = "'" + c;
  return /[",\n\r]/.test(c) ? '"' + c.replace(/"/g, '""') + '"' : c;
}
