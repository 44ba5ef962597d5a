/**
 * Commands driven by hotkeys and suggestions: schema label hotkeys (see label-action.ts),
 * accepting and rejecting model suggestions, and the keyboard caret in text fields.
 *
 * @example
 * const c = inputCommands(ctx);
 * c.applyLabel({ control: 'entities', label: 'PER' });
 */
import { applyLabelTarget } from '../label-action.ts';
import type { LabelTarget } from '../keymap/keymap.ts';
import { acceptAll, acceptSuggestion } from '../suggestions.ts';
import { moveCaret, type CaretMove } from '../text/caret.ts';
import type { CommandContext } from './command-context.ts';

/** Focuses a control's widget (schema control hotkey). */
export function focusControl(name: string): boolean {
  const el = document.querySelector<HTMLElement>(`[data-control-focus="${CSS.escape(name)}"]`);
  el?.focus();
  return el !== null;
}

/** Hotkey, suggestion and caret commands. */
export function inputCommands({ cur, regions, apply }: CommandContext) {
  return {
    applyLabel(target: LabelTarget): boolean {
      const { schema, state, task, dispatch } = cur();
      const out = applyLabelTarget(
        {
          schema,
          regions: regions(),
          selectedId: state.selectedId,
          caret: state.caret,
          data: task.data,
          tool: state.tool,
        },
        target,
      );
      if (out.kind === 'focus') return focusControl(out.control);
      if (out.kind === 'error') {
        cur().notify(`editor.errors.${out.reason}`);
        return true;
      }
      if (out.kind === 'active-label') {
        dispatch({ type: 'active-label', control: out.control, label: out.label });
        dispatch({ type: 'tool', tool: out.tool });
        if (out.regions) apply(out.regions);
        return true;
      }
      apply(out.regions, out.select);
      const caret = state.caret;
      if (out.collapseCaret && caret) {
        const end = Math.max(caret.anchor, caret.focus);
        dispatch({ type: 'caret', caret: { ...caret, anchor: end, focus: end } });
      }
      return true;
    },
    acceptSuggestion(id?: string) {
      const all = cur().suggestions;
      const s =
        all.find((x) => x.region.id === (id ?? cur().state.selectedId)) ??
        (id ? undefined : all[0]);
      if (s) apply(acceptSuggestion(regions(), s, all), s.region.id);
    },
    rejectSuggestion(id?: string) {
      const s = cur().suggestions.find((x) => x.region.id === (id ?? cur().state.selectedId));
      if (s) cur().dispatch({ type: 'reject-suggestions', ids: [s.region.id] });
    },
    acceptAll() {
      if (cur().suggestions.length) apply(acceptAll(regions(), cur().suggestions));
    },
    caret(field: string, move: CaretMove, opts: { extend: boolean; word: boolean }) {
      const text = cur().task.data[field];
      if (typeof text !== 'string') return;
      const c =
        cur().state.caret?.field === field ? cur().state.caret! : { field, anchor: 0, focus: 0 };
      cur().dispatch({ type: 'caret', caret: moveCaret(text, c, move, opts) });
    },
  };
}
