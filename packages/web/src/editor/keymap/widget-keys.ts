/**
 * Keys owned by a focusable widget (the image canvas, a ranking list, a rating): the widget
 * registers handlers under an id and marks its element `data-widget="<id>"`; the editor's key
 * listener asks for the handlers of the widget that holds focus.
 *
 * @example
 * useWidgetKeys('image:photo', { 'tool:bbox': () => setTool('bbox') });
 * <div data-widget="image:photo" tabIndex={0} data-key-scope="image">...</div>
 */
import { useEffect, useRef } from 'react';
import type { ActionId } from './keymap.ts';
import type { KeyHandler } from './use-keymap.ts';

type Handlers = Partial<Record<ActionId, KeyHandler>>;

const registry = new Map<string, () => Handlers>();

/** Registers a widget's handlers while it is mounted. */
export function useWidgetKeys(id: string, handlers: Handlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    registry.set(id, () => ref.current);
    return () => {
      registry.delete(id);
    };
  }, [id]);
}

/** Handlers of the widget that has focus ({} when none). */
export function focusedWidgetKeys(): Handlers {
  const id = document.activeElement?.closest('[data-widget]')?.getAttribute('data-widget');
  return (id && registry.get(id)?.()) || {};
}
