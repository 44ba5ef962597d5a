/**
 * Each annotator's label distribution against the settled (consensus) labels of the tasks they
 * labelled: agreement, total variation distance, a chi-square screen, and per label a
 * diverging bar (right: the annotator gives it more often than the consensus; left: less).
 *
 * @example
 * <BiasAnnotatorsCard report={report} />
 */
import { useTranslation } from 'react-i18next';
import type { BiasReport } from '../api/compliance-types.ts';
import { DivergingBar } from '../charts/diverging-bar.tsx';
import { formatPercent } from '../charts/format.ts';
import { annotatorDeviations, formatP, maxDeviation, significant, statText } from './bias-data.ts';

/** Annotators card. */
export function BiasAnnotatorsCard({ report }: { report: BiasReport }) {
  const { t } = useTranslation();
  const labels = report.distribution.labels;
  const rows = report.annotators;
  const max = maxDeviation(rows, labels);
  const pts = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}`;
  return (
    <section className="card qc-card" data-testid="bias-annotators">
      <header className="qc-card-header">
        <h2>{t('bias.annotators')}</h2>
        <span className="muted small">{t('bias.annotators_subtitle')}</span>
      </header>
      {rows.length === 0 ? (
        <p className="qc-empty">{t('bias.no_annotators')}</p>
      ) : (
        <div className="qc-table-wrap">
          <table className="simple-table qc-table">
            <caption className="sr-only">{t('bias.annotators')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bias.annotator')}</th>
                <th scope="col" className="num">
                  {t('bias.labels_n')}
                </th>
                <th scope="col" className="num">
                  {t('bias.agreement')}
                </th>
                <th scope="col" className="num">
                  {t('bias.tvd')}
                </th>
                <th scope="col" className="num">
                  {t('bias.p_value')}
                </th>
                {labels.map((l) => (
                  <th key={l} scope="col">
                    {l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const sig = significant(r.test);
                return (
                  <tr key={r.user_id} data-testid="bias-annotator-row">
                    <td>{r.username ?? `#${r.user_id}`}</td>
                    <td className="num">{r.n}</td>
                    <td className="num">{statText(r.agreement, (v) => formatPercent(v))}</td>
                    <td className="num">{statText(r.tvd, (v) => formatPercent(v))}</td>
                    <td className="num" title={r.test.ok ? undefined : r.test.reason}>
                      {r.test.ok ? formatP(r.test.pValue) : '—'}
                      {sig && (
                        <span className="qc-band qc-band-low bias-sig">
                          {t('bias.significant')}
                        </span>
                      )}
                    </td>
                    {annotatorDeviations(r, labels)
                      .filter((d) => labels.includes(d.label))
                      .map((d) => {
                        const title = t('bias.deviation_title', {
                          label: d.label,
                          given: formatPercent(d.given),
                          consensus: formatPercent(d.consensus),
                        });
                        return (
                          <td key={d.label} className="nowrap">
                            <div className="bias-deviation">
                              <DivergingBar
                                added={Math.max(0, d.diff)}
                                removed={Math.max(0, -d.diff)}
                                max={max}
                                title={title}
                                width={96}
                              />
                              <span className="muted small">{pts(d.diff)}</span>
                            </div>
                          </td>
                        );
                      })}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">{t('bias.annotators_note')}</p>
        </div>
      )}
    </section>
  );
}
