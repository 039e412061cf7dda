/**
 * Renders `ui` for a signed-in user of `role`, as the app does (query client, session, antd's
 * App): the session is set in the cache, so nothing asks /me. For page and panel tests.
 */
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Me, Role } from '../api/types';
import { keys } from '../hooks/use-plan-data';
import { SessionProvider } from '../hooks/use-session';

/** @example renderSignedIn('supervisor', <TaskCascadePanel task={TASK} />) */
export function renderSignedIn(role: Role, ui: ReactElement, user: Partial<Me['user']> = {}): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session: Me = {
    user: {
      id: 1,
      username: role,
      displayName: role,
      role,
      unitIds: [],
      disabled: false,
      jurisdictionId: 1,
      seesDescendants: true,
      ...user,
    },
    csrfToken: 'csrf',
  };
  client.setQueryData(keys.me, session);
  render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <App>{ui}</App>
      </SessionProvider>
    </QueryClientProvider>,
  );
  return client;
}
