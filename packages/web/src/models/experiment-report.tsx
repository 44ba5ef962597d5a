/**
 * The A/B report of an experiment: for each measure (accuracy against gold, time per task,
 * downstream model accuracy) arm A, arm B and B − A, each with its 95 % interval drawn as an
 * interval bar; a measure the data cannot support shows the server's reason instead.
 *
 * @example
 * <ExperimentReportView projectId={1} experiment={exp} />
 */
import { useTranslation } from 'react-i18next';
import type { ArmComparison, Experiment } from '../api/ml-types.ts';
import { mlApi } from '../app/ml-api.ts';
import { IntervalBar } from '../charts/interval-bar.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';
import { estimateView, scaleOf, type EstimateUnit } from './experiment-data.ts';

/** Report of one experiment. */
export function ExperimentReportView({
  projectId,
  experiment,
}: {
  projectId: number;
  experiment: Experiment;
}) {
  const { t } = useTranslation();
  const report = useAsync(
    () => mlApi.experimentReport(projectId, experiment.id),
    [projectId, experiment.id],
  );
  const r = report.data;
  const arm = (x: 'A' | 'B') => t(`experiments.arm_names.${experiment.kind}.${x}`);
  return (
    <div className="ml-report" data-testid="experiment-report">
      <div className="ml-report-head">
        <h3>{t('experiments.report_title', { name: experiment.name })}</h3>
        <button
          type="button"
          className="button button-small"
          onClick={report.reload}
          disabled={report.loading}
        >
          {t('experiments.refresh')}
        </button>
      </div>
      {report.error !== undefined && <p className="form-error">{errorMessage(t, report.error)}</p>}
      {!r && report.error === undefined && <Spinner label={t('common.loading')} />}
      {r && (
        <>
          <p className="muted small">
            {t('experiments.tasks_per_arm', {
              a: r.arms.A.tasks,
              b: r.arms.B.tasks,
              armA: arm('A'),
              armB: arm('B'),
            })}
          </p>
          <table className="simple-table qc-table ml-report-table">
            <thead>
              <tr>
                <th>{t('experiments.measure')}</th>
                <th>A · {arm('A')}</th>
                <th>B · {arm('B')}</th>
                <th>{t('experiments.difference')}</th>
              </tr>
            </thead>
            <tbody>
              <MeasureRow
                label={t('experiments.gold_accuracy')}
                note={t('experiments.judged', { n: r.gold_accuracy.judged })}
                c={r.gold_accuracy}
                unit="rate"
                testId="measure-gold"
              />
              <MeasureRow
                label={t('experiments.time_per_task')}
                c={r.time_per_task_ms}
                unit="ms"
                testId="measure-time"
              />
              {r.model_accuracy.A ? (
                <MeasureRow
                  label={t('experiments.model_accuracy')}
                  note={t('experiments.model_note', {
                    labels: r.model_accuracy.labels_per_arm,
                    n: r.model_accuracy.eval_size,
                  })}
                  c={r.model_accuracy}
                  unit="rate"
                  testId="measure-model"
                />
              ) : (
                <tr data-testid="measure-model">
                  <td className="qc-strong">{t('experiments.model_accuracy')}</td>
                  <td colSpan={3} className="muted">
                    {t('experiments.not_computed', { reason: r.model_accuracy.reason })}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <p className="muted small">{t('experiments.interval_note')}</p>
        </>
      )}
    </div>
  );
}

function MeasureRow({
  label,
  note,
  c,
  unit,
  testId,
}: {
  label: string;
  note?: string;
  c: ArmComparison;
  unit: 'rate' | 'ms';
  testId: string;
}) {
  const diffUnit: EstimateUnit = unit === 'rate' ? 'rate-diff' : 'ms-diff';
  return (
    <tr data-testid={testId}>
      <td>
        <div className="qc-strong">{label}</div>
        {note && <div className="muted small">{note}</div>}
      </td>
      <EstimateCell e={c.A} unit={unit} scale={scaleOf(c, unit)} />
      <EstimateCell e={c.B} unit={unit} scale={scaleOf(c, unit)} />
      <EstimateCell e={c.difference} unit={diffUnit} scale={scaleOf(c, diffUnit)} />
    </tr>
  );
}

function EstimateCell({
  e,
  unit,
  scale,
}: {
  e: ArmComparison['A'];
  unit: EstimateUnit;
  scale: number;
}) {
  const { t } = useTranslation();
  const v = estimateView(e, unit, scale);
  if ('missing' in v)
    return (
      <td className="muted small" title={v.missing}>
        — {t('experiments.not_computed', { reason: v.missing })}
      </td>
    );
  const title = `${v.text} (${v.range})`;
  return (
    <td>
      <span className="rate-cell" title={title}>
        <span className="rate-value">{v.text}</span>
        <IntervalBar value={v.bar.value} lower={v.bar.lower} upper={v.bar.upper} title={title} />
      </span>
      <div className="muted small">{v.range}</div>
    </td>
  );
}
