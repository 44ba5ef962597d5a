/**
 * The raw JSON view of the schema, for what the form does not cover (link controls, bulk
 * label lists). Valid JSON is passed up at once; invalid JSON shows the parse error and keeps
 * the text as typed.
 *
 * @example
 * <SchemaJson value={schema} onChange={setSchema} />
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabelingSchema } from './types.ts';

/** Props of SchemaJson. */
export interface SchemaJsonProps {
  value: LabelingSchema;
  onChange: (s: LabelingSchema) => void;
}

/** JSON textarea for the schema. */
export function SchemaJson({ value, onChange }: SchemaJsonProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);

  // Follow outside changes (e.g. the form tab) unless the text already means the same thing.
  useEffect(() => {
    setText((cur) => {
      try {
        if (JSON.stringify(JSON.parse(cur)) === JSON.stringify(value)) return cur;
      } catch {
        // The user is mid-edit with broken JSON: keep their text.
        return cur;
      }
      return JSON.stringify(value, null, 2);
    });
  }, [value]);

  return (
    <div className="schema-json">
      <textarea
        aria-label={t('schema.json')}
        data-testid="schema-json"
        spellCheck={false}
        value={text}
        rows={22}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
              setError(t('schema.json_not_object'));
              return;
            }
            setError(null);
            onChange(parsed as LabelingSchema);
          } catch (err) {
            setError(t('schema.json_invalid', { message: (err as Error).message }));
          }
        }}
      />
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}
