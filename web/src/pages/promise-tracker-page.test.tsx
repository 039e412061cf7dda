import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
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

describe('the public promise tracker by chapter (issue 19.5)', () => {
  const OUTLINE = {
    items: [
      { id: 2, parentId: null, level: 1, title: '一、扎实推进城市更新', span: [0, 10] },
      { id: 5, parentId: 2, level: 2, title: '（一）老旧小区改造', span: [10, 20] },
      { id: 3, parentId: null, level: 1, title: '二、持续改善民生', span: [20, 30] },
    ],
    total: 3,
  };
  const list = {
    ...LIST,
    items: [...LIST.items, { ...LIST.items[1]!, id: 12, title: '未归章节的指标', chapterId: null }],
  };

  it('heads each chapter with its count, its own Atom feed and 关注本章 by e-mail (confirmed first)', async () => {
    const posts: unknown[] = [];
    const answer = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          posts.push(JSON.parse(String(init.body)));
          return answer({ message: '确认邮件已发送，请在48小时内打开邮件中的链接完成关注。' }, 202);
        }
        if (url.includes('/commitments')) return answer(list);
        if (url.includes('/outline')) return answer(OUTLINE);
        return answer({ plan: { id: 3, year: 2022 } });
      }),
    );
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
    const chapter = await screen.findByTestId('chapter-2', {}, { timeout: 5000 });
    expect(within(chapter).getByText('一、扎实推进城市更新')).toBeTruthy();
    expect(within(chapter).getByText('2项')).toBeTruthy();
    expect(within(chapter).getByText('完成回龙观地块征收')).toBeTruthy();
    // A chapter with no commitment has no heading; those under none come last, as 其他事项.
    expect(screen.queryByTestId('chapter-3')).toBeNull();
    expect(within(screen.getByTestId('chapter-rest')).getByText('其他事项')).toBeTruthy();
    expect(within(screen.getByTestId('chapter-rest')).getByText('未归章节的指标')).toBeTruthy();
    const feed = within(chapter).getByText('本章订阅（Atom）');
    expect(feed.getAttribute('href')).toBe('/api/v1/public/plans/3/chapters/2/feed.atom');

    fireEvent.click(within(chapter).getByText('关注本章'));
    const form = await within(chapter).findByText('关注“一、扎实推进城市更新”的进展');
    const card = form.closest('.ant-card')!;
    fireEvent.change(within(card as HTMLElement).getByLabelText('电子邮箱'), {
      target: { value: 'citizen@example.cn' },
    });
    await act(async () => {
      // antd spaces a two-character button's label (关 注).
      fireEvent.click(within(card as HTMLElement).getByRole('button', { name: /^关\s*注$/ }));
    });
    expect(await within(chapter).findByText(/确认邮件已发送/)).toBeTruthy();
    expect(posts).toEqual([
      { subject: { kind: 'chapter', id: 2, planId: 3 }, email: 'citizen@example.cn', cadence: 'weekly' },
    ]);
  });
});
