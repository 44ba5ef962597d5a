/**
 * Shows the responses of a task. With a pairwise control the first two sit side by side as
 * A and B, and the preferred one is highlighted. Text only.
 *
 * @example
 * <ResponsesView field="responses" value={task.data.responses} pairwiseControl="preference" />
 */
import { useTranslation } from 'react-i18next';
import { useEditor } from '../editor-context.ts';
import { regionOfControl } from '../state/regions.ts';
import { responseItems } from './field-data.ts';

/** Props of ResponsesView. */
export interface ResponsesViewProps {
  value: unknown;
  pairwiseControl?: string;
}

/** Responses, side by side for pairwise. */
export function ResponsesView({ value, pairwiseControl }: ResponsesViewProps) {
  const { t } = useTranslation();
  const { regions } = useEditor();
  const items = responseItems(value);
  const choice = pairwiseControl
    ? regionOfControl(regions, pairwiseControl, 'pairwise')?.value.choice
    : undefined;
  const pair = pairwiseControl !== undefined;
  return (
    <div className={pair ? 'responses pair' : 'responses'}>
      {items.map((item, i) => {
        const letter = pair && i < 2 ? (i === 0 ? 'A' : 'B') : null;
        const winner =
          (choice === 'a' && i === 0) || (choice === 'b' && i === 1) || (choice === 'tie' && i < 2);
        return (
          <article
            key={item.key}
            className={`response${winner ? ' winner' : ''}`}
            data-testid={`response-${i}`}
          >
            <header>
              {letter ? (
                <span className="response-letter">{letter}</span>
              ) : (
                <span className="response-letter">{i + 1}</span>
              )}
              <span className="muted small">
                {item.model ?? t('editor.response_n', { n: i + 1 })}
              </span>
            </header>
            <div className="response-text">{item.text}</div>
          </article>
        );
      })}
    </div>
  );
}
