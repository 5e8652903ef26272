import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { request, setCsrfToken, whenUnauthorized } from './api';

export type Role = 'court' | 'dispatcher' | 'viewer' | 'admin';

export interface User {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly county: string;
}

/** The body of POST/GET /v1/session. */
interface SessionBody {
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface SessionState {
  /** undefined while the first GET /v1/session is on its way. */
  readonly user: User | null | undefined;
  /** Why the last session ended without a sign-out (expiry), for the sign-in page to say. */
  readonly ended: boolean;
  readonly signIn: (username: string, password: string) => Promise<void>;
  readonly signOut: () => Promise<void>;
  /** Dispatchers and admins change things; viewers (and court keys) only read. */
  readonly canWrite: boolean;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({
  children,
  onSession,
}: {
  readonly children: ComponentChildren;
  /** Called as soon as a session is known (sign-in or a page load with one), before the pages render. */
  readonly onSession?: (user: User) => void;
}) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  const accept = useCallback(
    (body: SessionBody) => {
      setCsrfToken(body.csrfToken);
      onSession?.(body.user);
      setEnded(false);
      setUser(body.user);
    },
    [onSession],
  );
  useEffect(() => {
    whenUnauthorized(() => {
      setCsrfToken(undefined);
      setUser((was) => {
        if (was) setEnded(true);
        return null;
      });
    });
    request<SessionBody>('GET', '/v1/session', { quietUnauthorized: true }).then(accept, () => setUser(null));
  }, [accept]);
  const signIn = useCallback(
    async (username: string, password: string) =>
      accept(await request<SessionBody>('POST', '/v1/session', { body: { username, password }, quietUnauthorized: true })),
    [accept],
  );
  const signOut = useCallback(async () => {
    try {
      await request('DELETE', '/v1/session', { quietUnauthorized: true });
    } finally {
      setCsrfToken(undefined);
      setUser(null);
    }
  }, []);
  const value = useMemo<SessionState>(
    () => ({ user, ended, signIn, signOut, canWrite: user?.role === 'dispatcher' || user?.role === 'admin' }),
    [user, ended, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
