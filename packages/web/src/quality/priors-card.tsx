/**
 * The class distribution truth inference estimated (Dawid–Skene priors): how often each class
 * is the true one, as bars.
 *
 * @example
 * <PriorsCard control={summary.controls[0]} />
 */
import { useTranslation } from 'react-i18next';
import type { ControlSummary } from '../api/quality-types.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import { formatPercent } from '../charts/format.ts';

/** Priors card. */
export function PriorsCard({ control }: { control: ControlSummary | undefined }) {
  const { t } = useTranslation();
  const bars = (control?.classes ?? []).map((c, i) => {
    const v = control?.priors[i];
    return {
      label: c,
      value: v,
      text: v === undefined ? '—' : formatPercent(v),
      title: `${c}: ${v === undefined ? '—' : formatPercent(v)}`,
    };
  });
  return (
    <section className="card qc-card" data-testid="qc-priors">
      <header className="qc-card-header">
        <h2>{t('quality.priors.title')}</h2>
        <span className="muted small">{t('quality.priors.subtitle')}</span>
      </header>
      {bars.length === 0 ? (
        <p className="qc-empty">{t('quality.summary.not_computed')}</p>
      ) : (
        <BarChart bars={bars} max={1} ariaLabel={t('quality.priors.title')} color="#6366f1" />
      )}
    </section>
  );
}
