/**
 * Audio and video fields are shown for context (labeling time ranges is not in this editor
 * yet); other field types show their value as text.
 *
 * @example
 * <MediaField type="audio" value={task.data.clip} />
 */
import { useTranslation } from 'react-i18next';

function safeMediaUrl(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  return /^https?:\/\//i.test(v) || (v.startsWith('/') && !v.startsWith('//')) ? v : undefined;
}

/** Audio, video, or a plain value. */
export function MediaField({ type, value }: { type: string; value: unknown }) {
  const { t } = useTranslation();
  const url = safeMediaUrl(value);
  if (type === 'audio' && url) return <audio className="media" controls src={url} />;
  if (type === 'video' && url) return <video className="media" controls src={url} />;
  if (type === 'url' && typeof value === 'string') return <p className="mono">{value}</p>;
  if (value === undefined) return <p className="muted">{t('editor.missing_field')}</p>;
  return (
    <pre className="plain-value">
      {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
    </pre>
  );
}
