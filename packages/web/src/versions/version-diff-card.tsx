/**
 * 版本对比: pick two versions and see what changed between them — tasks added, removed and
 * changed (with example tasks to open), and per label how many uses were added and removed.
 *
 * @example
 * <VersionDiffCard projectId={1} versions={list} pair={{ from: 3, to: 4 }} onPair={setPair} />
 */
import { useTranslation } from 'react-i18next';
import type { DatasetVersion } from '../api/version-types.ts';
import { versionsApi } from '../app/quality-api.ts';
import { errorMessage } from '../components/error-message.ts';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';
import type { VersionPair } from './diff-data.ts';
import { LabelChanges } from './label-changes.tsx';
import { TaskLinks } from './task-links.tsx';

/** Props of VersionDiffCard. */
export interface VersionDiffCardProps {
  projectId: number;
  versions: readonly DatasetVersion[];
  pair: VersionPair | null;
  onPair: (p: VersionPair) => void;
}

/** Version diff card. */
export function VersionDiffCard({ projectId, versions, pair, onPair }: VersionDiffCardProps) {
  const { t } = useTranslation();
  const diff = useAsync(
    () => (pair ? versionsApi.diff(projectId, pair.from, pair.to) : Promise.resolve(null)),
    [projectId, pair?.from, pair?.to],
  );
  const pick = (which: 'from' | 'to', id: number) => {
    const next = { from: pair?.from ?? id, to: pair?.to ?? id, [which]: id };
    if (next.from !== next.to) onPair(next);
  };
  const select = (which: 'from' | 'to') => (
    <label className="field">
      <span>{t(`versions.${which}`)}</span>
      <select
        value={pair?.[which] ?? ''}
        onChange={(e) => pick(which, Number(e.target.value))}
        data-testid={`diff-${which}`}
      >
        {versions.map((v) => (
          <option
            key={v.id}
            value={v.id}
            disabled={v.id === pair?.[which === 'from' ? 'to' : 'from']}
          >
            {v.name}
          </option>
        ))}
      </select>
    </label>
  );
  const d = diff.data;
  const tiles = d
    ? ([
        ['added', d.tasks_added, d.examples.added, false],
        ['removed', d.tasks_removed, d.examples.removed, true],
        ['changed', d.tasks_changed, d.examples.changed, false],
        ['unchanged', d.tasks_unchanged, [], false],
      ] as const)
    : [];
  return (
    <section className="card qc-card" data-testid="version-diff">
      <header className="qc-card-header">
        <h2>{t('versions.diff_title')}</h2>
        <span className="muted small">{t('versions.diff_hint')}</span>
      </header>
      {versions.length < 2 ? (
        <p className="qc-empty">{t('versions.need_pair')}</p>
      ) : (
        <div className="qc-filters">
          {select('from')}
          <button
            type="button"
            className="button button-small button-ghost diff-swap"
            aria-label={t('versions.swap')}
            title={t('versions.swap')}
            disabled={!pair}
            onClick={() => pair && onPair({ from: pair.to, to: pair.from })}
          >
            ⇄
          </button>
          {select('to')}
        </div>
      )}
      {diff.error !== undefined && <p className="form-error">{errorMessage(t, diff.error)}</p>}
      {pair && diff.loading && !d && <Spinner label={t('common.loading')} />}
      {d && (
        <>
          <div className="diff-tiles" data-testid="diff-summary">
            {tiles.map(([kind, count, examples, plain]) => (
              <div key={kind} className={`diff-tile diff-${kind}`} data-testid={`diff-${kind}`}>
                <span className="qc-tile-label">{t(`versions.tasks_${kind}`)}</span>
                <span className="qc-tile-value">{count}</span>
                {kind !== 'unchanged' && count > 0 && (
                  <TaskLinks projectId={projectId} ids={examples} plain={plain} />
                )}
              </div>
            ))}
          </div>
          <LabelChanges projectId={projectId} labels={d.labels} />
        </>
      )}
    </section>
  );
}
