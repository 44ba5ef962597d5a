/**
 * The bias report's headline: tasks counted, the chi-square test of independence between group
 * and label (statistic, degrees of freedom, p-value, Cramér's V) and its verdict.
 *
 * @example
 * <BiasSummary report={report} />
 */
import { useTranslation } from 'react-i18next';
import type { BiasReport } from '../api/compliance-types.ts';
import { formatAlpha } from '../charts/format.ts';
import { ALPHA, formatP, significant } from './bias-data.ts';

/** Bias summary tiles. */
export function BiasSummary({ report }: { report: BiasReport }) {
  const { t } = useTranslation();
  const test = report.independence;
  const sig = significant(test);
  return (
    <div className="qc-tiles" data-testid="bias-summary">
      <div className="card qc-tile">
        <span className="qc-tile-label">{t('bias.tasks')}</span>
        <span className="qc-tile-value">{report.tasks.labelled}</span>
        <span className="qc-tile-note">
          {t('bias.tasks_note', {
            total: report.tasks.total,
            unlabelled: report.tasks.unlabelled,
            missing: report.tasks.missing_group,
          })}
        </span>
      </div>
      <div className="card qc-tile">
        <span className="qc-tile-label">{t('bias.chi_square')}</span>
        <span className="qc-tile-value">{test.ok ? test.statistic.toFixed(2) : '—'}</span>
        <span className="qc-tile-note">
          {test.ok ? t('bias.dof', { count: test.dof }) : test.reason}
        </span>
      </div>
      <div className="card qc-tile">
        <span className="qc-tile-label">{t('bias.p_value')}</span>
        <span className="qc-tile-value" data-testid="bias-p-value">
          {test.ok ? formatP(test.pValue) : '—'}
          {sig !== undefined && (
            <span className={`qc-band qc-band-${sig ? 'low' : 'good'}`}>
              {sig ? t('bias.significant') : t('bias.not_significant')}
            </span>
          )}
        </span>
        <span className="qc-tile-note">
          {test.ok && test.lowExpectedCells > 0
            ? t('bias.low_expected', { cells: test.lowExpectedCells })
            : t('bias.alpha_note', { alpha: ALPHA })}
        </span>
      </div>
      <div className="card qc-tile">
        <span className="qc-tile-label">{t('bias.cramers_v')}</span>
        <span className="qc-tile-value">{test.ok ? formatAlpha(test.cramersV) : '—'}</span>
        <span className="qc-tile-note">{t('bias.cramers_v_note')}</span>
      </div>
    </div>
  );
}
