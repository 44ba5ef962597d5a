/**
 * Import tasks: pick a file or paste text in Tessera's formats (JSONL, JSON, CSV) or another
 * tool's (Label Studio JSON, COCO, CoNLL, Hugging Face JSONL), or a zip (YOLO, Pascal VOC or
 * COCO dataset with its images); the format is detected from the file (name, and the first
 * bytes of a `.json`) and can be changed. Or upload images (each becomes a task whose image
 * field points at the stored file). A refused record is skipped or stops the import, as the
 * user chooses. Shows the server's report with every refused record.
 *
 * @example
 * <ImportDialog open project={p} onClose={close} onImported={reload} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  detectFormat,
  IMPORT_ACCEPT,
  IMPORT_CHOICES,
  type ImportChoice,
  type ImportOnError,
} from '../api/import-formats.ts';
import type { ArchiveImportReport, ImportReport, Project } from '../api/types.ts';
import { api } from '../app/api.ts';
import { Dialog } from '../components/dialog.tsx';
import { errorMessage } from '../components/error-message.ts';
import { ArchiveReportView, ImportReportView } from './import-report.tsx';

/** Props of ImportDialog. */
export interface ImportDialogProps {
  open: boolean;
  project: Project;
  onClose: () => void;
  onImported: () => void;
}

/** The first bytes of a file, for telling a Label Studio or COCO `.json` from plain JSON. */
async function headOf(file: File): Promise<string | undefined> {
  if (!file.name.toLowerCase().endsWith('.json')) return undefined;
  try {
    return await file.slice(0, 4096).text();
  } catch {
    return undefined;
  }
}

/** Import dialog. */
export function ImportDialog({ open, project, onClose, onImported }: ImportDialogProps) {
  const { t } = useTranslation();
  const imageField = project.schema.fields.find((f) => f.type === 'image')?.name;
  const [mode, setMode] = useState<'data' | 'images'>('data');
  const [format, setFormat] = useState<ImportChoice>('jsonl');
  const [onError, setOnError] = useState<ImportOnError>('skip');
  const [detected, setDetected] = useState<ImportChoice | undefined>(undefined);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [images, setImages] = useState<File[]>([]);
  const [report, setReport] = useState<
    | { kind: 'file'; r: ImportReport; format: ImportChoice }
    | { kind: 'zip'; r: ArchiveImportReport }
    | null
  >(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(null);
      if (mode === 'images' && imageField) {
        const urls: string[] = [];
        for (const img of images) urls.push((await api.uploadMedia(project.id, img)).url);
        const r = await api.importTasks(
          project.id,
          urls.map((u) => JSON.stringify({ data: { [imageField]: u } })).join('\n'),
          'jsonl',
        );
        setReport({ kind: 'file', r, format: 'jsonl' });
      } else if (format === 'zip') {
        if (!file) return;
        setReport({ kind: 'zip', r: await api.importArchive(project.id, file, onError) });
      } else {
        const r = await api.importTasks(project.id, file ?? text, format, onError);
        setReport({ kind: 'file', r, format });
      }
      onImported();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const ready =
    mode === 'images'
      ? images.length > 0
      : format === 'zip'
        ? file !== null
        : file !== null || text.trim() !== '';
  return (
    <Dialog
      open={open}
      wide
      title={t('import.title')}
      onClose={onClose}
      testId="import-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!ready || busy}
            onClick={() => void run()}
            data-testid="import-run"
          >
            {busy ? t('common.working') : t('import.run')}
          </button>
        </>
      }
    >
      <div className="form">
        {imageField && (
          <div className="segmented" role="group">
            <button type="button" aria-pressed={mode === 'data'} onClick={() => setMode('data')}>
              {t('import.mode_data')}
            </button>
            <button
              type="button"
              aria-pressed={mode === 'images'}
              onClick={() => setMode('images')}
            >
              {t('import.mode_images')}
            </button>
          </div>
        )}
        {mode === 'data' ? (
          <>
            <div className="row row-bottom">
              <label className="field">
                <span>{t('import.format')}</span>
                <select
                  name="import-format"
                  value={format}
                  onChange={(e) => setFormat(e.target.value as ImportChoice)}
                  data-testid="import-format"
                >
                  {IMPORT_CHOICES.map((f) => (
                    <option key={f} value={f}>
                      {t(`import.formats.${f}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('import.file')}</span>
                <input
                  type="file"
                  accept={IMPORT_ACCEPT}
                  data-testid="import-file"
                  onChange={(e) => {
                    const f = e.target.files?.[0] ?? null;
                    setFile(f);
                    setReport(null);
                    setDetected(undefined);
                    if (f)
                      void headOf(f).then((head) => {
                        const d = detectFormat(f.name, head);
                        setDetected(d);
                        if (d) setFormat(d);
                      });
                  }}
                />
              </label>
              <label className="field">
                <span>{t('import.on_error')}</span>
                <select
                  name="import-on-error"
                  value={onError}
                  onChange={(e) => setOnError(e.target.value as ImportOnError)}
                  data-testid="import-on-error"
                >
                  <option value="skip">{t('import.on_error_skip')}</option>
                  <option value="abort">{t('import.on_error_abort')}</option>
                </select>
              </label>
            </div>
            {file && (
              <p className="form-hint" data-testid="import-detected">
                {detected
                  ? t('import.detected', { format: t(`import.formats.${detected}`) })
                  : t('import.not_detected')}
              </p>
            )}
            {!file && format !== 'zip' && (
              <label className="field">
                <span>{t('import.paste')}</span>
                <textarea
                  rows={8}
                  className="mono"
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  placeholder={`{"data": {"${project.schema.fields[0]?.name ?? 'text'}": "…"}}`}
                />
              </label>
            )}
            <p className="form-hint" data-testid="import-hint">
              {t(`import.hints.${format}`)}
            </p>
          </>
        ) : (
          <label className="field">
            <span>{t('import.images')}</span>
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp,image/gif"
              multiple
              onChange={(e) => setImages(Array.from(e.target.files ?? []))}
            />
          </label>
        )}
        {error && <p className="form-error">{error}</p>}
        {report?.kind === 'file' && <ImportReportView report={report.r} format={report.format} />}
        {report?.kind === 'zip' && <ArchiveReportView report={report.r} />}
      </div>
    </Dialog>
  );
}
