/**
 * Edits the per-region attributes a control asks for (e.g. `occluded: yes/no`, a colour
 * choice). Options are typed as a comma-separated list.
 *
 * @example
 * <AttributesEditor attributes={c.attributes ?? []} onChange={(attributes) => update({ ...c, attributes })} />
 */
import { useTranslation } from 'react-i18next';
import type { AttributeDef } from './types.ts';

const TYPES: AttributeDef['type'][] = ['boolean', 'choice', 'multichoice', 'text', 'number'];

/** Props of AttributesEditor. */
export interface AttributesEditorProps {
  attributes: AttributeDef[];
  onChange: (attributes: AttributeDef[]) => void;
}

function withType(a: AttributeDef, type: AttributeDef['type']): AttributeDef {
  const next: AttributeDef = { ...a, type };
  if (type === 'choice' || type === 'multichoice') next.options = a.options ?? [];
  else delete next.options;
  return next;
}

/** Attribute list editor. */
export function AttributesEditor({ attributes, onChange }: AttributesEditorProps) {
  const { t } = useTranslation();
  const set = (i: number, a: AttributeDef) => onChange(attributes.map((x, j) => (j === i ? a : x)));
  return (
    <div className="attributes-editor">
      {attributes.map((a, i) => (
        <div className="attr-row" key={i}>
          <input
            aria-label={t('schema.attribute_name')}
            value={a.name}
            placeholder={t('schema.attribute_name')}
            onChange={(e) => set(i, { ...a, name: e.target.value })}
          />
          <select
            aria-label={t('schema.attribute_type')}
            value={a.type}
            onChange={(e) => set(i, withType(a, e.target.value as AttributeDef['type']))}
          >
            {TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`schema.attribute_types.${ty}`)}
              </option>
            ))}
          </select>
          {a.options !== undefined ? (
            <input
              aria-label={t('schema.attribute_options')}
              placeholder={t('schema.attribute_options')}
              value={a.options.join(', ')}
              onChange={(e) =>
                set(i, {
                  ...a,
                  options: e.target.value
                    .split(/[,，]/)
                    .map((o) => o.trim())
                    .filter((o, k, all) => o !== '' || k === all.length - 1),
                })
              }
            />
          ) : (
            <span />
          )}
          <label className="row small">
            <input
              type="checkbox"
              checked={a.required ?? false}
              onChange={(e) => set(i, { ...a, required: e.target.checked || undefined })}
            />
            {t('schema.required')}
          </label>
          <button
            type="button"
            className="icon-button"
            aria-label={t('common.remove')}
            onClick={() => onChange(attributes.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small button-ghost add-row"
        onClick={() =>
          onChange([...attributes, { name: `attr_${attributes.length + 1}`, type: 'boolean' }])
        }
      >
        + {t('schema.add_attribute')}
      </button>
    </div>
  );
}
