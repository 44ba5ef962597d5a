/**
 * A model's learning curve: held-out accuracy (span F1 for a span tagger) against the number
 * of labels it was trained on, one point per retrain, from the curve the server records; the
 * area under it summarises how fast the model learns.
 *
 * @example
 * <CurveCard model={model} curve={await mlApi.curve(1, model.id)} />
 */
import { useTranslation } from 'react-i18next';
import type { LearningCurveResponse, Model } from '../api/ml-types.ts';
import { formatPercent } from '../charts/format.ts';
import { LineChart } from '../charts/line-chart.tsx';
import { curvePoints } from './experiment-data.ts';

/** Learning-curve card. */
export function CurveCard({
  model,
  curve,
}: {
  model: Model;
  curve: LearningCurveResponse | undefined;
}) {
  const { t } = useTranslation();
  const points = curvePoints(curve?.points ?? [], (p) =>
    t('curve.point', {
      labels: p.labels,
      value: formatPercent(p.accuracy),
      n: p.eval_size,
      version: p.model_version,
    }),
  );
  const metric =
    curve?.points.at(-1)?.metric === 'span_f1' ? t('curve.span_f1') : t('curve.accuracy');
  return (
    <section className="card qc-card ml-curve" data-testid="curve-card">
      <header className="qc-card-header">
        <h2>{t('curve.title')}</h2>
        <span className="muted small">{t('curve.subtitle', { metric })}</span>
      </header>
      {points.length === 0 ? (
        <p className="qc-empty">{t('curve.empty')}</p>
      ) : (
        <>
          <LineChart
            points={points}
            yDomain={[0, 1]}
            yFormat={(v) => formatPercent(v, 0)}
            ariaLabel={t('curve.aria', { name: model.name })}
            height={200}
            testId="learning-curve"
          />
          <p className="muted small ml-axis-note">
            {t('curve.x_axis')}
            {typeof curve?.area?.value === 'number' &&
              ` · ${t('curve.area', { area: formatPercent(curve.area.value) })}`}
          </p>
        </>
      )}
    </section>
  );
}
