/**
 * The `?` dialog: every shortcut, generated from the same keymap table that drives the key
 * handlers, plus the label hotkeys of this project's schema. Labels are shown as text.
 *
 * @example
 * <ShortcutHelp open scopes={['global', 'text']} controls={schema.controls} onClose={close} />
 */
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog.tsx';
import { Keys } from '../../components/keys.tsx';
import type { SchemaControl } from '../../schema/types.ts';
import { normalizeHotkey } from './key-string.ts';
import { KEYMAP, actionLabelKey, type KeyBinding, type KeyScope } from './keymap.ts';

/** Props of ShortcutHelp. */
export interface ShortcutHelpProps {
  open: boolean;
  scopes: readonly KeyScope[];
  controls: readonly SchemaControl[];
  onClose: () => void;
}

function group(rows: readonly KeyBinding[]): Map<string, KeyBinding[]> {
  const out = new Map<string, KeyBinding[]>();
  for (const b of rows) {
    const ns = b.action.split(':')[0]!;
    out.set(ns, [...(out.get(ns) ?? []), b]);
  }
  return out;
}

/** Shortcut help dialog. */
export function ShortcutHelp({ open, scopes, controls, onClose }: ShortcutHelpProps) {
  const { t } = useTranslation();
  const rows = KEYMAP.filter((b) => scopes.includes(b.scope));
  const labelRows = controls.flatMap((c) => [
    ...(c.hotkey ? [{ control: c.name, label: t('editor.focus_control'), key: c.hotkey }] : []),
    ...(c.labels ?? [])
      .filter((l) => l.hotkey)
      .map((l) => ({ control: c.name, label: l.value, key: l.hotkey! })),
  ]);
  return (
    <Dialog open={open} wide title={t('keymap.title')} onClose={onClose} testId="shortcut-help">
      <div className="shortcut-grid">
        {Array.from(group(rows)).map(([ns, list]) => (
          <section key={ns} className="shortcut-group">
            <h3>{t(`keymap.groups.${ns}`)}</h3>
            <table>
              <tbody>
                {list.map((b) => (
                  <tr key={`${b.scope}-${b.action}`}>
                    <td>{t(actionLabelKey(b.action))}</td>
                    <td className="keys-cell">
                      {b.keys.slice(0, 4).map((k) => (
                        <Keys key={k} value={k} />
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        {labelRows.length > 0 && (
          <section className="shortcut-group">
            <h3>{t('keymap.groups.labels')}</h3>
            <table>
              <tbody>
                {labelRows.map((r) => (
                  <tr key={`${r.control}-${r.label}-${r.key}`}>
                    <td>
                      <span className="muted">{r.control} · </span>
                      {r.label}
                    </td>
                    <td className="keys-cell">
                      <Keys value={normalizeHotkey(r.key) ?? r.key} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
    </Dialog>
  );
}
