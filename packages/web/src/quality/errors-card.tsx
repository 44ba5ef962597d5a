/**
 * Where labels go wrong against the consensus, for one control: the label × annotator heat
 * map of error rates, and error rates by label and by annotator group with their intervals.
 *
 * @example
 * <ErrorsCard errors={errors.find((e) => e.control === 'sentiment')} />
 */
import { useTranslation } from 'react-i18next';
import type { ControlErrors } from '../api/quality-types.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import { GridChart } from '../charts/grid-chart.tsx';
import { barMax, errorBars, errorHeatMap } from './quality-data.ts';
import { useSay } from './use-say.ts';

/** Errors card. */
export function ErrorsCard({ errors }: { errors: ControlErrors | undefined }) {
  const { t } = useTranslation();
  const say = useSay();
  if (!errors || errors.heat_map.length === 0)
    return (
      <section className="card qc-card" data-testid="qc-errors">
        <header className="qc-card-header">
          <h2>{t('quality.errors.title')}</h2>
        </header>
        <p className="qc-empty">{t('quality.summary.not_computed')}</p>
      </section>
    );
  const heat = errorHeatMap(errors, say);
  const byLabel = errorBars(
    errors.by_label.map((b) => ({ ...b, name: b.label })),
    say,
  );
  const byGroup = errorBars(
    errors.by_group.map((b) => ({ ...b, name: b.group })),
    say,
  );
  return (
    <section className="card qc-card" data-testid="qc-errors">
      <header className="qc-card-header">
        <h2>{t('quality.errors.title')}</h2>
        <span className="muted small">{t('quality.errors.subtitle')}</span>
      </header>
      <div className="qc-errors-layout">
        <div>
          <h3 className="qc-sub">{t('quality.errors.heat_map')}</h3>
          <GridChart
            rows={heat.rows}
            cols={heat.cols}
            cells={heat.cells}
            rowTitle={t('quality.errors.annotator')}
            colTitle={t('quality.errors.true_label')}
            ariaLabel={t('quality.errors.heat_map')}
            testId="error-heat-map"
          />
          <p className="qc-legend">
            <span className="qc-legend-ramp" aria-hidden="true" />
            <span>{t('quality.errors.legend')}</span>
          </p>
        </div>
        <div className="qc-error-bars">
          <h3 className="qc-sub">{t('quality.errors.by_label')}</h3>
          <BarChart
            bars={byLabel}
            max={barMax(byLabel)}
            ariaLabel={t('quality.errors.by_label')}
            color="#ea580c"
            testId="errors-by-label"
          />
          <h3 className="qc-sub">{t('quality.errors.by_group')}</h3>
          <BarChart
            bars={byGroup}
            max={barMax(byGroup)}
            ariaLabel={t('quality.errors.by_group')}
            color="#ea580c"
            testId="errors-by-group"
          />
        </div>
      </div>
    </section>
  );
}
