/**
 * Pairwise preference between response A and B, or a tie. Focused: 1/A/← prefers A,
 * 2/B/→ prefers B, 3/T/↓ is a tie.
 *
 * @example
 * <PairwiseControl control={c} />
 */
import { useTranslation } from 'react-i18next';
import type { FieldControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import { useWidgetKeys } from '../keymap/widget-keys.ts';
import { regionOfControl } from '../state/regions.ts';

type Choice = 'a' | 'b' | 'tie';

/** Pairwise control. */
export function PairwiseControl({ control }: { control: FieldControl }) {
  const { t } = useTranslation();
  const { regions, suggestions, commands, readOnly } = useEditor();
  const value = regionOfControl(regions, control.name, 'pairwise')?.value.choice;
  const suggested = suggestions.find(
    (s) => s.region.control === control.name && s.region.type === 'pairwise',
  )?.region;
  const set = (choice: Choice) => commands.setValue(control.name, 'pairwise', { choice });
  useWidgetKeys(`pairwise:${control.name}`, {
    'pairwise:a': () => set('a'),
    'pairwise:b': () => set('b'),
    'pairwise:tie': () => set('tie'),
  });
  const options: { choice: Choice; text: string; key: string }[] = [
    { choice: 'a', text: t('editor.pairwise.a'), key: '1' },
    { choice: 'tie', text: t('editor.pairwise.tie'), key: '3' },
    { choice: 'b', text: t('editor.pairwise.b'), key: '2' },
  ];
  return (
    <div
      className="pairwise"
      role="radiogroup"
      tabIndex={0}
      aria-label={control.name}
      data-key-scope="pairwise"
      data-widget={`pairwise:${control.name}`}
      data-control-focus={control.name}
      data-testid={`pairwise-${control.name}`}
    >
      {options.map((o) => (
        <button
          key={o.choice}
          type="button"
          tabIndex={-1}
          role="radio"
          aria-checked={value === o.choice}
          disabled={readOnly}
          className={`pair-option pair-${o.choice}${value === o.choice ? ' on' : ''}${suggested?.type === 'pairwise' && suggested.value.choice === o.choice && value !== o.choice ? ' suggested' : ''}`}
          onClick={() => set(o.choice)}
        >
          {o.text} <kbd>{o.key}</kbd>
        </button>
      ))}
    </div>
  );
}
