/**
 * The project list: one card per project with its progress, and "New project".
 *
 * @example
 * <ProjectsPage />
 */
import { useTranslation } from 'react-i18next';
import type { Project } from '../api/types.ts';
import { api } from '../app/api.ts';
import { TopBar } from '../app/top-bar.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Link } from '../components/link.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';

function ProjectCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const total = project.task_count ?? 0;
  const done = project.annotated_count ?? 0;
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  const kinds = Array.from(new Set(project.schema.controls.map((c) => c.type)));
  return (
    <Link to={`/projects/${project.id}`} className="card project-card" data-testid="project-card">
      <div className="row">
        <h2>{project.name}</h2>
        <span className="spacer" />
        {project.role && <span className="badge">{t(`roles.${project.role}`)}</span>}
      </div>
      <p className="desc">{project.description || t('projects.no_description')}</p>
      <div className="chips">
        {kinds.map((k) => (
          <span key={k} className="chip">
            {t(`controls.${k}`)}
          </span>
        ))}
      </div>
      <footer>
        <span>{t('projects.task_progress', { done, total })}</span>
        <span className="progress" aria-hidden="true">
          <span style={{ width: `${pct}%` }} />
        </span>
        <span>{pct}%</span>
      </footer>
    </Link>
  );
}

/** All my projects. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const { data, error, loading } = useAsync(() => api.listProjects(), []);
  return (
    <>
      <TopBar />
      <main className="page">
        <div className="page-header">
          <div>
            <h1>{t('projects.title')}</h1>
            <p>{t('projects.subtitle')}</p>
          </div>
          <div className="actions">
            <Link to="/projects/new" className="button button-primary" data-testid="new-project">
              + {t('projects.new')}
            </Link>
          </div>
        </div>
        {loading && !data && <Spinner label={t('common.loading')} />}
        {error !== undefined && <p className="form-error">{errorMessage(t, error)}</p>}
        {data && data.length === 0 && (
          <div className="card empty-state">
            <h2>{t('projects.empty_title')}</h2>
            <p>{t('projects.empty_text')}</p>
            <Link to="/projects/new" className="button button-primary">
              {t('projects.new')}
            </Link>
          </div>
        )}
        {data && data.length > 0 && (
          <div className="project-grid">
            {data.map((p) => (
              <ProjectCard key={p.id} project={p} />
            ))}
          </div>
        )}
      </main>
    </>
  );
}
