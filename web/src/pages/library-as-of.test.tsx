/**
 * The 项目库 and 服务包 pages read the tab's as-of date (issue 14.9), as the board's promises
 * do: a past plan's tab asks for the lamps, the 三未 list, a project's page and the 服务包
 * counts as of its year's end, and again when another date is chosen.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import type { ReactNode } from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import type { Plan } from '../api/types';
import { setAsOf } from '../hooks/use-as-of';
import { SessionProvider } from '../hooks/use-session';
import { BOARD, DETAIL, IDLE, OVERVIEW, PROJECTS, UNITS } from '../test-fixtures/library';
import LibraryPage from './library-page';
import LibraryProjectPage from './library-project-page';
import ServicesPage from './services-page';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let asked: string[];
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  asked.push(`${url.pathname}${url.search}`);
  const path = url.pathname;
  if (path === '/api/v1/units') return Promise.resolve(reply(200, { ...UNITS, limit: 100, offset: 0 }));
  if (path === '/api/v1/library/board') return Promise.resolve(reply(200, BOARD));
  if (path === '/api/v1/library/projects') return Promise.resolve(reply(200, PROJECTS));
  const idle = /^\/api\/v1\/library\/idle\/(\w+)$/.exec(path);
  if (idle) return Promise.resolve(reply(200, IDLE(idle[1]!)));
  if (path === '/api/v1/library/projects/7') return Promise.resolve(reply(200, DETAIL));
  if (path === '/api/v1/services/overview') return Promise.resolve(reply(200, OVERVIEW));
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
}

/** The pages under the console's outlet, which hands them the header's plan (a 2022 plan). */
function renderAt(path: string, element: ReactNode, route: string) {
  const plans = [{ id: 41, year: 2022, title: '示例计划', state: 'published' } as unknown as Plan];
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <App>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route element={<Outlet context={{ plans }} />}>
                <Route path={route} element={element} />
              </Route>
            </Routes>
          </MemoryRouter>
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

const askedFor = (prefix: string) => asked.filter((a) => a.startsWith(prefix));

beforeEach(() => {
  asked = [];
  setAsOf(41, undefined);
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
});
afterEach(() => fetchSpy.mockRestore());

describe('the 项目库 and 服务包 pages as of the tab’s date', () => {
  it('asks for the lamps and the 三未 as of the plan year’s end, then as of the date chosen', async () => {
    renderAt('/library', <LibraryPage />, '/library');
    await waitFor(() =>
      expect(askedFor('/api/v1/library/projects')).toContain(
        '/api/v1/library/projects?limit=50&offset=0&date=2022-12-31',
      ),
    );
    fireEvent.click(await screen.findByRole('tab', { name: '“三未”清单' }, { timeout: 4000 }));
    await waitFor(() =>
      expect(askedFor('/api/v1/library/idle')).toContain(
        '/api/v1/library/idle/approved_not_started?limit=50&offset=0&date=2022-12-31',
      ),
    );
    await act(async () => setAsOf(41, '2022-06-30'));
    await waitFor(() =>
      expect(askedFor('/api/v1/library/idle')).toContain(
        '/api/v1/library/idle/approved_not_started?limit=50&offset=0&date=2022-06-30',
      ),
    );
    expect(screen.getByTestId('as-of')).toBeTruthy();
  });

  it("asks for a project's lamps as of the tab's date", async () => {
    await act(async () => setAsOf(41, '2022-09-30'));
    renderAt('/library/projects/7', <LibraryProjectPage />, '/library/projects/:projectId');
    await waitFor(() => expect(asked).toContain('/api/v1/library/projects/7?date=2022-09-30'));
    expect(await screen.findByTestId('as-of', {}, { timeout: 4000 })).toBeTruthy();
  });

  it('counts the 服务包 of the as-of date’s year as of that date', async () => {
    renderAt('/services', <ServicesPage />, '/services');
    await waitFor(() => expect(asked).toContain('/api/v1/services/overview?year=2022&date=2022-12-31'));
    await act(async () => setAsOf(41, '2022-03-31'));
    await waitFor(() => expect(asked).toContain('/api/v1/services/overview?year=2022&date=2022-03-31'));
  });
});
