/**
 * The sidebar list of regions, grouped by control, with labels as text. Click selects; the
 * selected one shows its attributes below.
 *
 * @example
 * <RegionList />
 */
import { useTranslation } from 'react-i18next';
import { labelColor } from '../../schema/label-colors.ts';
import { useEditor } from '../editor-context.ts';
import { regionLabels, removeRegion } from '../state/regions.ts';
import { regionSummary } from './region-summary.ts';

const LISTED = new Set(['span', 'relation', 'bbox', 'polygon', 'keypoints']);

/** Region list. */
export function RegionList() {
  const { t } = useTranslation();
  const { regions, schema, state, commands, task, readOnly } = useEditor();
  const listed = regions.filter((r) => LISTED.has(r.type));
  return (
    <section className="side-section" aria-label={t('editor.regions')}>
      <h3>
        {t('editor.regions')} <span className="count">{listed.length}</span>
      </h3>
      {listed.length === 0 && <p className="muted small">{t('editor.no_regions')}</p>}
      <ul className="region-list" data-testid="region-list">
        {listed.map((r) => {
          const c = schema.controls.find((x) => x.name === r.control);
          const labels = regionLabels(r);
          return (
            <li
              key={r.id}
              aria-selected={state.selectedId === r.id}
              className={state.selectedId === r.id ? 'selected' : undefined}
              onClick={() => commands.select(r.id)}
            >
              <span
                className="dot"
                style={{
                  background: labelColor(
                    c,
                    labels[0] ?? (r.type === 'keypoints' ? r.value.points[0]?.label : undefined),
                  ),
                }}
              />
              <span className="region-main">
                <span className="region-labels">
                  {labels.join(', ') || t(`editor.type.${r.type}`)}
                </span>
                <span className="region-desc">{regionSummary(r, regions, task.data, schema)}</span>
              </span>
              {r.prediction_id && (
                <span className="badge badge-prelabeled" title={t('editor.from_suggestion')}>
                  AI
                </span>
              )}
              {!readOnly && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('common.delete')}
                  onClick={(e) => {
                    e.stopPropagation();
                    commands.apply(removeRegion(regions, r.id), null);
                  }}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
