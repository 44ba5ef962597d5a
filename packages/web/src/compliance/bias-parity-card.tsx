/**
 * Label distribution across groups: a heat map of each group's label shares, the rate of one
 * chosen label per group as bars, and per label the demographic parity difference (highest
 * minus lowest rate) and ratio (lowest over highest), flagged under four fifths.
 *
 * @example
 * <BiasParityCard report={report} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BiasReport } from '../api/compliance-types.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import { formatAlpha, formatPercent } from '../charts/format.ts';
import { GridChart } from '../charts/grid-chart.tsx';
import { distributionCells, parityBars, parityFlag, statText } from './bias-data.ts';

/** Parity card. */
export function BiasParityCard({ report }: { report: BiasReport }) {
  const { t } = useTranslation();
  const d = report.distribution;
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const label = picked && d.labels.includes(picked) ? picked : d.labels[0];
  const groupName = report.group_by.replace(/^meta\./, '');
  if (d.groups.length === 0)
    return (
      <section className="card qc-card" data-testid="bias-parity">
        <h2>{t('bias.distribution')}</h2>
        <p className="qc-empty">{t('bias.no_labelled')}</p>
      </section>
    );
  return (
    <section className="card qc-card" data-testid="bias-parity">
      <header className="qc-card-header">
        <h2>{t('bias.distribution')}</h2>
        <span className="muted small">{t('bias.distribution_subtitle', { field: groupName })}</span>
      </header>
      <GridChart
        rows={d.groups}
        cols={d.labels}
        cells={distributionCells(report, (g, l, n, total) =>
          t('bias.cell_title', { group: g, label: l, count: n, total }),
        )}
        rowTitle={groupName}
        colTitle={report.control}
        ariaLabel={t('bias.distribution')}
        testId="bias-heatmap"
      />
      <div className="bias-split">
        <div>
          <div className="qc-control-picker">
            <span className="field-label">{t('bias.rate_of')}</span>
            <div className="segmented" role="group" aria-label={t('bias.rate_of')}>
              {d.labels.map((l) => (
                <button
                  key={l}
                  type="button"
                  aria-pressed={l === label}
                  onClick={() => setPicked(l)}
                >
                  {l}
                </button>
              ))}
            </div>
          </div>
          {label !== undefined && (
            <BarChart
              bars={parityBars(report, label, (g, n, total) =>
                t('bias.bar_title', { group: g, label, count: n, total }),
              )}
              max={1}
              ariaLabel={t('bias.rate_chart', { label })}
              testId="bias-rate-bars"
            />
          )}
        </div>
        <div className="qc-table-wrap">
          <table className="simple-table qc-table" data-testid="bias-parity-table">
            <caption className="sr-only">{t('bias.parity')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bias.label')}</th>
                <th scope="col" className="num">
                  {t('bias.parity_difference')}
                </th>
                <th scope="col" className="num">
                  {t('bias.parity_ratio')}
                </th>
                <th scope="col">{t('bias.flag')}</th>
              </tr>
            </thead>
            <tbody>
              {report.parity.map((p) => {
                const flag = parityFlag(p);
                return (
                  <tr key={p.label}>
                    <td>{p.label}</td>
                    <td className="num" title={p.difference.ok ? undefined : p.difference.reason}>
                      {statText(p.difference, (v) => formatPercent(v))}
                    </td>
                    <td className="num" title={p.ratio.ok ? undefined : p.ratio.reason}>
                      {statText(p.ratio, formatAlpha)}
                    </td>
                    <td>
                      <span
                        className={`qc-band qc-band-${flag === 'below_80' ? 'low' : flag === 'ok' ? 'good' : 'tentative'}`}
                      >
                        {t(`bias.flags.${flag}`)}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">{t('bias.parity_note')}</p>
        </div>
      </div>
    </section>
  );
}
