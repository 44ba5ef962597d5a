/**
 * The route switch with the login guard: logged-out users go to /login?next=<where they were>,
 * and come back there after logging in.
 *
 * @example
 * <SessionProvider><App /></SessionProvider>
 */
import { Suspense, lazy, useEffect } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../components/spinner.tsx';
import { LoginPage } from '../pages/login-page.tsx';
import { NotFoundPage } from '../pages/not-found-page.tsx';
import { ProjectPage } from '../pages/project-page.tsx';
import { ProjectsPage } from '../pages/projects-page.tsx';

// The editor (Konva) and the schema tools (zod) load on first use, so the login page and the
// project list stay small.
const LabelPage = lazy(() =>
  import('../pages/label-page.tsx').then((m) => ({ default: m.LabelPage })),
);
const ReviewPage = lazy(() =>
  import('../pages/review-page.tsx').then((m) => ({ default: m.ReviewPage })),
);
const NewProjectPage = lazy(() =>
  import('../pages/new-project-page.tsx').then((m) => ({ default: m.NewProjectPage })),
);
const ProjectSettingsPage = lazy(() =>
  import('../pages/project-settings-page.tsx').then((m) => ({ default: m.ProjectSettingsPage })),
);
const QualityPage = lazy(() =>
  import('../pages/quality-page.tsx').then((m) => ({ default: m.QualityPage })),
);
const VersionsPage = lazy(() =>
  import('../pages/versions-page.tsx').then((m) => ({ default: m.VersionsPage })),
);
const ModelsPage = lazy(() =>
  import('../pages/models-page.tsx').then((m) => ({ default: m.ModelsPage })),
);
const AuditPage = lazy(() =>
  import('../pages/audit-page.tsx').then((m) => ({ default: m.AuditPage })),
);
const BiasPage = lazy(() =>
  import('../pages/bias-page.tsx').then((m) => ({ default: m.BiasPage })),
);
import { navigate, useLocation, useRoute } from './router.ts';
import { useSession } from './session.tsx';

/** Only same-app paths are followed after login (no open redirect). */
function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The app. */
export function App() {
  const { t } = useTranslation();
  const { user } = useSession();
  const route = useRoute();
  const location = useLocation();

  useEffect(() => {
    if (user === null && route.name !== 'login') {
      navigate(`/login?next=${encodeURIComponent(location)}`, { replace: true });
    } else if (user && route.name === 'login') {
      navigate(safeNext(window.location.search), { replace: true });
    }
  }, [user, route.name, location]);

  if (user === undefined) return <Spinner label={t('common.loading')} />;
  if (user === null) return route.name === 'login' ? <LoginPage /> : null;
  return <Suspense fallback={<Spinner label={t('common.loading')} />}>{page(route)}</Suspense>;
}

function page(route: ReturnType<typeof useRoute>): ReactNode {
  switch (route.name) {
    case 'login':
      return null;
    case 'projects':
      return <ProjectsPage />;
    case 'new-project':
      return <NewProjectPage />;
    case 'project':
      return <ProjectPage projectId={route.id} />;
    case 'settings':
      return <ProjectSettingsPage projectId={route.id} />;
    case 'quality':
      return <QualityPage key={route.id} projectId={route.id} />;
    case 'versions':
      return <VersionsPage key={route.id} projectId={route.id} />;
    case 'models':
      return <ModelsPage key={route.id} projectId={route.id} />;
    case 'bias':
      return <BiasPage key={route.id} projectId={route.id} />;
    case 'audit':
      return <AuditPage key={route.id ?? 0} projectId={route.id} />;
    case 'label':
      return <LabelPage key={route.id} projectId={route.id} taskId={route.taskId} />;
    case 'review':
      return <ReviewPage projectId={route.id} taskId={route.taskId} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
