/**
 * Free text. Typing is kept locally and committed as one undo step after a pause or on blur,
 * so Ctrl+Z in the editor undoes a whole edit, not a keystroke.
 *
 * @example
 * <TextareaControl control={c} />
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import { regionOfControl } from '../state/regions.ts';

/** Textarea control. */
export function TextareaControl({ control }: { control: FieldControl }) {
  const { t } = useTranslation();
  const { regions, commands, readOnly } = useEditor();
  const stored = regionOfControl(regions, control.name, 'text')?.value.text.join('\n') ?? '';
  const [text, setText] = useState(stored);
  const timer = useRef<number | undefined>(undefined);
  // Undo/redo or a loaded version replaces the text.
  useEffect(() => setText(stored), [stored]);
  const commit = (v: string) => {
    window.clearTimeout(timer.current);
    if (v === stored) return;
    commands.setValue(control.name, 'text', v.trim() === '' ? null : { text: [v] });
  };
  return (
    <textarea
      className="textarea-control"
      data-control-focus={control.name}
      data-testid={`textarea-${control.name}`}
      aria-label={control.name}
      placeholder={t('editor.textarea_placeholder')}
      value={text}
      disabled={readOnly}
      rows={3}
      onChange={(e) => {
        setText(e.target.value);
        window.clearTimeout(timer.current);
        const v = e.target.value;
        timer.current = window.setTimeout(() => commit(v), 800);
      }}
      onBlur={(e) => commit(e.target.value)}
    />
  );
}
