/**
 * Loads data for a component: `{ data, error, loading, reload }`. A result that arrives after
 * the inputs changed (or after unmount) is dropped, so a slow response never overwrites a
 * newer one.
 *
 * @example
 * const { data: project, error } = useAsync(() => api.getProject(id), [id]);
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DependencyList } from 'react';

/** State of an async load. */
export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replace the data locally (after a save that returned the new value). */
  setData: (v: T) => void;
}

/** Runs `fn` when `deps` change. */
export function useAsync<T>(fn: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    fnRef
      .current()
      .then((v) => {
        if (mine === seq.current) setData(v);
      })
      .catch((e: unknown) => {
        if (mine === seq.current) setError(e);
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, [...deps, tick]);

  useEffect(() => () => void seq.current++, []);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}
