/**
 * The bias report (偏见检测) of a project: pick a single-choice control and a key of task meta
 * that groups the tasks; the page shows the chi-square test of independence, the label
 * distribution per group as a heat map with demographic parity difference and ratio per
 * label, and each annotator's labels against the consensus. Reviewers and managers only (the
 * server refuses annotators). The choice lives in the URL.
 *
 * @example
 * <BiasPage projectId={1} /> // /projects/1/bias?control=sentiment&group_by=meta.region
 */
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { complianceApi } from '../app/compliance-api.ts';
import { navigate, useLocation } from '../app/router.ts';
import { TopBar } from '../app/top-bar.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';
import { BiasAnnotatorsCard } from '../compliance/bias-annotators-card.tsx';
import { BiasParityCard } from '../compliance/bias-parity-card.tsx';
import { BiasSummary } from '../compliance/bias-summary.tsx';

/** Bias report page. */
export function BiasPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const [path, search = ''] = useLocation().split('?');
  const params = new URLSearchParams(search);
  const project = useAsync(() => api.getProject(projectId), [projectId]);
  const options = useAsync(() => complianceApi.biasOptions(projectId), [projectId]);
  const o = options.data;
  const wanted = { control: params.get('control'), group: params.get('group_by') };
  const control =
    o && wanted.control && o.controls.includes(wanted.control) ? wanted.control : o?.controls[0];
  const groupBy =
    o && wanted.group && o.fields.some((f) => f.path === wanted.group)
      ? wanted.group
      : o?.fields[0]?.path;
  const report = useAsync(
    () =>
      control && groupBy
        ? complianceApi.bias(projectId, control, groupBy)
        : Promise.resolve(undefined),
    [projectId, control, groupBy],
  );
  const pick = (over: { control?: string; group_by?: string }) => {
    const q = new URLSearchParams({
      ...(control ? { control } : {}),
      ...(groupBy ? { group_by: groupBy } : {}),
      ...over,
    });
    navigate(`${path}?${q.toString()}`, { replace: true });
  };
  const p = project.data;
  const error = [project, options, report].find((x) => x.error !== undefined)?.error;
  const r = report.data;
  return (
    <>
      <TopBar
        crumbs={p ? [{ label: p.name, to: `/projects/${p.id}` }, { label: t('bias.title') }] : []}
      />
      <main className="page qc-page bias-page">
        <div className="page-header">
          <div className="page-title">
            <h1>{t('bias.title')}</h1>
            <p>{t('bias.subtitle')}</p>
          </div>
        </div>
        {error !== undefined && (
          <p className="form-error" role="alert">
            {errorMessage(t, error)}
          </p>
        )}
        {o && (
          <form
            className="qc-filters"
            aria-label={t('bias.choose')}
            onSubmit={(e) => e.preventDefault()}
          >
            <label className="field">
              <span>{t('bias.control')}</span>
              <select
                value={control ?? ''}
                onChange={(e) => pick({ control: e.target.value })}
                disabled={o.controls.length === 0}
                data-testid="bias-control"
              >
                {o.controls.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('bias.group_by')}</span>
              <select
                value={groupBy ?? ''}
                onChange={(e) => pick({ group_by: e.target.value })}
                disabled={o.fields.length === 0}
                data-testid="bias-group-by"
              >
                {o.fields.map((f) => (
                  <option key={f.path} value={f.path}>
                    {t('bias.field_option', {
                      field: f.path.replace(/^meta\./, ''),
                      tasks: f.tasks,
                      values: f.values,
                    })}
                  </option>
                ))}
              </select>
            </label>
          </form>
        )}
        {o && o.controls.length === 0 && (
          <p className="qc-empty card qc-card" data-testid="bias-no-control">
            {t('bias.no_control')}
          </p>
        )}
        {o && o.controls.length > 0 && o.fields.length === 0 && (
          <p className="qc-empty card qc-card" data-testid="bias-no-meta">
            {t('bias.no_meta')}
          </p>
        )}
        {error === undefined && (options.loading || (report.loading && !r)) && (
          <Spinner label={t('common.loading')} />
        )}
        {r && (
          <div className="qc-stack" aria-busy={report.loading}>
            <BiasSummary report={r} />
            <BiasParityCard report={r} />
            <BiasAnnotatorsCard report={r} />
          </div>
        )}
      </main>
    </>
  );
}
