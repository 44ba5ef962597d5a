/**
 * Loads rule findings page by page for the current filters; changing a filter starts over,
 * and an answer for old filters is dropped.
 *
 * @example
 * const f = useFindings(projectId, { severity: 'warn', rule: '' });
 * f.items; f.more(); // next page
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QcSeverity, StoredFinding } from '../api/quality-types.ts';
import { qualityApi } from '../app/quality-api.ts';

/** Findings filters. */
export interface FindingFilters {
  severity: QcSeverity | '';
  rule: string;
}

/** The findings loader. */
export function useFindings(projectId: number, filters: FindingFilters, reloadKey = 0) {
  const [items, setItems] = useState<StoredFinding[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const seq = useRef(0);

  const load = useCallback(
    async (from: string | null) => {
      const mine = ++seq.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await qualityApi.findings(projectId, { ...filters, cursor: from });
        if (mine !== seq.current) return;
        setItems((old) => (from ? [...old, ...page.items] : page.items));
        setCursor(page.next_cursor);
      } catch (e) {
        if (mine === seq.current) setError(e);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [projectId, filters.severity, filters.rule],
  );

  useEffect(() => {
    void load(null);
  }, [load, reloadKey]);
  useEffect(() => () => void seq.current++, []);

  return { items, loading, error, hasMore: cursor !== null, more: () => void load(cursor) };
}
