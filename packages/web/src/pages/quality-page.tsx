/**
 * The quality dashboard (质量控制) of a project: agreement over time, the headline figures,
 * per-annotator accuracy with confusion matrices, the error heat map and distributions, rule
 * findings with links to their tasks, recompute (managers) and acceptance sampling.
 * Reviewers and managers see everything; annotators see agreement, the summary and findings
 * (the server refuses them the per-annotator figures).
 *
 * @example
 * <QualityPage projectId={1} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { qualityApi } from '../app/quality-api.ts';
import { TopBar } from '../app/top-bar.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Link } from '../components/link.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';
import { AgreementCard } from '../quality/agreement-card.tsx';
import { AnnotatorsCard } from '../quality/annotators-card.tsx';
import { ControlPicker } from '../quality/control-picker.tsx';
import { ErrorsCard } from '../quality/errors-card.tsx';
import { FindingsCard } from '../quality/findings-card.tsx';
import { PriorsCard } from '../quality/priors-card.tsx';
import { controlNames } from '../quality/quality-data.ts';
import { RecomputeButton } from '../quality/recompute-button.tsx';
import { SamplingCard } from '../quality/sampling-card.tsx';
import { SummaryTiles } from '../quality/summary-tiles.tsx';

/** Quality dashboard page. */
export function QualityPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const [tick, setTick] = useState(0);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const project = useAsync(() => api.getProject(projectId), [projectId]);
  const role = project.data?.role;
  const canManage = role === 'manager' || role === 'admin';
  const canReview = canManage || role === 'reviewer';
  const summary = useAsync(() => qualityApi.summary(projectId), [projectId, tick]);
  const agreement = useAsync(() => qualityApi.agreement(projectId), [projectId, tick]);
  const annotators = useAsync(
    () => (canReview ? qualityApi.annotators(projectId) : Promise.resolve([])),
    [projectId, tick, canReview],
  );
  const errors = useAsync(
    () => (canReview ? qualityApi.errors(projectId) : Promise.resolve([])),
    [projectId, tick, canReview],
  );
  const controls = controlNames(summary.data?.controls, agreement.data?.controls, annotators.data);
  const control = picked && controls.includes(picked) ? picked : controls[0];
  const ctlSummary = summary.data?.controls.find((c) => c.control === control);
  const ctlErrors = errors.data?.find((e) => e.control === control);
  const p = project.data;
  const loadError = [project, summary, agreement, annotators, errors].find(
    (x) => x.error !== undefined,
  )?.error;

  return (
    <>
      <TopBar
        crumbs={
          p ? [{ label: p.name, to: `/projects/${p.id}` }, { label: t('quality.title') }] : []
        }
      />
      <main className="page qc-page">
        <div className="page-header">
          <div className="page-title">
            <h1>{t('quality.title')}</h1>
            <p>{t('quality.subtitle')}</p>
          </div>
          <div className="actions">
            <Link to={`/projects/${projectId}/versions`} className="button">
              {t('versions.title')}
            </Link>
            {canManage && (
              <RecomputeButton projectId={projectId} onDone={() => setTick((n) => n + 1)} />
            )}
          </div>
        </div>
        {loadError !== undefined && <p className="form-error">{errorMessage(t, loadError)}</p>}
        {(!p || (summary.loading && !summary.data)) && loadError === undefined ? (
          <Spinner label={t('common.loading')} />
        ) : (
          <div className="qc-stack">
            <ControlPicker controls={controls} value={control} onChange={setPicked} />
            {controls.length === 0 && (
              <div className="card qc-card qc-empty-card" data-testid="qc-empty">
                <h2>{t('quality.empty_title')}</h2>
                <p>{t('quality.empty_text')}</p>
              </div>
            )}
            <SummaryTiles control={ctlSummary} findings={summary.data?.findings ?? []} />
            <div className="qc-row">
              <AgreementCard
                points={agreement.data?.controls.find((c) => c.control === control)?.points}
              />
              <PriorsCard control={ctlSummary} />
            </div>
            {canReview && (
              <AnnotatorsCard
                rows={(annotators.data ?? []).filter((a) => a.control === control)}
                classes={ctlErrors?.classes ?? ctlSummary?.classes ?? []}
              />
            )}
            {canReview && <ErrorsCard errors={ctlErrors} />}
            <FindingsCard
              projectId={projectId}
              counts={summary.data?.findings ?? []}
              reloadKey={tick}
            />
            {canReview && <SamplingCard projectId={projectId} />}
          </div>
        )}
      </main>
    </>
  );
}
