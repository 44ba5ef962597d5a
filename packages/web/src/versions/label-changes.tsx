/**
 * Per-label changes between two versions: uses added and removed, a diverging bar on a shared
 * scale, and example tasks to open.
 *
 * @example
 * <LabelChanges projectId={1} labels={diff.labels} />
 */
import { useTranslation } from 'react-i18next';
import type { LabelChange } from '../api/version-types.ts';
import { DivergingBar } from '../charts/diverging-bar.tsx';
import { changeMax } from './diff-data.ts';
import { TaskLinks } from './task-links.tsx';

/** Props of LabelChanges. */
export interface LabelChangesProps {
  projectId: number;
  labels: readonly LabelChange[];
}

/** Label changes table. */
export function LabelChanges({ projectId, labels }: LabelChangesProps) {
  const { t } = useTranslation();
  if (labels.length === 0) return <p className="qc-empty">{t('versions.no_label_changes')}</p>;
  const max = changeMax(labels);
  return (
    <div className="qc-table-wrap">
      <h3 className="qc-sub">{t('versions.by_label')}</h3>
      <table className="simple-table qc-table" data-testid="label-changes">
        <thead>
          <tr>
            <th>{t('versions.label')}</th>
            <th className="num">{t('versions.added')}</th>
            <th className="num">{t('versions.removed')}</th>
            <th aria-label={t('versions.change')} />
            <th>{t('versions.examples')}</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((l) => (
            <tr key={l.label} data-testid="label-change-row">
              <td className="qc-strong">{l.label}</td>
              <td className={l.added ? 'num diff-plus' : 'num muted'}>
                {l.added ? `+${l.added}` : '0'}
              </td>
              <td className={l.removed ? 'num diff-minus' : 'num muted'}>
                {l.removed ? `−${l.removed}` : '0'}
              </td>
              <td>
                <DivergingBar
                  added={l.added}
                  removed={l.removed}
                  max={max}
                  title={t('versions.change_title', {
                    label: l.label,
                    added: l.added,
                    removed: l.removed,
                  })}
                />
              </td>
              <td>
                <TaskLinks projectId={projectId} ids={l.examples} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
