/**
 * A 1..max rating (stars). Focused, the digits set it and the arrows step it.
 *
 * @example
 * <RatingControl control={c} />
 */
import { useTranslation } from 'react-i18next';
import type { FieldControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import { useWidgetKeys } from '../keymap/widget-keys.ts';
import { regionOfControl } from '../state/regions.ts';

/** Default scale, as in Label Studio and the core checks. */
const DEFAULT_MAX = 5;

/** Rating control. */
export function RatingControl({ control }: { control: FieldControl }) {
  const { t } = useTranslation();
  const { regions, commands, readOnly } = useEditor();
  const max = control.max ?? DEFAULT_MAX;
  const value = regionOfControl(regions, control.name, 'rating')?.value.rating ?? 0;
  const set = (n: number) => {
    if (n < 1 || n > max) return false;
    commands.setValue(control.name, 'rating', { rating: n });
  };
  useWidgetKeys(`rating:${control.name}`, {
    'rating:set': (_e, key) => set(key === '0' ? 10 : Number(key)),
    'rating:decrease': () => set(Math.max(1, value - 1)),
    'rating:increase': () => set(Math.min(max, value + 1)),
  });
  return (
    <div
      className="rating"
      role="slider"
      tabIndex={0}
      aria-label={control.name}
      aria-valuemin={1}
      aria-valuemax={max}
      aria-valuenow={value || undefined}
      data-key-scope="rating"
      data-widget={`rating:${control.name}`}
      data-control-focus={control.name}
      data-testid={`rating-${control.name}`}
    >
      {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
        <button
          key={n}
          type="button"
          tabIndex={-1}
          className={n <= value ? 'star on' : 'star'}
          disabled={readOnly}
          aria-label={t('editor.rate', { n })}
          onClick={() => set(n)}
        >
          ★
        </button>
      ))}
      <span className="rating-value">{value ? `${value} / ${max}` : t('editor.not_rated')}</span>
    </div>
  );
}
