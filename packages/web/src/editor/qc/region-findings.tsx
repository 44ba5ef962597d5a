/**
 * The quality-rule findings of one region, shown under it in the region list after a submit
 * was refused (messages are server text, rendered as text). Rows without findings render
 * nothing and call no translation hook (the list can hold thousands of rows).
 *
 * @example
 * <RegionFindings regionId={r.id} />
 */
import { useTranslation } from 'react-i18next';
import type { QcFinding } from '../../api/quality-types.ts';
import { useRegionFindings } from './qc-context.ts';

/** Findings of a region. */
export function RegionFindings({ regionId }: { regionId: string }) {
  const findings = useRegionFindings(regionId);
  return findings.length === 0 ? null : <FindingList findings={findings} />;
}

function FindingList({ findings }: { findings: readonly QcFinding[] }) {
  const { t } = useTranslation();
  return (
    <ul
      className="region-findings"
      aria-label={t('quality.editor.region_findings')}
      data-testid="region-findings"
    >
      {findings.map((f, i) => (
        <li key={i} className={`qc-finding qc-finding-${f.severity}`}>
          <span className="qc-finding-icon" aria-hidden="true">
            {f.severity === 'block' ? '⛔' : '⚠'}
          </span>
          <span>{f.message}</span>
        </li>
      ))}
    </ul>
  );
}
