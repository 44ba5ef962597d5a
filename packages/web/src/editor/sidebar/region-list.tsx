/**
 * The sidebar list of regions, grouped by control, with labels as text. Click selects; the
 * selected one shows its attributes below. Rows are memoised (see region-row.tsx).
 *
 * @example
 * <RegionList />
 */
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { labelColor } from '../../schema/label-colors.ts';
import { useEditor } from '../editor-context.ts';
import { regionLabels, removeRegion } from '../state/regions.ts';
import { RegionRow } from './region-row.tsx';
import { regionSummary } from './region-summary.ts';

const LISTED = new Set(['span', 'relation', 'bbox', 'polygon', 'keypoints']);

/** Region list. */
export function RegionList() {
  const { t } = useTranslation();
  const { regions, schema, state, commands, task, readOnly } = useEditor();
  // Stable row handlers reading the latest regions when called.
  const latest = useRef({ regions, commands });
  latest.current = { regions, commands };
  const onSelect = useCallback((id: string) => latest.current.commands.select(id), []);
  const onRemove = useCallback((id: string) => {
    const { regions: now, commands: cmd } = latest.current;
    cmd.apply(removeRegion(now, id), null);
  }, []);
  const listed = regions.filter((r) => LISTED.has(r.type));
  const removeLabel = readOnly ? null : t('common.delete');
  const suggestionTitle = t('editor.from_suggestion');
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
            <RegionRow
              key={r.id}
              id={r.id}
              labels={labels.join(', ') || t(`editor.type.${r.type}`)}
              desc={regionSummary(r, regions, task.data, schema)}
              color={labelColor(
                c,
                labels[0] ?? (r.type === 'keypoints' ? r.value.points[0]?.label : undefined),
              )}
              selected={state.selectedId === r.id}
              fromSuggestion={Boolean(r.prediction_id)}
              suggestionTitle={suggestionTitle}
              removeLabel={removeLabel}
              onSelect={onSelect}
              onRemove={onRemove}
            />
          );
        })}
      </ul>
    </section>
  );
}
