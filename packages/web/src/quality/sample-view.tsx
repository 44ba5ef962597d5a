/**
 * One acceptance sample: the verdict so far with the pass rate and its Wilson interval, and
 * every sampled task with pass / fail buttons (and a link to open it).
 *
 * @example
 * <SampleView projectId={1} sampleId={4} />
 */
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Sample } from '../api/quality-types.ts';
import { qualityApi } from '../app/quality-api.ts';
import { formatPercent } from '../charts/format.ts';
import { IntervalBar } from '../charts/interval-bar.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Link } from '../components/link.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';
import { hasValue, rateTitle } from './quality-data.ts';
import { useSay } from './use-say.ts';

const PAGE = 50;

/** The plan in the UI language (the server's label is English). */
function planName(plan: Sample['plan'], t: TFunction): string {
  if (plan.id === 'tc260-003-4000' || plan.id === 'tc260-003-10pct')
    return t(`quality.sampling.plans.${plan.id.replace(/-/g, '_')}`);
  return t('quality.sampling.custom_label', {
    n: plan.minSample ?? '—',
    rate: formatPercent(plan.passRate),
  });
}

/** Props of SampleView. */
export interface SampleViewProps {
  projectId: number;
  sampleId: number;
  initial?: Sample;
}

/** Sample view. */
export function SampleView({ projectId, sampleId, initial }: SampleViewProps) {
  const { t } = useTranslation();
  const say = useSay();
  const sample = useAsync(
    () =>
      initial && initial.id === sampleId
        ? Promise.resolve(initial)
        : qualityApi.sample(projectId, sampleId),
    [projectId, sampleId],
  );
  const [shown, setShown] = useState(PAGE);
  const [error, setError] = useState<unknown>(undefined);
  const s = sample.data;
  if (sample.error !== undefined)
    return <p className="form-error">{errorMessage(t, sample.error)}</p>;
  if (!s) return <Spinner label={t('common.loading')} />;

  const judge = async (taskId: number, verdict: 'pass' | 'fail') => {
    setError(undefined);
    sample.setData({
      ...s,
      items: s.items.map((i) => (i.task_id === taskId ? { ...i, verdict } : i)),
    });
    try {
      await qualityApi.judge(projectId, s.id, taskId, verdict);
      sample.setData(await qualityApi.sample(projectId, s.id));
    } catch (e) {
      setError(e);
      sample.reload();
    }
  };

  const r = s.result;
  const rate = r.passRate;
  return (
    <div className="qc-sample" data-testid="sample-view">
      <div className="qc-sample-head">
        <span className={`qc-verdict qc-verdict-${r.verdict}`} data-testid="sample-verdict">
          {t(`quality.sampling.verdict.${r.verdict}`)}
        </span>
        <span className="qc-sample-rate">
          {hasValue(rate) ? (
            <>
              <strong>{formatPercent(rate.value)}</strong>
              <IntervalBar
                value={rate.value}
                lower={rate.lower}
                upper={rate.upper}
                title={rateTitle(rate, say)}
                width={140}
              />
              <span className="muted small">{rateTitle(rate, say)}</span>
            </>
          ) : (
            <span className="muted small">{t('quality.sampling.no_verdicts')}</span>
          )}
        </span>
        <span className="chip">
          {t('quality.sampling.target', { rate: formatPercent(s.plan.passRate) })}
        </span>
        <span className="chip" data-testid="sample-progress">
          {t('quality.sampling.progress', {
            inspected: s.inspected,
            size: s.size,
            required: r.requiredSample,
          })}
        </span>
        {r.confidentlyAccepted && (
          <span className="chip qc-confident">{t('quality.sampling.confident')}</span>
        )}
      </div>
      <p className="muted small">
        {t('quality.sampling.meta', {
          plan: planName(s.plan, t),
          batch: s.batch_size,
          seed: s.seed,
          id: s.id,
        })}
      </p>
      {error !== undefined && <p className="form-error">{errorMessage(t, error)}</p>}
      <table className="simple-table qc-table qc-sample-items">
        <thead>
          <tr>
            <th>{t('quality.findings.task')}</th>
            <th>{t('quality.sampling.verdict_col')}</th>
            <th className="qc-actions">{t('quality.sampling.judge')}</th>
          </tr>
        </thead>
        <tbody>
          {s.items.slice(0, shown).map((i) => (
            <tr key={i.task_id} data-testid="sample-item">
              <td>
                <Link to={`/projects/${projectId}/label/${i.task_id}`}>#{i.task_id}</Link>
              </td>
              <td>
                <span className={`badge qc-item-${i.verdict ?? 'open'}`}>
                  {t(`quality.sampling.item.${i.verdict ?? 'open'}`)}
                </span>
              </td>
              <td className="qc-actions">
                <div className="segmented" role="group" aria-label={t('quality.sampling.judge')}>
                  <button
                    type="button"
                    className="qc-judge-pass"
                    aria-pressed={i.verdict === 'pass'}
                    onClick={() => void judge(i.task_id, 'pass')}
                    data-testid="judge-pass"
                  >
                    {t('quality.sampling.pass')}
                  </button>
                  <button
                    type="button"
                    className="qc-judge-fail"
                    aria-pressed={i.verdict === 'fail'}
                    onClick={() => void judge(i.task_id, 'fail')}
                    data-testid="judge-fail"
                  >
                    {t('quality.sampling.fail')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.items.length > shown && (
        <div className="qc-more">
          <button
            type="button"
            className="button button-small"
            onClick={() => setShown((n) => n + PAGE)}
          >
            {t('quality.sampling.show_more', { count: s.items.length - shown })}
          </button>
        </div>
      )}
    </div>
  );
}
