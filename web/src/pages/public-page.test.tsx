import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import PublicPage from './public-page';
import { prefetchForPath } from '../hooks/use-plan-data';
import { SessionProvider } from '../hooks/use-session';

const TEXT = '一、扎实推进城市更新\n完成回龙观地块征收。';
const PLAN = {
  id: 3,
  title: '2022年示例区政府工作报告',
  year: 2022,
  state: 'published',
  place: '示例区',
  updatedAt: '2022-03-01T00:00:00.000Z',
  publishedAt: '2022-03-01T00:00:00.000Z',
};
/** The one answer (GET /public/plans/3/page) with one task, as the server presents it. */
const PAGE = {
  summary: { plan: PLAN },
  outline: [{ id: 2, parentId: null, level: 1, title: '一、扎实推进城市更新', span: [0, 10] }],
  targets: [],
  tasks: [
    {
      id: 21,
      planId: 3,
      outlineNodeId: 2,
      text: '完成回龙观地块征收',
      span: [11, 20],
      state: 'in_progress',
      progress: 40,
      deadline: '2022-06-30',
      leadUnitId: 7,
      coUnitIds: [],
    },
  ],
  projects: [],
  achievements: [],
  units: [{ id: 7, name: '区发展改革委', kind: 'department' }],
  text: TEXT,
  health: { asOf: '2022-12-31', items: [{ type: 'task', id: 21, health: 'behind' }], total: 1 },
};

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function stubApi() {
  const fetch = vi.fn(async (url: string) => {
    if (url.includes('/public/plans/3/page')) return answer(PAGE);
    if (url.includes('/plans?')) return answer({ items: [PLAN], total: 1 });
    return answer({ error: { code: 'UNAUTHENTICATED', message: 'sign in', details: [] } }, 401);
  });
  vi.stubGlobal('fetch', fetch);
  return () => fetch.mock.calls.map((call) => String(call[0]));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the public plan page (issue 15: its data in one answer)', () => {
  it('shows the plan’s commitments from the one answer, asking no list of its own', async () => {
    const asked = stubApi();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <SessionProvider>
          <App>
            <MemoryRouter initialEntries={['/public/3']}>
              <Routes>
                <Route path="/public/:planId" element={<PublicPage />} />
              </Routes>
            </MemoryRouter>
          </App>
        </SessionProvider>
      </QueryClientProvider>,
    );
    expect((await screen.findAllByText('完成回龙观地块征收', {}, { timeout: 5000 })).length).toBeGreaterThan(
      0,
    );
    expect(screen.getAllByText(/区发展改革委/).length).toBeGreaterThan(0);
    const urls = asked();
    expect(urls.filter((url) => url.includes('/public/plans/3/page'))).toHaveLength(1);
    // The parts it once asked one by one (and the health at the default date) are not asked.
    for (const part of [
      '/tasks',
      '/targets',
      '/projects',
      '/achievements',
      '/outline',
      '/units',
      '/text',
      '/health',
    ])
      expect(urls.filter((url) => url.includes(part))).toEqual([]);
  });

  it('asks for the one answer while the page’s code loads', async () => {
    const asked = stubApi();
    const client = new QueryClient();
    prefetchForPath(client, '/public/3');
    await vi.waitFor(() => expect(asked().some((url) => url.includes('/public/plans/3/page'))).toBe(true));
    expect(asked().filter((url) => /\/plans\/3\/(tasks|targets|outline)/.test(url))).toEqual([]);
  });
});
