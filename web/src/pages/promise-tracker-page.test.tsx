import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import PromiseTrackerPage from './promise-tracker-page';
import type { PublicCommitmentList } from '../api/promises';

const LIST: PublicCommitmentList = {
  asOf: '2022-07-10',
  items: [
    {
      type: 'task',
      id: 21,
      title: '完成回龙观地块征收',
      chapterId: 2,
      leadUnit: '区发展改革委',
      health: 'behind',
      verdict: 'behind',
      verdictLabel: '滞后',
      deadline: {
        original: '2022-06-30',
        current: '2022-06-30',
        days: 0,
        rebaselines: 0,
        overdue: true,
        daysLeft: null,
      },
      value: null,
      comments: 2,
    },
    {
      type: 'target',
      id: 11,
      title: '新增城乡劳动力就业9000人',
      chapterId: 2,
      leadUnit: null,
      health: 'no_data',
      verdict: 'not_rated',
      verdictLabel: '尚未评估',
      deadline: null,
      value: null,
      comments: 0,
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the public promise tracker', () => {
  it('lists each commitment with its verdict, due date and overdue, links it, and offers the feed', async () => {
    // The plan is 2022's: its promises are read as of its year's end, not four years overdue.
    const fetch = vi.fn(
      async (url: string) =>
        new Response(JSON.stringify(url.includes('/commitments') ? LIST : { plan: { id: 3, year: 2022 } }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    vi.stubGlobal('fetch', fetch);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <App>
          <MemoryRouter initialEntries={['/public/3/promises']}>
            <Routes>
              <Route path="/public/:planId/promises" element={<PromiseTrackerPage />} />
            </Routes>
          </MemoryRouter>
        </App>
      </QueryClientProvider>,
    );
    // The plan first, then its promises as of its as-of date.
    const link = await screen.findByRole('link', { name: '完成回龙观地块征收' }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe('/public/3/promises/task/21');
    const asked = fetch.mock.calls.map((call) => String(call[0])).find((url) => url.includes('/commitments'));
    expect(asked).toContain('/public/plans/3/commitments?asOf=2022-12-31');
    expect(screen.getByText('已逾期')).toBeTruthy();
    expect(screen.getByText('完成时限：2022年6月30日')).toBeTruthy();
    expect(screen.getAllByText('尚未评估').length).toBeGreaterThan(0);
    expect(screen.getByText('留言 2 条')).toBeTruthy();
    const feed = screen.getByRole('link', { name: '订阅更新（Atom）' });
    expect(feed.getAttribute('href')).toBe('/api/v1/public/plans/3/feed.atom');
  });
});
