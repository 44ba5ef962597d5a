/**
 * One row of the region list. Memoised, with the texts computed by the list: with thousands
 * of regions, re-rendering every row (and translating its strings) on each change cost tens
 * of milliseconds; now a change renders only the rows whose text, colour or selection moved.
 *
 * @example
 * <RegionRow id="r1" labels="PER" desc="“张伟”" color="#2563eb" selected={false}
 *   fromSuggestion={false} removeLabel="Delete" onSelect={select} onRemove={remove} />
 */
import { memo } from 'react';
import { RegionFindings } from '../qc/region-findings.tsx';

/** Props of RegionRow. */
export interface RegionRowProps {
  id: string;
  labels: string;
  desc: string;
  color: string;
  selected: boolean;
  fromSuggestion: boolean;
  suggestionTitle: string;
  /** The delete button's label; no button when null (read-only). */
  removeLabel: string | null;
  onSelect: (id: string) => void;
  onRemove: (id: string) => void;
}

/** A region row. */
export const RegionRow = memo(function RegionRow(p: RegionRowProps) {
  return (
    <li
      aria-selected={p.selected}
      className={p.selected ? 'selected' : undefined}
      onClick={() => p.onSelect(p.id)}
    >
      <span className="dot" style={{ background: p.color }} />
      <span className="region-main">
        <span className="region-labels">{p.labels}</span>
        <span className="region-desc">{p.desc}</span>
        <RegionFindings regionId={p.id} />
      </span>
      {p.fromSuggestion && (
        <span className="badge badge-prelabeled" title={p.suggestionTitle}>
          AI
        </span>
      )}
      {p.removeLabel !== null && (
        <button
          type="button"
          className="icon-button"
          aria-label={p.removeLabel}
          onClick={(e) => {
            e.stopPropagation();
            p.onRemove(p.id);
          }}
        >
          ×
        </button>
      )}
    </li>
  );
});
