/**
 * Shown for an unknown URL.
 *
 * @example
 * <NotFoundPage />
 */
import { useTranslation } from 'react-i18next';
import { TopBar } from '../app/top-bar.tsx';
import { Link } from '../components/link.tsx';

/** 404 page. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <TopBar />
      <main className="page">
        <div className="empty-state">
          <h1>{t('errors.page_not_found')}</h1>
          <Link to="/" className="button button-primary">
            {t('projects.back_to_list')}
          </Link>
        </div>
      </main>
    </>
  );
}
