/**
 * One annotation's regions with how the other annotators agree: everyone, some, or no one
 * else has the same region. Labels render as text.
 *
 * @example
 * <AgreementList regions={a.regions} marks={marks[i]} schema={schema} data={task.data} />
 */
import { useTranslation } from 'react-i18next';
import { regionLabels } from '../editor/state/regions.ts';
import { regionSummary } from '../editor/sidebar/region-summary.ts';
import type { LabelingSchema, Region } from '../schema/types.ts';
import type { Agreement } from './annotation-diff.ts';

/** Props of AgreementList. */
export interface AgreementListProps {
  regions: Region[];
  marks: Map<string, Agreement> | undefined;
  schema: LabelingSchema;
  data: Record<string, unknown>;
  single: boolean;
}

/** Regions with agreement marks. */
export function AgreementList({ regions, marks, schema, data, single }: AgreementListProps) {
  const { t } = useTranslation();
  if (regions.length === 0) return <p className="muted small">{t('editor.no_regions')}</p>;
  return (
    <ul className="diff-list">
      {regions.map((r) => {
        const m = marks?.get(r.id) ?? 'all';
        return (
          <li key={r.id} className={single ? undefined : `agree-${m}`}>
            {!single && <span className={`agree-badge agree-${m}`}>{t(`review.agree.${m}`)}</span>}
            <span className="diff-control">{r.control}</span>{' '}
            <strong>{regionLabels(r).join(', ')}</strong>{' '}
            <span className="muted">
              {regionSummary(r, regions, data, schema) === regionLabels(r).join(', ')
                ? ''
                : regionSummary(r, regions, data, schema)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
