/**
 * Short notices in the corner ("Saved", "Could not save: …"). Messages are plain text.
 *
 * @example
 * const toast = useToast();
 * toast.show(t('editor.submitted'), 'success');
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';

/** Kinds of notice. */
export type ToastKind = 'info' | 'success' | 'error';

interface Toast {
  id: number;
  text: string;
  kind: ToastKind;
}

interface ToastApi {
  show: (text: string, kind?: ToastKind) => void;
}

const ToastContext = createContext<ToastApi>({ show: () => undefined });

/** Shows notices. */
export function useToast(): ToastApi {
  return useContext(ToastContext);
}

/** Hosts the notices. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<Toast[]>([]);
  const next = useRef(1);
  const show = useCallback((text: string, kind: ToastKind = 'info') => {
    const id = next.current++;
    setItems((l) => [...l.slice(-3), { id, text, kind }]);
    window.setTimeout(
      () => setItems((l) => l.filter((x) => x.id !== id)),
      kind === 'error' ? 7000 : 3000,
    );
  }, []);
  const value = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {items.map((x) => (
          <div key={x.id} className={`toast toast-${x.kind}`}>
            {x.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
