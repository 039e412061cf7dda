import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter as Router, Outlet, Route, Routes } from 'react-router';
import CockpitPage, { CockpitView, KioskWallPage, WALL_ROTATE_MS, WallScreen } from './cockpit-page';
import type { Plan } from '../api/types';
import { COCKPIT } from '../test-fixtures/cockpit';
import { keys } from '../hooks/use-plan-data';
import { renderSignedIn } from '../test-fixtures/session';

// Canvas is not in jsdom: the chart stands in as its labelled box (its options are tested in lib).
vi.mock('../components/echart', () => ({
  default: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
}));

function renderCockpit() {
  render(
    <MemoryRouter>
      <CockpitView cockpit={COCKPIT} />
    </MemoryRouter>,
  );
}

describe('the cockpit', () => {
  it('shows the totals, a chart per headline target and the chapters, in the office’s words', async () => {
    renderCockpit();
    expect(screen.getByText('2022年政府工作报告 · 驾驶舱')).toBeTruthy();
    expect(screen.getByText('数据截至 2022-07-10')).toBeTruthy();
    // The charts' code comes apart from the page's: they are drawn once it has loaded.
    expect(await screen.findByRole('img', { name: '新增城乡劳动力就业9000人' })).toBeTruthy();
    expect(await screen.findByRole('img', { name: '各板块任务健康状况' })).toBeTruthy();
    expect(screen.getByText('98.5%')).toBeTruthy();
    expect(screen.getByText('本月暂无“每月一题”')).toBeTruthy();
  });

  it('heads the page with one h1 and each element with an h2, the stocktake pack under the h1', () => {
    render(
      <MemoryRouter>
        <CockpitView cockpit={COCKPIT}>
          <section aria-label="盘点材料" />
        </CockpitView>
      </MemoryRouter>,
    );
    const [h1, ...others] = screen.getAllByRole('heading', { level: 1 });
    expect(others).toEqual([]);
    expect(h1!.textContent).toBe('2022年政府工作报告 · 驾驶舱');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(
      expect.arrayContaining(['各板块任务健康状况', '最需关注的十项工作', '把握程度不一致的事项']),
    );
    const pack = screen.getByRole('region', { name: '盘点材料' });
    expect(h1!.compareDocumentPosition(pack) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('lists the worst items with their reasons, each drilling down to the item', () => {
    renderCockpit();
    const worst = screen.getByText('最需关注的十项工作').closest('.ant-card') as HTMLElement;
    expect(within(worst).getByText('逾期 10 天；自评与评估不一致')).toBeTruthy();
    const link = within(worst).getByRole('link', { name: '完成回龙观地块征收' });
    expect(link.getAttribute('href')).toBe('/plans/3/tasks/21');
  });

  it('shows where the lead unit’s confidence and the 督查室’s disagree', () => {
    renderCockpit();
    const card = screen.getByText('把握程度不一致的事项').closest('.ant-card') as HTMLElement;
    expect(within(card).getByText('很有把握')).toBeTruthy();
    expect(within(card).getByText('难以按期完成')).toBeTruthy();
    expect(within(card).getByRole('link', { name: '完成回龙观地块征收' }).getAttribute('href')).toBe(
      '/plans/3/tasks/21',
    );
  });

  it('says so when everyone agrees', () => {
    render(
      <MemoryRouter>
        <CockpitView cockpit={{ ...COCKPIT, disagreements: [] }} />
      </MemoryRouter>,
    );
    expect(screen.getByText('各单位自评与督查室评估、系统测算一致')).toBeTruthy();
  });

  it('shows one view at a time on the wall screen, dark, turning to the next', () => {
    vi.useFakeTimers();
    try {
      const { container } = render(
        <MemoryRouter>
          <WallScreen cockpit={COCKPIT} />
        </MemoryRouter>,
      );
      expect(container.querySelector('.lx-wall')).not.toBeNull();
      expect(screen.getByText('主要指标完成轨迹')).toBeTruthy();
      expect(screen.queryByText('最需关注的十项工作')).toBeNull();
      act(() => {
        vi.advanceTimersByTime(WALL_ROTATE_MS);
      });
      expect(screen.queryByText('主要指标完成轨迹')).toBeNull();
      expect(screen.getByText('各板块任务健康状况')).toBeTruthy();
      act(() => {
        vi.advanceTimersByTime(WALL_ROTATE_MS);
      });
      expect(screen.getByText('最需关注的十项工作')).toBeTruthy();
      expect(screen.getByText('把握程度不一致的事项')).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens the wall of a kiosk link with its token and shows the link’s own views', async () => {
    window.location.hash = '#token=kiosk-token-of-the-screen';
    const wall = { label: '大屏', views: ['worst'], rotateSeconds: 30, refreshSeconds: 60, cockpit: COCKPIT };
    const fetch = vi.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response(JSON.stringify(wall), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetch);
    try {
      render(
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <Router initialEntries={['/wall/3']}>
            <Routes>
              <Route path="/wall/:planId" element={<KioskWallPage />} />
            </Routes>
          </Router>
        </QueryClientProvider>,
      );
      expect(await screen.findByText('最需关注的十项工作')).toBeTruthy();
      expect(screen.queryByText('主要指标完成轨迹')).toBeNull();
      const [url, init] = fetch.mock.calls[0]!;
      expect(url).toContain('/wall/3');
      expect((init!.headers as Record<string, string>)['x-kiosk-token']).toBe('kiosk-token-of-the-screen');
    } finally {
      vi.unstubAllGlobals();
      window.location.hash = '';
    }
  });

  it('tells a screen whose link is wrong or revoked to ask for a new one, not to sign in', async () => {
    window.location.hash = '#token=revoked';
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              error: { code: 'UNAUTHENTICATED', message: 'This wall screen link was revoked', details: [] },
            }),
            { status: 401, headers: { 'content-type': 'application/json' } },
          ),
      ),
    );
    try {
      render(
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <Router initialEntries={['/wall/3']}>
            <Routes>
              <Route path="/wall/:planId" element={<KioskWallPage />} />
            </Routes>
          </Router>
        </QueryClientProvider>,
      );
      expect(await screen.findByText(/大屏链接无效、已撤销或已过期/)).toBeTruthy();
      expect(screen.queryByText('请先登录。')).toBeNull();
    } finally {
      vi.unstubAllGlobals();
      window.location.hash = '';
    }
  });
});

describe('the cockpit page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('reads a past plan as of its year’s end, with the plan’s as-of picker instead of today', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify({ ...COCKPIT, asOf: '2022-12-31' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    vi.stubGlobal('fetch', fetch);
    const plans = [{ id: 3, year: 2022, title: COCKPIT.title }] as Plan[];
    renderSignedIn(
      'leader',
      <Router initialEntries={['/plans/3/cockpit']}>
        <Routes>
          <Route element={<Outlet context={{ plans }} />}>
            <Route path="/plans/:planId/cockpit" element={<CockpitPage />} />
          </Route>
        </Routes>
      </Router>,
    );
    expect(await screen.findByText('2022年政府工作报告 · 驾驶舱')).toBeTruthy();
    const asked = fetch.mock.calls
      .map((call) => new URL(String((call as unknown[])[0]), 'http://localhost'))
      .filter((url) => url.pathname.endsWith('/plans/3/cockpit'));
    expect(asked.map((url) => url.searchParams.get('date'))).toEqual(['2022-12-31']);
    expect(screen.getByTestId('as-of').textContent).toContain('2022年12月31日');
  });

  it('waits for the plan list before drawing an answer asked early (no crash, no today’s figures)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>(() => undefined)),
    );
    const client = renderSignedIn(
      'leader',
      <Router initialEntries={['/plans/3/cockpit']}>
        <Routes>
          <Route element={<Outlet context={{ plans: [] }} />}>
            <Route path="/plans/:planId/cockpit" element={<CockpitPage />} />
          </Route>
        </Routes>
      </Router>,
    );
    // Today's answer arrives (the early request) while the plan list is still on its way.
    await act(async () => {
      client.setQueryData(keys.cockpit(3), COCKPIT);
      // The query cache tells its observers on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(screen.queryByText('2022年政府工作报告 · 驾驶舱')).toBeNull();
    expect(document.querySelector('.ant-spin')).not.toBeNull();
  });
});
