/**
 * A conversation, one bubble per turn, roles labelled. Turn text is user content: shown as
 * text, never as markup.
 *
 * @example
 * <DialogueView value={task.data.dialogue} />
 */
import { useTranslation } from 'react-i18next';
import { dialogueTurns } from './field-data.ts';

/** Dialogue view. */
export function DialogueView({ value }: { value: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="dialogue">
      {dialogueTurns(value).map((turn, i) => (
        <div
          key={i}
          className={`turn turn-${turn.role === 'assistant' || turn.role === 'bot' ? 'assistant' : turn.role === 'system' ? 'system' : 'user'}`}
        >
          <div className="turn-role">
            {t(`editor.roles.${turn.role}`, { defaultValue: turn.role })}
          </div>
          <div className="turn-text">{turn.text}</div>
        </div>
      ))}
    </div>
  );
}
