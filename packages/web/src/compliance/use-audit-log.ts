/**
 * Loads the audit log page by page (keyset) for a query; a new query starts over, and an
 * answer for an old query is dropped.
 *
 * @example
 * const log = useAuditLog({ project_id: 3 });
 * log.items; log.more(); // next page
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditQuery } from '../api/compliance-client.ts';
import type { AuditRow } from '../api/compliance-types.ts';
import { complianceApi } from '../app/compliance-api.ts';

/** Rows per page. */
export const AUDIT_PAGE_SIZE = 50;

/** The audit log loader. */
export function useAuditLog(query: AuditQuery) {
  const [items, setItems] = useState<AuditRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const seq = useRef(0);
  const key = JSON.stringify(query);

  const load = useCallback(
    async (from: string | null) => {
      const mine = ++seq.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await complianceApi.audit(
          JSON.parse(key) as AuditQuery,
          from,
          AUDIT_PAGE_SIZE,
        );
        if (mine !== seq.current) return;
        setItems((old) => (from ? [...old, ...page.items] : page.items));
        setCursor(page.next_cursor);
      } catch (e) {
        if (mine === seq.current) {
          setError(e);
          if (!from) setItems([]);
        }
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [key],
  );

  useEffect(() => {
    void load(null);
  }, [load]);
  useEffect(() => () => void seq.current++, []);

  return { items, loading, error, hasMore: cursor !== null, more: () => void load(cursor) };
}
