/**
 * The app's top bar: logo, breadcrumb, language switch and the user menu.
 *
 * @example
 * <TopBar crumbs={[{ label: project.name, to: '/projects/1' }]} />
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { Link } from '../components/link.tsx';
import { navigate } from './router.ts';
import { useSession } from './session.tsx';

/** One breadcrumb. */
export interface Crumb {
  label: string;
  to?: string;
}

/** Top bar. */
export function TopBar({ crumbs = [], actions }: { crumbs?: Crumb[]; actions?: ReactNode }) {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  return (
    <header className="topbar">
      <Link to="/" className="brand" aria-label="Tessera">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Tessera</span>
      </Link>
      <nav className="crumbs" aria-label={t('common.breadcrumb')}>
        <Link to="/">{t('projects.title')}</Link>
        {crumbs.map((c, i) => (
          <span key={i} className="crumb">
            <span className="crumb-sep" aria-hidden="true">
              /
            </span>
            {c.to ? <Link to={c.to}>{c.label}</Link> : <span>{c.label}</span>}
          </span>
        ))}
      </nav>
      <div className="topbar-actions">
        {actions}
        {user?.is_admin && (
          <Link to="/audit" className="button button-ghost button-small" data-testid="open-audit">
            {t('audit.title')}
          </Link>
        )}
        <LanguageSwitch />
        {user && (
          <div className="user-chip">
            <span className="avatar" aria-hidden="true">
              {user.username.slice(0, 1).toUpperCase()}
            </span>
            <span className="user-name">{user.name || user.username}</span>
            <button
              type="button"
              className="button button-ghost button-small"
              data-testid="logout"
              onClick={() => {
                void logout().then(() => navigate('/login'));
              }}
            >
              {t('login.logout')}
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
