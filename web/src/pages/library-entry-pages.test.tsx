import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SessionProvider } from '../hooks/use-session';
import { todayIso } from '../hooks/use-working-plan';
import { DETAIL } from '../test-fixtures/library';
import LibraryExitPage from './library-exit-page';
import LibraryReportPage, { monthsBegun } from './library-report-page';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let writes: { method: string; path: string; body: unknown }[];
let answers: { status: number; body: unknown }[];
let detail: typeof DETAIL;
let fetchSpy: MockInstance<typeof fetch>;
const conflict = { error: { code: 'CONFLICT', message: '已被他人修改', details: [] } };

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  if (method !== 'GET') {
    writes.push({ method, path: url.pathname, body: JSON.parse(String(init?.body ?? 'null')) });
    const next = answers.shift() ?? { status: 200, body: detail.project };
    return Promise.resolve(reply(next.status, next.body));
  }
  if (url.pathname === '/api/v1/library/projects/7') return Promise.resolve(reply(200, detail));
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
              <Route path="/library/projects/:projectId/exit" element={<LibraryExitPage />} />
              <Route path="/library/projects/:projectId/report" element={<LibraryReportPage />} />
            </Routes>
          </MemoryRouter>
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  writes = [];
  answers = [];
  detail = DETAIL;
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
});
afterEach(() => fetchSpy.mockRestore());

describe('monthsBegun', () => {
  it('lists the months of the year that have begun', () => {
    expect(monthsBegun(2022, '2022-03-15')).toEqual(['2022-01', '2022-02', '2022-03']);
    expect(monthsBegun(2021, '2022-03-15')).toHaveLength(12);
    expect(monthsBegun(2023, '2022-03-15')).toEqual([]);
  });
});

describe('投资和形象进度填报', () => {
  it('sends the months changed and the 形象进度 under the version typed on; a 409 keeps what was typed', async () => {
    const january = `${todayIso().slice(0, 4)}-01`;
    renderAt('/library/projects/7/report');
    const amount = await screen.findByRole('spinbutton', { name: `${january}完成投资` }, { timeout: 4000 });
    fireEvent.change(amount, { target: { value: '120' } });
    fireEvent.change(screen.getByRole('textbox', { name: '进度说明' }), {
      target: { value: '主体结构施工' },
    });
    // Someone else changed the project meanwhile: the server now has version 5.
    answers.push({ status: 409, body: conflict });
    detail = { ...DETAIL, project: { ...DETAIL.project, version: 5 } };
    fireEvent.click(screen.getByRole('button', { name: /提\s?交/ }));
    expect(await screen.findByText(/您填写的数字已保留/, {}, { timeout: 5000 })).toBeTruthy();
    expect(writes[0]).toEqual({
      method: 'POST',
      path: '/api/v1/library/projects/7/investments',
      body: { figures: [{ month: january, amount: 120 }], version: 3 },
    });
    expect((screen.getByRole('spinbutton', { name: `${january}完成投资` }) as HTMLInputElement).value).toBe(
      '120.00',
    );
    expect((screen.getByRole('textbox', { name: '进度说明' }) as HTMLTextAreaElement).value).toBe(
      '主体结构施工',
    );

    // Sent again on the version read anew: the figures, then the report on the version they made.
    answers.push({ status: 200, body: { ...DETAIL.project, version: 6 } });
    answers.push({ status: 200, body: { ...DETAIL.project, version: 7 } });
    fireEvent.click(screen.getByRole('button', { name: /提\s?交/ }));
    expect(await screen.findByText('已保存。', {}, { timeout: 5000 })).toBeTruthy();
    expect(writes.slice(1).map((w) => [w.path, (w.body as { version: number }).version])).toEqual([
      ['/api/v1/library/projects/7/investments', 5],
      ['/api/v1/library/projects/7/progress', 6],
    ]);
    expect(writes[2]!.body).toMatchObject({ note: '主体结构施工', date: todayIso() });
  });
});

describe('项目出库', () => {
  it('takes a project out with its day and reason, both required', async () => {
    renderAt('/library/projects/7/exit');
    await screen.findByText(/将“示例生物医药基地”移出项目库/, {}, { timeout: 4000 });
    fireEvent.click(screen.getByRole('button', { name: /确认出库/ }));
    expect(await screen.findByText('请选择出库日期')).toBeTruthy();
    expect(await screen.findByText('请填写原因')).toBeTruthy();
    expect(writes).toHaveLength(0);
    const date = screen.getByRole('textbox', { name: '出库日期' });
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: '2023-06-30' } });
    fireEvent.keyDown(date, { key: 'Enter' });
    fireEvent.change(screen.getByRole('textbox', { name: '出库原因' }), {
      target: { value: '并入其他项目' },
    });
    fireEvent.click(screen.getByRole('button', { name: /确认出库/ }));
    await waitFor(() => expect(writes).toHaveLength(1), { timeout: 5000 });
    expect(writes[0]).toEqual({
      method: 'POST',
      path: '/api/v1/library/projects/7/exit',
      body: { date: '2023-06-30', reason: '并入其他项目', version: 3 },
    });
  });

  it('undoes an 出库 with its reason', async () => {
    detail = {
      ...DETAIL,
      project: { ...DETAIL.project, exited: { date: '2023-06-30', reason: '并入其他项目' } },
    };
    renderAt('/library/projects/7/exit');
    expect(
      await screen.findByText(/已于2023-06-30出库，原因：并入其他项目/, {}, { timeout: 4000 }),
    ).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: '撤销原因' }), { target: { value: '误操作' } });
    fireEvent.click(screen.getByRole('button', { name: /撤销出库/ }));
    await waitFor(() => expect(writes).toHaveLength(1), { timeout: 5000 });
    expect(writes[0]).toEqual({
      method: 'POST',
      path: '/api/v1/library/projects/7/exit/undo',
      body: { reason: '误操作', version: 3 },
    });
    expect(
      await screen.findByText('“示例生物医药基地”已撤销出库，恢复在库。', {}, { timeout: 5000 }),
    ).toBeTruthy();
  });
});
