/**
 * Import tasks: paste or pick a JSONL / JSON / CSV file, or upload images (each becomes a
 * task whose image field points at the stored file). Shows the server's import report.
 *
 * @example
 * <ImportDialog open project={p} onClose={close} onImported={reload} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFormat } from '../api/client.ts';
import type { ImportReport, Project } from '../api/types.ts';
import { api } from '../app/api.ts';
import { Dialog } from '../components/dialog.tsx';
import { errorMessage } from '../components/error-message.ts';

/** Props of ImportDialog. */
export interface ImportDialogProps {
  open: boolean;
  project: Project;
  onClose: () => void;
  onImported: () => void;
}

function guessFormat(name: string): ImportFormat {
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  return 'jsonl';
}

/** Import dialog. */
export function ImportDialog({ open, project, onClose, onImported }: ImportDialogProps) {
  const { t } = useTranslation();
  const imageField = project.schema.fields.find((f) => f.type === 'image')?.name;
  const [mode, setMode] = useState<'data' | 'images'>('data');
  const [format, setFormat] = useState<ImportFormat>('jsonl');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [images, setImages] = useState<File[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      let r: ImportReport;
      if (mode === 'images' && imageField) {
        const urls: string[] = [];
        for (const img of images) urls.push((await api.uploadMedia(project.id, img)).url);
        r = await api.importTasks(
          project.id,
          urls.map((u) => JSON.stringify({ data: { [imageField]: u } })).join('\n'),
          'jsonl',
        );
      } else {
        r = await api.importTasks(project.id, file ?? text, format);
      }
      setReport(r);
      onImported();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const ready = mode === 'images' ? images.length > 0 : file !== null || text.trim() !== '';
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
                <select value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)}>
                  <option value="jsonl">JSONL</option>
                  <option value="json">JSON</option>
                  <option value="csv">CSV</option>
                </select>
              </label>
              <label className="field">
                <span>{t('import.file')}</span>
                <input
                  type="file"
                  accept=".jsonl,.ndjson,.json,.csv,.txt"
                  onChange={(e) => {
                    const f = e.target.files?.[0] ?? null;
                    setFile(f);
                    if (f) setFormat(guessFormat(f.name.toLowerCase()));
                  }}
                />
              </label>
            </div>
            {!file && (
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
            <p className="form-hint">{t('import.hint')}</p>
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
        {report && (
          <div
            className={report.failed > 0 ? 'import-report warn' : 'import-report'}
            data-testid="import-report"
          >
            <strong>
              {t('import.report', {
                stored: report.stored,
                duplicates: report.duplicates,
                failed: report.failed,
              })}
            </strong>
            {report.errors.length > 0 && (
              <ul>
                {report.errors.slice(0, 20).map((e, i) => (
                  <li key={i}>
                    {t('import.line', { line: e.line })}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}
