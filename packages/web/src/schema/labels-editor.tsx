/**
 * Edits a control's label list: value, hotkey and colour per label; add, remove, reorder.
 * Label values are rendered as input values (text), never as markup.
 *
 * @example
 * <LabelsEditor labels={c.labels ?? []} onChange={(labels) => update({ ...c, labels })} />
 */
import { useTranslation } from 'react-i18next';
import { PALETTE } from './label-colors.ts';
import type { LabelDef } from './types.ts';

/** Props of LabelsEditor. */
export interface LabelsEditorProps {
  labels: LabelDef[];
  onChange: (labels: LabelDef[]) => void;
}

/** Label list editor. */
export function LabelsEditor({ labels, onChange }: LabelsEditorProps) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<LabelDef>) =>
    onChange(labels.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <div className="labels-editor">
      <div className="labels-head">
        <span>{t('schema.label_color')}</span>
        <span>{t('schema.label_value')}</span>
        <span>{t('schema.label_hotkey')}</span>
        <span />
      </div>
      {labels.map((l, i) => (
        <div className="labels-row" key={i}>
          <input
            type="color"
            aria-label={t('schema.label_color')}
            value={l.color ?? PALETTE[i % PALETTE.length]}
            onChange={(e) => set(i, { color: e.target.value })}
          />
          <input
            aria-label={t('schema.label_value')}
            value={l.value}
            onChange={(e) => set(i, { value: e.target.value })}
            placeholder={t('schema.label_value_placeholder')}
          />
          <input
            aria-label={t('schema.label_hotkey')}
            className="hotkey-input"
            value={l.hotkey ?? ''}
            onChange={(e) => set(i, { hotkey: e.target.value.trim() })}
            placeholder="1"
          />
          <button
            type="button"
            className="icon-button"
            aria-label={t('common.remove')}
            onClick={() => onChange(labels.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small button-ghost add-row"
        onClick={() =>
          onChange([...labels, { value: '', color: PALETTE[labels.length % PALETTE.length] }])
        }
      >
        + {t('schema.add_label')}
      </button>
    </div>
  );
}
