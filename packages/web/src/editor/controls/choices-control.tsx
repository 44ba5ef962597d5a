/**
 * Single or multiple choice: one button per label with its hotkey; a suggested choice is
 * marked until accepted or rejected.
 *
 * @example
 * <ChoicesControl control={c} />
 */
import { useTranslation } from 'react-i18next';
import { Keys } from '../../components/keys.tsx';
import { labelColor } from '../../schema/label-colors.ts';
import type { FieldControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import { normalizeHotkey } from '../keymap/key-string.ts';
import { regionOfControl } from '../state/regions.ts';

/** Choices control. */
export function ChoicesControl({ control }: { control: FieldControl }) {
  const { t } = useTranslation();
  const { regions, suggestions, commands, readOnly } = useEditor();
  const chosen = regionOfControl(regions, control.name, 'choice')?.value.choices ?? [];
  const suggested = new Set(
    suggestions.flatMap((s) =>
      s.region.control === control.name && s.region.type === 'choice' ? s.region.value.choices : [],
    ),
  );
  return (
    <div
      className="choices"
      role={control.multiple ? 'group' : 'radiogroup'}
      aria-label={control.name}
      data-control-focus={control.name}
      tabIndex={-1}
    >
      {(control.labels ?? []).map((l) => {
        const on = chosen.includes(l.value);
        return (
          <button
            key={l.value}
            type="button"
            role={control.multiple ? 'checkbox' : 'radio'}
            aria-checked={on}
            className={`choice${on ? ' on' : ''}${suggested.has(l.value) && !on ? ' suggested' : ''}`}
            style={{ ['--label-color' as string]: labelColor(control, l.value) }}
            disabled={readOnly}
            data-testid={`choice-${l.value}`}
            onClick={() => commands.toggleChoice(control.name, l.value)}
          >
            <span className={control.multiple ? 'box' : 'radio'} aria-hidden="true" />
            <span className="choice-text">{l.value}</span>
            {suggested.has(l.value) && !on && (
              <span className="suggested-tag">{t('editor.suggested')}</span>
            )}
            {l.hotkey && <Keys value={normalizeHotkey(l.hotkey) ?? l.hotkey} />}
          </button>
        );
      })}
    </div>
  );
}
