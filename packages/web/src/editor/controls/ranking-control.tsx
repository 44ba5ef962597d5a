/**
 * Ranks the responses of a field, best first. Keyboard: ↑/↓ move the focus, Shift+↑/↓ move
 * the focused response; the buttons do the same. The order is stored by response id.
 *
 * @example
 * <RankingControl control={c} value={task.data.responses} />
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import { responseItems } from '../fields/field-data.ts';
import { useWidgetKeys } from '../keymap/widget-keys.ts';
import { moveInRanking, regionOfControl } from '../state/regions.ts';

/** Ranking control. */
export function RankingControl({ control, value }: { control: FieldControl; value: unknown }) {
  const { t } = useTranslation();
  const { regions, commands, readOnly } = useEditor();
  const list = useRef<HTMLOListElement>(null);
  const items = responseItems(value);
  const byKey = new Map(items.map((i) => [i.key, i]));
  const stored = regionOfControl(regions, control.name, 'ranking')?.value.order;
  const order = stored ?? items.map((i) => i.key);
  const focusedKey = () =>
    document.activeElement?.closest('[data-rank-key]')?.getAttribute('data-rank-key') ?? order[0];
  const focusKey = (key: string | undefined) =>
    key &&
    list.current?.querySelector<HTMLElement>(`[data-rank-key="${CSS.escape(key)}"]`)?.focus();
  const move = (key: string | undefined, delta: number) => {
    if (!key || readOnly) return;
    commands.setValue(control.name, 'ranking', { order: moveInRanking(order, key, delta) });
    requestAnimationFrame(() => focusKey(key));
  };
  const step = (delta: number) =>
    focusKey(
      order[Math.max(0, Math.min(order.length - 1, order.indexOf(focusedKey() ?? '') + delta))],
    );
  useWidgetKeys(`ranking:${control.name}`, {
    'ranking:focus-prev': () => {
      step(-1);
    },
    'ranking:focus-next': () => {
      step(1);
    },
    'ranking:move-up': () => move(focusedKey(), -1),
    'ranking:move-down': () => move(focusedKey(), 1),
  });
  return (
    <div className="ranking" data-key-scope="ranking" data-widget={`ranking:${control.name}`}>
      <ol ref={list} className="ranking-list" data-testid={`ranking-${control.name}`}>
        {order.map((key, i) => (
          <li
            key={key}
            tabIndex={0}
            data-rank-key={key}
            data-control-focus={i === 0 ? control.name : undefined}
            className="ranking-item"
          >
            <span className="rank">{i + 1}</span>
            <span className="ranking-text">{byKey.get(key)?.text ?? key}</span>
            <span className="ranking-moves">
              <button
                type="button"
                className="icon-button"
                tabIndex={-1}
                disabled={readOnly || i === 0}
                aria-label={t('keymap.ranking_move_up')}
                onClick={() => move(key, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                tabIndex={-1}
                disabled={readOnly || i === order.length - 1}
                aria-label={t('keymap.ranking_move_down')}
                onClick={() => move(key, 1)}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p className="form-hint">{t('editor.ranking_hint')}</p>
      {!stored && !readOnly && (
        <button
          type="button"
          className="button button-small"
          onClick={() => commands.setValue(control.name, 'ranking', { order })}
        >
          {t('editor.keep_order')}
        </button>
      )}
    </div>
  );
}
