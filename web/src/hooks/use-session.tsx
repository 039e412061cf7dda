import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, endpoints } from '../api/endpoints';
import { isApiError } from '../api/client';
import type { Me } from '../api/types';
import { keys } from './use-plan-data';

export interface SessionState {
  /** undefined while loading; null when nobody is signed in. */
  session: Me | null | undefined;
  /** The session ran out while the user was working: ask again without leaving the page. */
  expired: boolean;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/** The signed-in session, or null for the public (a 401 is an answer here, not an error). */
export async function readSession(): Promise<Me | null> {
  try {
    return await endpoints.me();
  } catch (error) {
    if (isApiError(error, 'UNAUTHENTICATED')) return null;
    throw error;
  }
}

/**
 * Who is signed in. Keeps the client's CSRF token in step with the session, and turns a 401
 * met after signing in into `expired` (the shell then shows the sign-in form over the page,
 * so whatever the user typed stays).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  // A wall screen (/wall/…) reads with its kiosk link's token and never signs in: nobody to ask for.
  const kiosk = window.location.pathname.startsWith('/wall/');
  const me = useQuery({
    queryKey: keys.me,
    queryFn: readSession,
    staleTime: 60_000,
    retry: false,
    enabled: !kiosk,
  });
  const [expired, setExpired] = useState(false);
  const session = kiosk || me.isError ? null : me.data;

  useEffect(() => {
    api.csrfToken = session?.csrfToken ?? undefined;
  }, [session]);

  useEffect(() => {
    api.onUnauthenticated = () => {
      if (api.csrfToken) setExpired(true);
    };
    return () => {
      api.onUnauthenticated = undefined;
    };
  }, []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const next = await endpoints.signIn(username, password);
      api.csrfToken = next.csrfToken ?? undefined;
      client.setQueryData(keys.me, next);
      setExpired(false);
      await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      return next;
    },
    [client],
  );

  const signOut = useCallback(async () => {
    try {
      await endpoints.signOut();
    } finally {
      api.csrfToken = undefined;
      client.setQueryData(keys.me, null);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    }
  }, [client]);

  const value = useMemo(() => ({ session, expired, signIn, signOut }), [session, expired, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
