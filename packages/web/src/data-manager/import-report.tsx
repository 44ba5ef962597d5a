/**
 * The server's import report, readable: what was stored, duplicates and refusals, and every
 * refused record with where it was (line of a JSONL/CSV/Label Studio/Hugging Face file, entry
 * of a COCO or CoNLL document) and why; for a zip, the same per task file plus the media
 * stored and the entries refused.
 *
 * @example
 * <ImportReportView report={r} format="ls" />
 * <ArchiveReportView report={zipReport} />
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportChoice } from '../api/import-formats.ts';
import type { ArchiveImportReport, ImportReport } from '../api/types.ts';

const SHOWN = 100;

/** COCO and CoNLL documents are reported by entry, the other formats by line. */
const byEntry = (format: ImportChoice) => format === 'coco' || format === 'conll';

/** Where a refused record was, as the user reads it. */
function whereKey(format: ImportChoice): 'import.line' | 'import.entry' {
  return byEntry(format) ? 'import.entry' : 'import.line';
}

/**
 * What the report means, in the reader's language (the server's `message` is English, for the
 * API and the CLI): what a stop at a bad record kept, and why records were skipped or refused.
 */
function summary(t: TFunction, report: ImportReport, format: ImportChoice): string[] {
  const out: string[] = [];
  // Line 0: the whole document was refused (a COCO or CoNLL file that cannot be read).
  if (report.status === 'aborted' && (report.stopped_at_line ?? 0) > 0) {
    const at = byEntry(format) ? 'import.at_entry' : 'import.at_line';
    out.push(
      t('import.summary_aborted', {
        where: t(at, { line: report.stopped_at_line! }),
        count: report.stored,
      }),
    );
  } else if (report.failed > 0) out.push(t('import.summary_refused', { count: report.failed }));
  if (report.duplicates > 0) out.push(t('import.summary_duplicates', { count: report.duplicates }));
  return out;
}

/** One task file's report. */
export function ImportReportView({
  report,
  format,
  title,
}: {
  report: ImportReport;
  format: ImportChoice;
  title?: string;
}) {
  const { t } = useTranslation();
  const bad = report.failed > 0 || report.status === 'aborted';
  return (
    <div className={bad ? 'import-report warn' : 'import-report'} data-testid="import-report">
      {title && <div className="import-report-file mono">{title}</div>}
      <strong>
        {t('import.report', {
          stored: report.stored,
          duplicates: report.duplicates,
          failed: report.failed,
        })}
      </strong>
      {summary(t, report, format).map((line) => (
        <p key={line} className="import-report-message" data-testid="import-summary">
          {line}
        </p>
      ))}
      {(report.licence_flagged ?? 0) > 0 && (
        <p className="import-report-message">
          {t('import.licence_flagged', { count: report.licence_flagged })}
        </p>
      )}
      {report.errors.length > 0 && (
        <>
          <p className="import-report-message">{t('import.errors_title')}</p>
          <ul className="import-errors" data-testid="import-errors">
            {report.errors.slice(0, SHOWN).map((e, i) => (
              <li key={i}>
                {e.line > 0 && (
                  <span className="import-error-where">
                    {t(whereKey(format), { line: e.line })}
                  </span>
                )}
                <span>{e.message}</span>
              </li>
            ))}
          </ul>
          {(report.errors.length > SHOWN || report.errors_truncated) && (
            <p className="small">
              {t('import.errors_more', { shown: Math.min(SHOWN, report.errors.length) })}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** A zip import's report. */
export function ArchiveReportView({ report }: { report: ArchiveImportReport }) {
  const { t } = useTranslation();
  const refused = report.media.refused;
  return (
    <div className="import-archive-report" data-testid="import-archive-report">
      <div className={refused.length ? 'import-report warn' : 'import-report'}>
        <strong>{t('import.archive_media', { stored: report.media.stored })}</strong>
        <p className="import-report-message">
          {t('import.archive_summary', {
            count: [...report.files.map((f) => f.report), report.image_tasks].reduce(
              (n, r) => n + (r?.stored ?? 0),
              0,
            ),
          })}
        </p>
        {refused.length > 0 && (
          <>
            <p className="import-report-message">
              {t('import.archive_refused', { count: refused.length })}
            </p>
            <ul className="import-errors">
              {refused.slice(0, SHOWN).map((r, i) => (
                <li key={i}>
                  <span className="import-error-where mono">{r.entry}</span>
                  <span>{r.reason}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {report.files.map((f) => (
        <ImportReportView key={f.entry} report={f.report} format="jsonl" title={f.entry} />
      ))}
      {report.image_tasks && (
        <ImportReportView
          report={report.image_tasks}
          format="jsonl"
          title={t('import.archive_image_tasks')}
        />
      )}
    </div>
  );
}
