/**
 * Agreement over time: Krippendorff's alpha over the labels saved up to each day, as a line
 * chart with the reliability thresholds; days where alpha is undefined are gaps, and the
 * reason is spelled out under the chart.
 *
 * @example
 * <AgreementCard points={history.controls[0].points} />
 */
import { useTranslation } from 'react-i18next';
import type { AgreementPoint } from '../api/quality-types.ts';
import { formatAlpha } from '../charts/format.ts';
import { LineChart } from '../charts/line-chart.tsx';
import { agreementSeries, alphaDomain, latestGap, metricValue } from './quality-data.ts';
import { useSay } from './use-say.ts';

/** Agreement chart card. */
export function AgreementCard({ points }: { points: readonly AgreementPoint[] | undefined }) {
  const { t } = useTranslation();
  const say = useSay();
  const gap = points ? latestGap(points) : undefined;
  const missing = (points ?? []).filter((p) => metricValue(p.alpha) === undefined).length;
  return (
    <section className="card qc-card" data-testid="qc-agreement">
      <header className="qc-card-header">
        <h2>{t('quality.agreement.title')}</h2>
        <span className="muted small">{t('quality.agreement.subtitle')}</span>
      </header>
      {!points || points.length === 0 ? (
        <p className="qc-empty">{t('quality.agreement.empty')}</p>
      ) : (
        <>
          <LineChart
            points={agreementSeries(points, say)}
            yDomain={alphaDomain(points)}
            yFormat={(v) => v.toFixed(1)}
            ariaLabel={t('quality.agreement.title')}
            refLines={[
              { y: 0.8, label: t('quality.agreement.good_line') },
              { y: 0.667, label: t('quality.agreement.tentative_line') },
            ]}
            testId="agreement-chart"
          />
          {gap && (
            <p className="qc-note" data-testid="agreement-reason">
              {t('quality.agreement.undefined_latest', { reason: gap.alpha.reason ?? '' })}
            </p>
          )}
          {!gap && missing > 0 && (
            <p className="qc-note">{t('quality.agreement.some_undefined', { count: missing })}</p>
          )}
          {!gap && (
            <p className="qc-note muted">
              {t('quality.agreement.latest', {
                alpha: formatAlpha(metricValue(points.at(-1)!.alpha) ?? 0),
                labels: points.at(-1)!.labels,
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
