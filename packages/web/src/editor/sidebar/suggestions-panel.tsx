/**
 * Model suggestions waiting for a decision: accept or reject each (Alt+A / Alt+X on the
 * selected one), or accept all (Alt+Shift+A).
 *
 * @example
 * <SuggestionsPanel />
 */
import { useTranslation } from 'react-i18next';
import { Keys } from '../../components/keys.tsx';
import { labelColor } from '../../schema/label-colors.ts';
import { useEditor } from '../editor-context.ts';
import { regionLabels } from '../state/regions.ts';
import { regionSummary } from './region-summary.ts';

/** Suggestions panel. */
export function SuggestionsPanel() {
  const { t } = useTranslation();
  const { suggestions, schema, state, commands, task, regions, readOnly } = useEditor();
  if (suggestions.length === 0) return null;
  return (
    <section
      className="side-section suggestions"
      aria-label={t('editor.suggestions')}
      data-testid="suggestions"
    >
      <h3>
        {t('editor.suggestions')} <span className="count">{suggestions.length}</span>
      </h3>
      {!readOnly && (
        <button
          type="button"
          className="button button-small accept-all"
          onClick={() => commands.acceptAll()}
          data-testid="accept-all"
        >
          {t('editor.accept_all')} <Keys value="alt+shift+a" />
        </button>
      )}
      <ul className="region-list">
        {suggestions.map((s) => {
          const c = schema.controls.find((x) => x.name === s.region.control);
          const labels = regionLabels(s.region);
          return (
            <li
              key={s.region.id}
              aria-selected={state.selectedId === s.region.id}
              className={state.selectedId === s.region.id ? 'selected suggestion' : 'suggestion'}
              onClick={() => commands.select(s.region.id)}
            >
              <span className="dot dashed" style={{ borderColor: labelColor(c, labels[0]) }} />
              <span className="region-main">
                <span className="region-labels">{labels.join(', ') || s.region.control}</span>
                <span className="region-desc">
                  {regionSummary(
                    s.region,
                    [...regions, ...suggestions.map((x) => x.region)],
                    task.data,
                    schema,
                  )}
                  {s.score !== undefined && (
                    <span className="score"> · {Math.round(s.score * 100)}%</span>
                  )}
                </span>
              </span>
              {!readOnly && (
                <span className="suggestion-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={(e) => {
                      e.stopPropagation();
                      commands.acceptSuggestion(s.region.id);
                    }}
                  >
                    {t('editor.accept')}
                  </button>
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    onClick={(e) => {
                      e.stopPropagation();
                      commands.rejectSuggestion(s.region.id);
                    }}
                  >
                    {t('editor.reject')}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
