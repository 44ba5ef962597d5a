/**
 * Edits one control: name, type, field, flags, and (where the type takes them) labels,
 * per-region attributes and the rating scale.
 *
 * @example
 * <ControlEditor control={c} fields={schema.fields} onChange={set} onRemove={remove} />
 */
import { useTranslation } from 'react-i18next';
import { fieldTypesForControl } from '@tessera/core/format';
import { AttributesEditor } from './attributes-editor.tsx';
import { labelsRule, optionApplies, retypeControl } from './control-options.ts';
import { LabelsEditor } from './labels-editor.tsx';
import {
  EDITABLE_CONTROL_TYPES,
  type FieldControl,
  type SchemaControl,
  type SchemaField,
} from './types.ts';

/** Props of ControlEditor. */
export interface ControlEditorProps {
  control: SchemaControl;
  index: number;
  fields: SchemaField[];
  onChange: (c: SchemaControl) => void;
  onRemove: () => void;
}

function Flag({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="row small flag">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** One control's form. */
export function ControlEditor({ control, index, fields, onChange, onRemove }: ControlEditorProps) {
  const { t } = useTranslation();
  if (control.type === 'link') {
    return (
      <div className="control-card">
        <p className="muted">{t('schema.link_json_only', { name: control.name })}</p>
      </div>
    );
  }
  const c: FieldControl = control;
  const set = (patch: Partial<FieldControl>) => onChange({ ...c, ...patch });
  const allowed = fieldTypesForControl(c.type);
  const fieldChoices = fields.filter((f) => allowed.includes(f.type));
  return (
    <div className="control-card" data-testid={`control-${index}`}>
      <div className="control-grid">
        <label className="field">
          <span>{t('schema.control_name')}</span>
          <input value={c.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('schema.control_type')}</span>
          <select
            value={c.type}
            onChange={(e) => onChange(retypeControl(c, e.target.value as FieldControl['type']))}
          >
            {EDITABLE_CONTROL_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`controls.${ty}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('schema.control_field')}</span>
          <select value={c.field} onChange={(e) => set({ field: e.target.value })}>
            {!fieldChoices.some((f) => f.name === c.field) && (
              <option value={c.field}>{c.field}</option>
            )}
            {fieldChoices.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="icon-button control-remove"
          aria-label={t('common.remove')}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      <div className="row control-flags">
        <Flag
          label={t('schema.required')}
          checked={c.required ?? false}
          onChange={(v) => set({ required: v || undefined })}
        />
        {optionApplies('multiple', c.type) && (
          <Flag
            label={t('schema.multiple')}
            checked={c.multiple ?? false}
            onChange={(v) => set({ multiple: v || undefined })}
          />
        )}
        {optionApplies('overlap', c.type) && (
          <Flag
            label={t('schema.overlap')}
            checked={c.overlap ?? false}
            onChange={(v) => set({ overlap: v || undefined })}
          />
        )}
        {optionApplies('max', c.type) && (
          <label className="row small">
            {t('schema.max')}
            <input
              type="number"
              min={2}
              max={10}
              className="narrow-input"
              value={c.max ?? 5}
              onChange={(e) =>
                set({ max: Math.max(1, Math.min(100, Number(e.target.value) || 5)) })
              }
            />
          </label>
        )}
      </div>
      {labelsRule(c.type) !== 'none' && (
        <div className="control-section">
          <h4>{t('schema.labels')}</h4>
          <LabelsEditor labels={c.labels ?? []} onChange={(labels) => set({ labels })} />
        </div>
      )}
      {optionApplies('attributes', c.type) && (
        <div className="control-section">
          <h4>{t('schema.attributes')}</h4>
          <AttributesEditor
            attributes={c.attributes ?? []}
            onChange={(attributes) => set({ attributes })}
          />
        </div>
      )}
    </div>
  );
}
