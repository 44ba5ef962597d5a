/**
 * Renders a canonical key string as keycaps (`Ctrl` `Enter`), platform-aware.
 *
 * @example
 * <Keys value="mod+enter" />
 */
import { displayKeys } from '../editor/keymap/key-string.ts';

/** True on macOS (⌘ instead of Ctrl). */
export const IS_MAC =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Keycaps for one key string. */
export function Keys({ value }: { value: string }) {
  return (
    <span className="keys">
      {displayKeys(value, IS_MAC).map((k, i) => (
        <kbd key={i}>{k}</kbd>
      ))}
    </span>
  );
}
