/**
 * The dashboard's headline figures for one control: Krippendorff's alpha with its reliability
 * band (or why it is undefined), tasks with a consensus, labels, and the rule findings by
 * severity.
 *
 * @example
 * <SummaryTiles control={summary.controls[0]} findings={summary.findings} />
 */
import { useTranslation } from 'react-i18next';
import type { ControlSummary, FindingCount } from '../api/quality-types.ts';
import { alphaBand, formatAlpha, formatDateTime } from '../charts/format.ts';
import { metricValue } from './quality-data.ts';

/** Props of SummaryTiles. */
export interface SummaryTilesProps {
  control: ControlSummary | undefined;
  findings: readonly FindingCount[];
}

/** Headline tiles. */
export function SummaryTiles({ control, findings }: SummaryTilesProps) {
  const { t, i18n } = useTranslation();
  const alpha = metricValue(control?.alpha);
  const count = (s: 'block' | 'warn') =>
    findings.filter((f) => f.severity === s).reduce((a, f) => a + f.count, 0);
  return (
    <div className="qc-tiles" data-testid="qc-summary">
      <div className="card qc-tile">
        <span className="qc-tile-label">{t('quality.summary.alpha')}</span>
        {alpha !== undefined ? (
          <span className="qc-tile-value">
            {formatAlpha(alpha)}
            <span className={`qc-band qc-band-${alphaBand(alpha)}`}>
              {t(`quality.band.${alphaBand(alpha)}`)}
            </span>
          </span>
        ) : (
          <>
            <span className="qc-tile-value muted">—</span>
            <span className="qc-tile-note">
              {control?.alpha.reason ?? t('quality.summary.not_computed')}
            </span>
          </>
        )}
      </div>
      <div className="card qc-tile">
        <span className="qc-tile-label">{t('quality.summary.items')}</span>
        <span className="qc-tile-value">{control?.items ?? '—'}</span>
        {control && (
          <span className="qc-tile-note">
            {t('quality.summary.computed', {
              method: t('quality.summary.method_ds'),
              time: formatDateTime(control.computed_at, i18n.language),
            })}
          </span>
        )}
      </div>
      <div className="card qc-tile">
        <span className="qc-tile-label">{t('quality.summary.labels')}</span>
        <span className="qc-tile-value">{control?.labels ?? '—'}</span>
        {control && (
          <span className="qc-tile-note">
            {t('quality.summary.classes', { count: control.classes.length })}
          </span>
        )}
      </div>
      <div className="card qc-tile">
        <span className="qc-tile-label">{t('quality.summary.findings')}</span>
        <span className="qc-tile-value">{count('block') + count('warn')}</span>
        <span className="qc-tile-note">
          {t('quality.summary.by_severity', { block: count('block'), warn: count('warn') })}
        </span>
      </div>
    </div>
  );
}
