import type { Readable } from 'node:stream';
import type { LabelingSchema } from '@tessera/core/format';
import { readConverted, type ConvertedFormat } from '../import/convert-records.ts';
import { readCsv } from '../import/parse-csv.ts';
import { readJsonArray } from '../import/parse-json.ts';
import { readJsonlBatches } from '../import/parse-jsonl.ts';
import type { SourceRecord } from '../import/records.ts';
import { toTaskRow } from '../import/to-task-row.ts';
import { now, type Store } from '../store/db.ts';
import { refreshStatistics, taskBatchWriter, type TaskRow } from '../store/task-bulk.repository.ts';
import { JobsRepository } from '../store/jobs.repository.ts';
import { checkLicence } from '../compliance/licence.service.ts';
import type { LicencePolicy } from '../compliance/compliance-settings.ts';

/** jsonl/json/csv carry interchange tasks (or bare data); the rest go through a converter. */
export type ImportFormat = 'jsonl' | 'json' | 'csv' | ConvertedFormat;
export type OnError = 'abort' | 'skip';

/** A refused record: where it was and why. */
export interface RecordError {
  line: number;
  message: string;
}

/** Exactly what an import stored and what it did not. */
export interface ImportReport {
  import_id: number;
  status: 'completed' | 'aborted';
  format: ImportFormat;
  on_error: OnError;
  records_read: number;
  stored: number;
  duplicates: number;
  failed: number;
  /** The first 1,000 refused records; `errors_truncated` says whether there were more. */
  errors: RecordError[];
  errors_truncated: boolean;
  /** With `abort`: the line that stopped the import; nothing at or after it was stored. */
  stopped_at_line: number | null;
  /** The background job appending the stored tasks' provenance leaves (null when none stored). */
  ledger_job: number | null;
  /** Stored records whose licence is outside the project's policy (mode `flag`), with examples. */
  licence_flagged: number;
  licence_flags: RecordError[];
  message: string;
}

export interface ImportInput {
  store: Store;
  projectId: number;
  schema: LabelingSchema;
  userId: number | null;
  input: Readable;
  format: ImportFormat;
  onError: OnError;
  source?: string;
  maxRecordBytes: number;
  batchSize?: number;
  /** The project's licence policy: records outside it are flagged, or refused in `block` mode. */
  licences?: LicencePolicy | undefined;
  /** Adjusts each record's data before it is hashed and stored (e.g. archive paths → media URLs). */
  mapData?: (data: Record<string, unknown>) => void;
  /** Called after every stored batch. */
  onProgress?: (p: { records: number; stored: number; duplicates: number; failed: number }) => void;
}

const MAX_ERRORS_KEPT = 1000;

/**
 * Streams tasks into a project. Records are parsed one by one and stored in batches, each batch
 * in one transaction (see insertTaskBatch). With `abort` the import stops at the first bad record
 * after storing the valid records before it; with `skip` bad records are reported and passed.
 * Either way the report lists what was refused, by line.
 *
 * @example
 * const report = await importTasks({ store, projectId, schema, userId, input: req.raw,
 *   format: 'jsonl', onError: 'skip', maxRecordBytes: 5e6 });
 */
export async function importTasks(opts: ImportInput): Promise<ImportReport> {
  const { store, projectId, format, onError } = opts;
  // Larger batches mean fewer commits, and each SQLite commit rewrites most of the content-key
  // index's pages into the WAL (random keys): 20,000 per batch runs about twice as fast as 5,000
  // at a million tasks (bench/README.md), at ~10 MB of rows in flight.
  const batchSize = opts.batchSize ?? (store.dialect === 'sqlite' ? 20_000 : 10_000);
  const created = await store.db
    .insertInto('imports')
    .values({
      project_id: projectId,
      status: 'running',
      format,
      on_error: onError,
      source: opts.source ?? null,
      records_read: 0,
      stored: 0,
      duplicates: 0,
      failed: 0,
      errors: '[]',
      created_by: opts.userId,
      created_at: now(),
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const importId = created.id;
  const errors: RecordError[] = [];
  let failed = 0;
  let records = 0;
  let stored = 0;
  let duplicates = 0;
  let stoppedAt: number | null = null;
  let licenceFlags = 0;
  const licenceFlagged: RecordError[] = [];
  let batch: TaskRow[] = [];
  // Batches are written while the next is parsed, on PostgreSQL two at once (taskBatchWriter
  // says what that keeps of the file's order).
  const writer = taskBatchWriter(store, projectId);
  const inflight: Promise<void>[] = [];
  let writeError: unknown;

  const childBatchSize = Math.max(1, Math.floor(batchSize / 4));
  let withChildren = false;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    withChildren = false;
    while (inflight.length >= writer.concurrency) await inflight.shift();
    if (writeError) throw writeError;
    inflight.push(
      writer.write(rows, { importId, recordsRead: records, failed }).then(
        (res) => {
          stored += res.stored;
          duplicates += res.duplicates;
          opts.onProgress?.({ records, stored, duplicates, failed });
        },
        (err: unknown) => {
          writeError ??= err;
        },
      ),
    );
  };
  const drain = async () => {
    while (inflight.length > 0) await inflight.shift();
    if (writeError) throw writeError;
  };

  const source = readerFor(format, opts.input, opts.maxRecordBytes, opts.schema);
  try {
    records: for await (const recs of source)
      for (const rec of recs) {
        records++;
        const out = toTaskRow(rec, opts.schema, opts.mapData);
        if (out.error !== undefined) {
          failed++;
          if (errors.length < MAX_ERRORS_KEPT) errors.push({ line: rec.line, message: out.error });
          if (onError === 'abort' || isFatal(rec)) {
            stoppedAt = rec.line;
            break records;
          }
          continue;
        }
        const licence = opts.licences && checkLicence(opts.licences, provenanceLicence(out.row));
        if (licence && licence.status === 'blocked') {
          failed++;
          if (errors.length < MAX_ERRORS_KEPT)
            errors.push({ line: rec.line, message: licence.message });
          if (onError === 'abort') {
            stoppedAt = rec.line;
            break records;
          }
          continue;
        }
        if (licence && licence.status === 'flagged') {
          licenceFlags++;
          if (licenceFlagged.length < 100)
            licenceFlagged.push({ line: rec.line, message: licence.message });
        }
        batch.push(out.row);
        // Rows with annotations or predictions are objects several times their text's size:
        // their batches stay at a quarter of the size, which keeps the peak memory down.
        if (out.row.annotations || out.row.predictions) withChildren = true;
        if (batch.length >= (withChildren ? childBatchSize : batchSize)) await flush();
      }
    await flush();
    await drain();
  } finally {
    await Promise.all(inflight);
    opts.input.resume(); // drain what is left so the client gets its answer
  }

  if (stored >= 10_000) await refreshStatistics(store);
  // Fold the import's WAL into the database in the writer thread, off the request's path.
  // (A small import leaves that to the writer's timer: a checkpoint queued now would make the
  // next small import wait for it.)
  if (store.dialect === 'sqlite' && stored >= 10_000)
    void store.writer.checkpoint().catch(() => {});
  const status = stoppedAt === null ? 'completed' : 'aborted';
  const report: ImportReport = {
    import_id: importId,
    status,
    format,
    on_error: onError,
    records_read: records,
    stored,
    duplicates,
    failed,
    errors,
    errors_truncated: failed > errors.length,
    stopped_at_line: stoppedAt,
    ledger_job: null,
    licence_flagged: licenceFlags,
    licence_flags: licenceFlagged,
    message: describe(status, stored, duplicates, failed, stoppedAt, errors[0]),
  };
  await store.db
    .updateTable('imports')
    .set({
      status,
      records_read: records,
      failed,
      errors: JSON.stringify(errors),
      finished_at: now(),
    })
    .where('id', '=', importId)
    .execute();
  // Provenance leaves for the stored tasks are appended by a job, off the import's hot path.
  if (stored > 0) {
    const job = await new JobsRepository(store.db, store.dialect).enqueue({
      project_id: projectId,
      kind: 'ledger.import',
      params: { import_id: importId },
      created_by: opts.userId,
    });
    report.ledger_job = job.id;
  }
  return report;
}

/** The records of an upload in arrays (JSONL comes a chunk at a time, the rest one by one). */
function readerFor(
  format: ImportFormat,
  input: Readable,
  max: number,
  schema: LabelingSchema,
): AsyncIterable<SourceRecord[]> {
  if (format === 'ls' || format === 'coco' || format === 'conll' || format === 'hf')
    return oneByOne(readConverted(format, schema, input, max));
  if (format === 'csv') return oneByOne(readCsv(input, max));
  if (format === 'json') return oneByOne(readJsonArray(input, max));
  return readJsonlBatches(input, max);
}

async function* oneByOne(records: AsyncIterable<SourceRecord>): AsyncGenerator<SourceRecord[]> {
  for await (const rec of records) yield [rec];
}

/** A broken JSON document or CSV stream leaves nothing trustworthy after the error. */
function isFatal(rec: SourceRecord): boolean {
  return rec.error !== undefined && rec.fatal === true;
}

function describe(
  status: 'completed' | 'aborted',
  stored: number,
  duplicates: number,
  failed: number,
  stoppedAt: number | null,
  first: RecordError | undefined,
): string {
  const dup = duplicates ? `; ${duplicates} already stored (same content) were skipped` : '';
  if (status === 'aborted') {
    return `Stopped at line ${stoppedAt}: ${first?.message}. Stored ${stored} task(s) from before that line${dup}; nothing from line ${stoppedAt} on was stored. Fix the line and re-run the same file: stored tasks are skipped.`;
  }
  const bad = failed ? `; ${failed} record(s) were refused and not stored (see errors)` : '';
  return `Stored ${stored} task(s)${dup}${bad}.`;
}

/** Marks imports left `running` by a stopped server as failed, with how to resume. */
export async function failInterruptedImports(store: Store): Promise<number> {
  const res = await store.db
    .updateTable('imports')
    .set({
      status: 'failed',
      finished_at: now(),
      errors: JSON.stringify([
        {
          line: 0,
          message:
            'interrupted: the server stopped during the import. Re-run the same file to resume; stored tasks are skipped by content hash.',
        },
      ]),
    })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

function provenanceLicence(row: TaskRow): string | undefined {
  if (!row.provenance) return undefined;
  const p = JSON.parse(row.provenance) as { licence?: unknown };
  return typeof p.licence === 'string' ? p.licence : undefined;
}
