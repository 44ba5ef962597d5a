/**
 * Picks which single-choice control the dashboard shows (only drawn when there are several).
 *
 * @example
 * <ControlPicker controls={['sentiment', 'topic']} value="sentiment" onChange={setControl} />
 */
import { useTranslation } from 'react-i18next';

/** Props of ControlPicker. */
export interface ControlPickerProps {
  controls: readonly string[];
  value: string | undefined;
  onChange: (control: string) => void;
}

/** Control picker. */
export function ControlPicker({ controls, value, onChange }: ControlPickerProps) {
  const { t } = useTranslation();
  if (controls.length < 2) return null;
  return (
    <div className="qc-control-picker">
      <span className="field-label">{t('quality.control')}</span>
      <div className="segmented" role="group" aria-label={t('quality.control')}>
        {controls.map((c) => (
          <button key={c} type="button" aria-pressed={c === value} onClick={() => onChange(c)}>
            {c}
          </button>
        ))}
      </div>
    </div>
  );
}
