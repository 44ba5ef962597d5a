/**
 * Pre-labeling (预标注) of a project: its models (register, edit, retrain, check a model
 * server), a pre-label job for the chosen model with live progress (re-attached after a
 * reload), the model's learning curve, and strategy experiments (A/B) with their report. The
 * chosen model lives in the address (`?model=`), so a reload shows the same one.
 *
 * @example
 * <ModelsPage projectId={1} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Model } from '../api/ml-types.ts';
import { api } from '../app/api.ts';
import { mlApi } from '../app/ml-api.ts';
import { navigate, useLocation } from '../app/router.ts';
import { TopBar } from '../app/top-bar.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Link } from '../components/link.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';
import { CurveCard } from '../models/curve-card.tsx';
import { ExperimentsCard } from '../models/experiments-card.tsx';
import { ModelDialog } from '../models/model-dialog.tsx';
import { ModelTable } from '../models/model-table.tsx';
import { PrelabelCard } from '../models/prelabel-card.tsx';
import '../styles/prelabel.css';

/** Models page. */
export function ModelsPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const [path, search = ''] = useLocation().split('?');
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState<Model | 'new' | null>(null);
  const project = useAsync(() => api.getProject(projectId), [projectId]);
  const models = useAsync(() => mlApi.models(projectId), [projectId, tick]);
  const list = models.data ?? [];
  const curves = useAsync(
    () =>
      Promise.all(
        list.map((m) =>
          mlApi.curve(projectId, m.id).then(
            (c) => [m.id, c] as const,
            () => [m.id, undefined] as const,
          ),
        ),
      ).then((pairs) => new Map(pairs)),
    [projectId, models.data],
  );
  const p = project.data;
  const canManage = p?.role === 'manager' || p?.role === 'admin';
  const asked = Number(new URLSearchParams(search).get('model'));
  const selected = list.find((m) => m.id === asked) ?? list[0];
  const select = (m: Model) => {
    const q = new URLSearchParams(search);
    q.set('model', String(m.id));
    navigate(`${path}?${q.toString()}`, { replace: true });
  };
  const reload = () => setTick((n) => n + 1);
  const error = project.error ?? models.error;

  return (
    <>
      <TopBar
        crumbs={p ? [{ label: p.name, to: `/projects/${p.id}` }, { label: t('models.title') }] : []}
      />
      <main className="page qc-page">
        <div className="page-header">
          <div className="page-title">
            <h1>{t('models.title')}</h1>
            <p>{t('models.subtitle')}</p>
          </div>
          <div className="actions">
            <Link to={`/projects/${projectId}/quality`} className="button">
              {t('quality.short')}
            </Link>
            {canManage && (
              <button
                type="button"
                className="button button-primary"
                onClick={() => setEditing('new')}
                data-testid="add-model"
              >
                {t('models.add')}
              </button>
            )}
          </div>
        </div>
        {error !== undefined && <p className="form-error">{errorMessage(t, error)}</p>}
        {!models.data || !p ? (
          error === undefined && <Spinner label={t('common.loading')} />
        ) : (
          <div className="qc-stack">
            <ModelTable
              projectId={projectId}
              models={list}
              curves={curves.data}
              selectedId={selected?.id}
              canManage={canManage}
              onSelect={select}
              onEdit={(m) => setEditing(m)}
              onChanged={reload}
            />
            {selected && (
              <div className="ml-row">
                <PrelabelCard
                  key={`job-${selected.id}`}
                  projectId={projectId}
                  model={selected}
                  canManage={canManage}
                  onFinished={reload}
                />
                <CurveCard
                  key={`curve-${selected.id}`}
                  model={selected}
                  curve={curves.data?.get(selected.id)}
                />
              </div>
            )}
            <ExperimentsCard
              projectId={projectId}
              project={p}
              models={list}
              canManage={canManage}
              canReview={canManage || p.role === 'reviewer'}
            />
          </div>
        )}
        {editing !== null && p && (
          <ModelDialog
            project={p}
            model={editing === 'new' ? undefined : editing}
            onClose={() => setEditing(null)}
            onSaved={(m) => {
              setEditing(null);
              reload();
              select(m);
            }}
          />
        )}
      </main>
    </>
  );
}
