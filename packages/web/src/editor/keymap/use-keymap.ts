/**
 * Connects the keymap table to the page: one keydown listener resolves the key for the
 * focused area (`data-key-scope` on an ancestor) and calls the first handler that takes it.
 * A handler returns `false` to pass the key on (e.g. Escape when nothing is being drawn).
 *
 * @example
 * useKeymap({ handlers: { 'history:undo': () => dispatch({ type: 'undo' }) }, labels, onLabel });
 */
import { useEffect, useRef } from 'react';
import { eventKey } from './key-string.ts';
import { resolveKey, type ActionId, type KeyScope, type LabelTarget } from './keymap.ts';

/** A key handler; return false to let the next candidate have the key. */
export type KeyHandler = (e: KeyboardEvent, key: string) => boolean | void;

/** Options of useKeymap. */
export interface KeymapOptions {
  /** The handlers, or a function giving them at key time (they may depend on focus). */
  handlers: Partial<Record<ActionId, KeyHandler>> | (() => Partial<Record<ActionId, KeyHandler>>);
  labels?: ReadonlyMap<string, LabelTarget[]>;
  onLabel?: (target: LabelTarget, e: KeyboardEvent) => boolean | void;
  enabled?: boolean;
}

const SCOPES: ReadonlySet<string> = new Set([
  'text',
  'image',
  'ranking',
  'rating',
  'pairwise',
  'review',
]);

/** True when typing in this element should keep plain keys. */
export function isEditable(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/** Scopes of the focused element, innermost first, then global. */
export function scopesOf(el: Element | null): KeyScope[] {
  const out: KeyScope[] = [];
  for (let n = el; n; n = n.parentElement) {
    const s = n.getAttribute('data-key-scope');
    if (s && SCOPES.has(s)) out.push(s as KeyScope);
  }
  out.push('global');
  return out;
}

/** Installs the page's key handling. */
export function useKeymap(opts: KeymapOptions): void {
  const ref = useRef(opts);
  ref.current = opts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const o = ref.current;
      if (o.enabled === false || e.defaultPrevented) return;
      const key = eventKey(e);
      if (!key) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('dialog')) return; // dialogs own their keys
      const candidates = resolveKey(
        key,
        scopesOf(target),
        o.labels ?? new Map(),
        isEditable(target),
      );
      const handlers = typeof o.handlers === 'function' ? o.handlers() : o.handlers;
      for (const c of candidates) {
        const result =
          c.kind === 'action' ? handlers[c.action]?.(e, key) : o.onLabel?.(c.target, e);
        const handled =
          c.kind === 'action'
            ? handlers[c.action] !== undefined && result !== false
            : o.onLabel !== undefined && result !== false;
        if (handled) {
          e.preventDefault();
          e.stopPropagation();
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
