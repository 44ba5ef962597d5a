/**
 * Edits the data fields: the keys of `task.data` the editor shows and their types.
 *
 * @example
 * <FieldsEditor fields={schema.fields} onChange={(fields) => set({ ...schema, fields })} />
 */
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES, type SchemaField } from './types.ts';

/** Props of FieldsEditor. */
export interface FieldsEditorProps {
  fields: SchemaField[];
  onChange: (fields: SchemaField[]) => void;
}

/** Field list editor. */
export function FieldsEditor({ fields, onChange }: FieldsEditorProps) {
  const { t } = useTranslation();
  const set = (i: number, f: SchemaField) => onChange(fields.map((x, j) => (j === i ? f : x)));
  return (
    <div className="fields-editor">
      {fields.map((f, i) => (
        <div className="field-row" key={i}>
          <input
            aria-label={t('schema.field_name')}
            value={f.name}
            onChange={(e) => set(i, { ...f, name: e.target.value })}
          />
          <select
            aria-label={t('schema.field_type')}
            value={f.type}
            onChange={(e) => set(i, { ...f, type: e.target.value as SchemaField['type'] })}
          >
            {FIELD_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`fields.${ty}`)}
              </option>
            ))}
          </select>
          <input
            aria-label={t('schema.field_label')}
            placeholder={t('schema.field_label')}
            value={f.label ?? ''}
            onChange={(e) => set(i, { ...f, label: e.target.value })}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={t('common.remove')}
            onClick={() => onChange(fields.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small button-ghost add-row"
        onClick={() => onChange([...fields, { name: `field_${fields.length + 1}`, type: 'text' }])}
      >
        + {t('schema.add_field')}
      </button>
    </div>
  );
}
