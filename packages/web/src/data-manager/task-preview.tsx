/**
 * A one-line preview of a task in the table: the first field's text, an image thumbnail, or
 * the last turn of a dialogue. Task data is user content and is rendered as text only.
 *
 * @example
 * <TaskPreview task={task} schema={project.schema} />
 */
import type { Task } from '../api/types.ts';
import { safeImageUrl } from '../components/safe-url.ts';
import type { LabelingSchema } from '../schema/types.ts';

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const last = v[v.length - 1] as unknown;
    if (last && typeof last === 'object') {
      const o = last as Record<string, unknown>;
      return asText(o.content ?? o.text ?? '');
    }
    return asText(last);
  }
  return v === undefined || v === null ? '' : JSON.stringify(v);
}

/** Preview cell content. */
export function TaskPreview({ task, schema }: { task: Task; schema: LabelingSchema }) {
  const image = schema.fields.find((f) => f.type === 'image');
  const src = image ? safeImageUrl(task.data[image.name]) : undefined;
  const textField = schema.fields.find((f) => f.type !== 'image') ?? schema.fields[0];
  const text = textField ? asText(task.data[textField.name]) : '';
  return (
    <span className="task-preview">
      {src && <img src={src} alt="" className="thumb" loading="lazy" />}
      {text && (
        <span className="task-preview-text">
          {text.length > 160 ? `${text.slice(0, 160)}…` : text}
        </span>
      )}
    </span>
  );
}
