/**
 * Per-annotator quality for one control: labels, agreement with the consensus and accuracy on
 * gold tasks (each with its Wilson interval), and on demand the annotator's confusion matrix
 * (rows: consensus class, columns: the annotator's class).
 *
 * @example
 * <AnnotatorsCard rows={stats.filter((s) => s.control === 'sentiment')} classes={classes} />
 */
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotatorStats } from '../api/quality-types.ts';
import { ConfusionGrid } from '../charts/confusion-grid.tsx';
import { RateCell } from './rate-cell.tsx';

/** Props of AnnotatorsCard. */
export interface AnnotatorsCardProps {
  rows: readonly AnnotatorStats[];
  classes: readonly string[];
}

/** Annotators card. */
export function AnnotatorsCard({ rows, classes }: AnnotatorsCardProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section className="card qc-card" data-testid="qc-annotators">
      <header className="qc-card-header">
        <h2>{t('quality.annotators.title')}</h2>
        <span className="muted small">{t('quality.annotators.subtitle')}</span>
      </header>
      {rows.length === 0 ? (
        <p className="qc-empty">{t('quality.summary.not_computed')}</p>
      ) : (
        <div className="qc-table-wrap">
          <table className="simple-table qc-table">
            <thead>
              <tr>
                <th>{t('quality.annotators.annotator')}</th>
                <th>{t('quality.annotators.group')}</th>
                <th className="num">{t('quality.annotators.labels')}</th>
                <th>{t('quality.annotators.agreement')}</th>
                <th>{t('quality.annotators.gold')}</th>
                <th aria-label={t('quality.annotators.confusion')} />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Fragment key={r.user_id}>
                  <tr data-testid="annotator-row">
                    <td className="qc-strong">{r.username}</td>
                    <td>{r.group}</td>
                    <td className="num">{r.labels}</td>
                    <td>
                      <RateCell rate={r.agreement_with_consensus} />
                    </td>
                    <td>
                      <RateCell rate={r.gold} />
                    </td>
                    <td className="qc-actions">
                      <button
                        type="button"
                        className="button button-small button-ghost"
                        aria-expanded={open === r.user_id}
                        onClick={() => setOpen(open === r.user_id ? null : r.user_id)}
                      >
                        {t('quality.annotators.confusion')}
                      </button>
                    </td>
                  </tr>
                  {open === r.user_id && (
                    <tr className="qc-expanded">
                      <td colSpan={6}>
                        <ConfusionGrid
                          classes={classes}
                          counts={r.confusion_counts}
                          rowTitle={t('quality.annotators.rows_consensus')}
                          colTitle={t('quality.annotators.cols_annotator', { name: r.username })}
                          ariaLabel={t('quality.annotators.confusion_of', { name: r.username })}
                          testId="confusion-grid"
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
