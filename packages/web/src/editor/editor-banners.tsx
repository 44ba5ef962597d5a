/**
 * Notices above the fields: returned for rework (with the reviewer's reason), read-only,
 * why a submit was refused, and the relation-picking hint.
 *
 * @example
 * <EditorBanners rework={{ reason: 'Wrong label' }} readOnly={false} problems={[]} relationMode={false} />
 */
import { useTranslation } from 'react-i18next';
import type { SubmitProblem } from './submit-check.ts';

/** Props of EditorBanners. */
export interface EditorBannersProps {
  /** Set when my annotation was rejected; `reason` is the reviewer's. */
  rework: { reason: string | null } | null;
  readOnly: boolean;
  problems: SubmitProblem[];
  relationMode: boolean;
}

/** Banners. */
export function EditorBanners({ rework, readOnly, problems, relationMode }: EditorBannersProps) {
  const { t } = useTranslation();
  return (
    <>
      {rework && (
        <div className="banner banner-warning" data-testid="rework-banner">
          <strong>{t('editor.rework')}</strong> {rework.reason ?? t('editor.rework_hint')}
        </div>
      )}
      {readOnly && <div className="banner">{t('editor.read_only')}</div>}
      {problems.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="submit-problems">
          <strong>{t('editor.cannot_submit')}</strong>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.kind === 'required'
                  ? t('editor.required_missing', { control: p.control })
                  : `${p.path}: ${p.message}`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {relationMode && <div className="banner banner-info">{t('editor.relation_hint')}</div>}
    </>
  );
}
