/**
 * Per-region attributes of the selected region, as the control defines them (yes/no, choice,
 * several choices, text, number). Each change is one undo step.
 *
 * @example
 * <AttributesPanel />
 */
import { useTranslation } from 'react-i18next';
import type { AttributeDef } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';

function AttributeInput({
  def,
  value,
  onChange,
  disabled,
}: {
  def: AttributeDef;
  value: unknown;
  onChange: (v: string | number | boolean | string[] | undefined) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  switch (def.type) {
    case 'boolean':
      return (
        <input
          type="checkbox"
          checked={value === true}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'choice':
      return (
        <select
          value={typeof value === 'string' ? value : ''}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value || undefined)}
        >
          <option value="">{t('editor.attr_none')}</option>
          {(def.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'multichoice': {
      const list = Array.isArray(value) ? (value as string[]) : [];
      return (
        <span className="chips">
          {(def.options ?? []).map((o) => (
            <label key={o} className="row small">
              <input
                type="checkbox"
                disabled={disabled}
                checked={list.includes(o)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...list, o] : list.filter((x) => x !== o))
                }
              />
              {o}
            </label>
          ))}
        </span>
      );
    }
    case 'number':
      return (
        <input
          type="number"
          disabled={disabled}
          defaultValue={typeof value === 'number' ? value : ''}
          onBlur={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    default:
      return (
        <input
          disabled={disabled}
          defaultValue={typeof value === 'string' ? value : ''}
          onBlur={(e) => onChange(e.target.value)}
        />
      );
  }
}

/** Attributes of the selected region. */
export function AttributesPanel() {
  const { t } = useTranslation();
  const { regions, schema, state, commands, readOnly } = useEditor();
  const r = regions.find((x) => x.id === state.selectedId);
  const c = r && schema.controls.find((x) => x.name === r.control);
  const defs = c?.attributes ?? [];
  if (!r || defs.length === 0) return null;
  return (
    <section className="side-section" aria-label={t('editor.attributes')}>
      <h3>{t('editor.attributes')}</h3>
      <div className="attr-form" key={r.id}>
        {defs.map((d) => (
          <label key={d.name} className="attr-field">
            <span>
              {d.name}
              {d.required && <span className="required">*</span>}
            </span>
            <AttributeInput
              def={d}
              value={r.attributes?.[d.name]}
              disabled={readOnly}
              onChange={(v) => commands.setAttribute(r.id, d.name, v)}
            />
          </label>
        ))}
      </div>
    </section>
  );
}
