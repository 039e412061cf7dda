import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SessionProvider } from '../hooks/use-session';
import { BOARD, DETAIL, IDLE, PROJECTS, UNITS } from '../test-fixtures/library';
import LibraryPage from './library-page';
import LibraryProjectPage from './library-project-page';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let asked: string[];
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  asked.push(`${url.pathname}${url.search}`);
  const path = url.pathname;
  if (path === '/api/v1/units') return Promise.resolve(reply(200, { ...UNITS, limit: 100, offset: 0 }));
  if (path === '/api/v1/library/board') {
    const year = Number(url.searchParams.get('year')) || BOARD.year;
    const date = year === BOARD.year ? BOARD.date : `${year}-12-31`;
    return Promise.resolve(reply(200, { ...BOARD, year, date }));
  }
  if (path === '/api/v1/library/projects') return Promise.resolve(reply(200, PROJECTS));
  const idle = /^\/api\/v1\/library\/idle\/(\w+)$/.exec(path);
  if (idle) return Promise.resolve(reply(200, IDLE(idle[1]!)));
  if (path === '/api/v1/library/projects/7') return Promise.resolve(reply(200, DETAIL));
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
}

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <App>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path="/library" element={<LibraryPage />} />
              <Route path="/library/projects/:projectId" element={<LibraryProjectPage />} />
            </Routes>
          </MemoryRouter>
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  asked = [];
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
});
afterEach(() => fetchSpy.mockRestore());

describe('LibraryPage', () => {
  it('reads the board of a plan year chosen among the plans’ years, saying the day it counts as of', async () => {
    renderAt('/library?year=2022');
    expect(await screen.findByText('截至2022-07-01统计', {}, { timeout: 4000 })).toBeTruthy();
    expect(asked).toContain('/api/v1/library/board?year=2022');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '计划年度' }));
    fireEvent.click(await screen.findByTitle('2021年'));
    expect(await screen.findByText('截至2021-12-31统计')).toBeTruthy();
    expect(asked).toContain('/api/v1/library/board?year=2021');
  });

  it('shows the board by library and stage, the promise against the library, and the projects with their lamps', async () => {
    renderAt('/library');
    expect(await screen.findByText('在库项目 3 个', {}, { timeout: 4000 })).toBeTruthy();
    const major = screen.getByText('重大项目库', { selector: 'td' }).closest('tr')!;
    expect(
      within(major)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['重大项目库', '0', '0', '2', '1', '0', '0']);
    const promise = screen.getByText('新入库重大项目').closest('tr')!;
    expect(
      within(promise)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['新入库重大项目', '30', '12', '15', '未达进度']);
    const row = (await screen.findByRole('link', { name: '示例生物医药基地' })).closest('tr')!;
    expect(row.textContent).toContain('区发展改革委');
    expect(row.textContent).toContain('25.00');
    const lamps = [...row.querySelectorAll('[data-lamp]')].map((l) => l.textContent);
    expect(lamps).toEqual(['综合·红灯', '开工·黄灯', '形象进度·绿灯', '资金支付·红灯', '入统·不适用']);
    expect(row.textContent).not.toMatch(/yellow|major|leadUnitId/);
  });

  it('lists the 三未 with their counts, late ones marked', async () => {
    renderAt('/library');
    fireEvent.click(await screen.findByRole('tab', { name: '“三未”清单' }, { timeout: 4000 }));
    expect(await screen.findByText('已批未开工（1）')).toBeTruthy();
    expect(screen.getByText('在建未竣工（2）')).toBeTruthy();
    const row = (await screen.findByRole('link', { name: '示例新材料产业园' })).closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      '示例新材料产业园',
      '重大项目库',
      '入库',
      '2022-02-01',
      '150',
      '开工',
      '2022-05-31',
      '区科委',
      '已逾期',
    ]);
    fireEvent.click(screen.getByText('在建未竣工（2）'));
    await waitFor(() =>
      expect(asked).toContain('/api/v1/library/idle/building_not_finished?limit=50&offset=0'),
    );
    await waitFor(() => expect(screen.queryByRole('link', { name: '示例新材料产业园' })).toBeNull());
  });
});

describe('LibraryProjectPage', () => {
  it('shows the lamps with their reasons in office wording, and one history across the years', async () => {
    renderAt('/library/projects/7');
    expect(await screen.findByRole('heading', { name: '示例生物医药基地' }, { timeout: 4000 })).toBeTruthy();
    expect(screen.getByTestId('lamp-start').textContent).toBe(
      '开工·黄灯 于2022-06-10开工，较计划2022-05-31推迟10天',
    );
    expect(screen.getByTestId('lamp-funds').textContent).toBe(
      '资金支付·红灯 截至2023-06完成投资5000万元，按计划应完成15000万元，完成率33%',
    );
    expect(screen.getByTestId('year-2022').textContent).toContain('年度目标：开工建设');
    expect(screen.getByTestId('year-2022').textContent).toContain('2022-06-10 开工');
    expect(screen.getByTestId('year-2023').textContent).toContain('2023-05-20 建成投用');
    expect(screen.getByTestId('year-2023').textContent).toContain('已实现');
    expect(screen.getByText('8.00')).toBeTruthy(); // 累计 80000 万元 = 8.00 亿元
  });

  it('says a project of another unit is not found', async () => {
    renderAt('/library/projects/99');
    expect(
      await screen.findByText('未找到该项目，或该项目不属于本单位。', {}, { timeout: 4000 }),
    ).toBeTruthy();
  });
});
