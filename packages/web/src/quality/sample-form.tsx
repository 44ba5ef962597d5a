/**
 * Draws an acceptance sample: a TC260-003 plan (at least 4,000 items at a 96 % pass rate, or
 * 10 % of the batch at 98 %) or a custom size and pass rate, from the tasks in one status.
 *
 * @example
 * <SampleForm projectId={1} onCreated={(s) => show(s.id)} />
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sample, SamplePlanId } from '../api/quality-types.ts';
import { TASK_STATUSES } from '../api/types.ts';
import { qualityApi } from '../app/quality-api.ts';
import { errorMessage } from '../components/error-message.ts';

/** Props of SampleForm. */
export interface SampleFormProps {
  projectId: number;
  onCreated: (s: Sample) => void;
}

const PLANS: SamplePlanId[] = ['tc260-003-4000', 'tc260-003-10pct', 'custom'];

/** Sample form. */
export function SampleForm({ projectId, onCreated }: SampleFormProps) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState<SamplePlanId>('tc260-003-10pct');
  const [n, setN] = useState('50');
  const [passPct, setPassPct] = useState('95');
  const [status, setStatus] = useState('accepted');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const custom = plan === 'custom' ? { n: Number(n), pass_rate: Number(passPct) / 100 } : {};
      onCreated(await qualityApi.createSample(projectId, { plan, status, ...custom }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="qc-sample-form" onSubmit={(e) => void submit(e)} data-testid="sample-form">
      <label className="field">
        <span>{t('quality.sampling.plan')}</span>
        <select value={plan} onChange={(e) => setPlan(e.target.value as SamplePlanId)} name="plan">
          {PLANS.map((p) => (
            <option key={p} value={p}>
              {t(`quality.sampling.plans.${p.replace(/-/g, '_')}`)}
            </option>
          ))}
        </select>
      </label>
      {plan === 'custom' && (
        <>
          <label className="field qc-narrow">
            <span>{t('quality.sampling.size')}</span>
            <input
              type="number"
              name="n"
              min={1}
              max={1_000_000}
              required
              value={n}
              onChange={(e) => setN(e.target.value)}
            />
          </label>
          <label className="field qc-narrow">
            <span>{t('quality.sampling.pass_rate')}</span>
            <input
              type="number"
              name="pass_rate"
              min={0}
              max={100}
              step="0.1"
              required
              value={passPct}
              onChange={(e) => setPassPct(e.target.value)}
            />
          </label>
        </>
      )}
      <label className="field">
        <span>{t('quality.sampling.batch')}</span>
        <select value={status} onChange={(e) => setStatus(e.target.value)} name="status">
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="button button-primary"
        disabled={busy}
        data-testid="create-sample"
      >
        {busy ? t('common.working') : t('quality.sampling.create')}
      </button>
      {error !== undefined && <p className="form-error qc-form-error">{errorMessage(t, error)}</p>}
    </form>
  );
}
