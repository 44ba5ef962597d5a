/**
 * The label bar above a text field with spans (and relations): each label with its hotkey.
 * Clicking a label does what its hotkey does (label the selection, relabel the selected span).
 *
 * @example
 * <SpanLabelBar controls={[entities, relations]} />
 */
import { useTranslation } from 'react-i18next';
import { Keys } from '../../components/keys.tsx';
import { labelColor } from '../../schema/label-colors.ts';
import type { FieldControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import { normalizeHotkey } from '../keymap/key-string.ts';

/** Label bar. */
export function SpanLabelBar({ controls }: { controls: FieldControl[] }) {
  const { t } = useTranslation();
  const { commands, state } = useEditor();
  return (
    <div className="span-label-bar">
      {controls.map((c) => (
        <div key={c.name} className="label-group" role="group" aria-label={c.name}>
          <span className="label-group-name">
            {c.type === 'relations' ? t('editor.relations') : c.name}
          </span>
          {(c.labels ?? []).map((l) => (
            <button
              key={l.value}
              type="button"
              className="label-chip"
              // Keep the text selection: a mousedown here must not steal focus from the text.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => commands.applyLabel({ control: c.name, label: l.value })}
            >
              <span className="dot" style={{ background: labelColor(c, l.value) }} />
              {l.value}
              {l.hotkey && <Keys value={normalizeHotkey(l.hotkey) ?? l.hotkey} />}
            </button>
          ))}
          {c.type === 'relations' && (
            <button
              type="button"
              className="button button-small button-ghost"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => commands.startRelation()}
            >
              {state.relationFrom ? t('editor.pick_target') : t('editor.new_relation')}{' '}
              <Keys value="alt+r" />
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
