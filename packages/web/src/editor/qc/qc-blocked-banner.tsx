/**
 * Why the server refused a submit: each quality-rule finding with the region it is about
 * (click to select that region) or "whole annotation".
 *
 * @example
 * <QcBlockedBanner findings={sync.blocked} />
 */
import { useTranslation } from 'react-i18next';
import type { QcFinding } from '../../api/quality-types.ts';
import { useEditor } from '../editor-context.ts';
import { regionLabels } from '../state/regions.ts';
import { findingRegionId } from './qc-findings.ts';

/** Blocked-submit banner. */
export function QcBlockedBanner({ findings }: { findings: readonly QcFinding[] }) {
  const { t } = useTranslation();
  const { regions, commands } = useEditor();
  if (findings.length === 0) return null;
  return (
    <div className="banner banner-error qc-blocked" role="alert" data-testid="qc-blocked">
      <strong>{t('quality.editor.blocked_title')}</strong> {t('quality.editor.blocked_hint')}
      <ul>
        {findings.map((f, i) => {
          const id = findingRegionId(f, regions);
          const r = id ? regions.find((x) => x.id === id) : undefined;
          const name = r
            ? regionLabels(r).join(', ') || t(`editor.type.${r.type}`)
            : t('quality.editor.whole');
          return (
            <li key={i} className={`qc-finding qc-finding-${f.severity}`}>
              {r ? (
                <button
                  type="button"
                  className="qc-finding-region"
                  title={t('quality.editor.show_region')}
                  onClick={() => commands.select(r.id)}
                >
                  {name}
                </button>
              ) : (
                <span className="qc-finding-region">{name}</span>
              )}
              <span>{f.message}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
