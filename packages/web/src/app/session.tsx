/**
 * Who is logged in, and the login / logout / re-login flows.
 *
 * On start the provider asks `/api/auth/me`. A 401 in the middle of work opens a login dialog
 * over the page (see api.ts); after logging in again, requests queued while logged out are
 * re-sent.
 *
 * @example
 * const { user, logout } = useSession();
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import type { User } from '../api/types.ts';
import { api, setReloginHandler } from './api.ts';
import { ReloginDialog } from './relogin-dialog.tsx';

/** Session state and actions. */
export interface SessionValue {
  /** undefined while loading, null when logged out. */
  user: User | null | undefined;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Reads the session. */
export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** Provides the session to the app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [relogin, setRelogin] = useState(false);
  const waiters = useRef<((ok: boolean) => void)[]>([]);

  useEffect(() => {
    api
      .me()
      .then((s) => {
        setUser(s.user);
        void api.flushOutbox();
      })
      // 401 means logged out; any other failure also lands on the login page, which shows
      // its own error when the server is unreachable.
      .catch(() => setUser(null));
  }, []);

  useEffect(() => {
    setReloginHandler(
      () =>
        new Promise<boolean>((resolve) => {
          waiters.current.push(resolve);
          setRelogin(true);
        }),
    );
    return () => setReloginHandler(null);
  }, []);

  const finishRelogin = useCallback((ok: boolean) => {
    setRelogin(false);
    const list = waiters.current;
    waiters.current = [];
    for (const w of list) w(ok);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const s = await api.login(username, password);
    setUser(s.user);
    void api.flushOutbox();
  }, []);

  const logout = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return (
    <SessionContext.Provider value={value}>
      {children}
      {relogin && (
        <ReloginDialog
          username={user?.username ?? ''}
          onDone={async (name, password) => {
            await login(name, password);
            finishRelogin(true);
          }}
          onCancel={() => finishRelogin(false)}
        />
      )}
    </SessionContext.Provider>
  );
}
