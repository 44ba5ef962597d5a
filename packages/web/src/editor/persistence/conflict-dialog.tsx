/**
 * A save met a newer version on the server (409). Both versions are shown side by side,
 * differences marked, and the user chooses; nothing is overwritten silently.
 *
 * @example
 * <ConflictDialog mine={regions} theirs={sync.conflict} onKeepMine={sync.keepMine} onTakeTheirs={sync.takeTheirs} />
 */
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { Annotation } from '../../api/types.ts';
import { Dialog } from '../../components/dialog.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { diffTwo } from '../../review/annotation-diff.ts';
import type { LabelingSchema, Region } from '../../schema/types.ts';
import { regionLabels } from '../state/regions.ts';
import { regionSummary } from '../sidebar/region-summary.ts';

/** Props of ConflictDialog. */
export interface ConflictDialogProps {
  mine: Region[];
  theirs: Annotation;
  schema: LabelingSchema;
  data: Record<string, unknown>;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/** The region's description unless it only repeats its labels (choices). */
function detail(
  r: Region,
  all: Region[],
  data: Record<string, unknown>,
  schema: LabelingSchema,
): string {
  const d = regionSummary(r, all, data, schema);
  return d === regionLabels(r).join(', ') ? '' : d;
}

function Side({
  title,
  regions,
  only,
  schema,
  data,
  extra,
}: {
  title: string;
  regions: Region[];
  only: Set<string>;
  schema: LabelingSchema;
  data: Record<string, unknown>;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="conflict-side">
      <h3>
        {title} {extra}
      </h3>
      {regions.length === 0 && <p className="muted">{t('editor.no_regions')}</p>}
      <ul className="diff-list">
        {regions.map((r) => (
          <li key={r.id} className={only.has(r.id) ? 'diff-only' : undefined}>
            <span className="diff-control">{r.control}</span>{' '}
            <strong>{regionLabels(r).join(', ')}</strong>{' '}
            <span className="muted">{detail(r, regions, data, schema)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Conflict dialog. */
export function ConflictDialog({
  mine,
  theirs,
  schema,
  data,
  onKeepMine,
  onTakeTheirs,
}: ConflictDialogProps) {
  const { t } = useTranslation();
  const { onlyA, onlyB } = diffTwo(mine, theirs.regions);
  const locked = theirs.status === 'accepted';
  return (
    <Dialog
      open
      wide
      title={t('editor.conflict.title')}
      onClose={onTakeTheirs}
      testId="conflict-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onTakeTheirs} data-testid="take-theirs">
            {t('editor.conflict.take_theirs')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={onKeepMine}
            disabled={locked}
            data-testid="keep-mine"
          >
            {t('editor.conflict.keep_mine')}
          </button>
        </>
      }
    >
      <p className="muted">{t('editor.conflict.text')}</p>
      <div className="conflict-grid">
        <Side
          title={t('editor.conflict.mine')}
          regions={mine}
          only={onlyA}
          schema={schema}
          data={data}
        />
        <Side
          title={t('editor.conflict.theirs', { version: theirs.version })}
          regions={theirs.regions}
          only={onlyB}
          schema={schema}
          data={data}
          extra={<StatusBadge status={theirs.status} />}
        />
      </div>
      {locked && <p className="form-error">{t('editor.conflict.locked')}</p>}
    </Dialog>
  );
}
