import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { renderSignedIn } from '../test-fixtures/session';
import InvestmentSheetPage from './investment-sheet-page';
import { InvestmentTodoCard } from './investment-todo-card';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const CALL = {
  id: 3,
  library: 'major',
  libraryName: '重大项目库',
  month: '2022-09',
  dueOn: '2022-10-10',
  openedBy: 1,
  createdAt: '2022-10-01T00:00:00.000Z',
};
const SHEET = {
  call: CALL,
  unit: { id: 11, name: '区发展改革委' },
  lines: [
    {
      projectId: 7,
      name: '示例甲项目',
      stage: '建设',
      planned: 12000,
      completedBefore: 800,
      amount: null,
      progress: '基础施工',
      statsRegisteredOn: null,
    },
    {
      projectId: 8,
      name: '示例乙项目',
      stage: '开工',
      planned: null,
      completedBefore: 0,
      amount: 50,
      progress: null,
      statsRegisteredOn: '2022-08-31',
    },
  ],
  returned: null,
};

let writes: { method: string; path: string; body: unknown }[];
let answers: { status: number; body: unknown }[];
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  if (method !== 'GET') {
    writes.push({ method, path: url.pathname, body: JSON.parse(String(init?.body ?? 'null')) });
    const next = answers.shift() ?? { status: 200, body: { times: 1, changed: 2 } };
    return Promise.resolve(reply(next.status, next.body));
  }
  if (url.pathname === '/api/v1/library/investment-calls/3/units/11')
    return Promise.resolve(reply(200, SHEET));
  if (url.pathname === '/api/v1/library/investment-calls')
    return Promise.resolve(
      reply(200, {
        items: [
          {
            ...CALL,
            units: [
              { unitId: 11, projects: 2, returned: null, overdue: true },
              { unitId: 12, projects: 1, returned: null, overdue: false },
            ],
          },
          {
            ...CALL,
            id: 4,
            month: '2022-08',
            units: [
              {
                unitId: 11,
                projects: 2,
                returned: { times: 1, via: 'form', returnedAt: 'x' },
                overdue: false,
              },
            ],
          },
        ],
      }),
    );
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
}

beforeEach(() => {
  writes = [];
  answers = [];
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
});
afterEach(() => fetchSpy.mockRestore());

function renderSheet() {
  renderSignedIn(
    'reporter',
    <MemoryRouter initialEntries={['/library/investment-calls/3/units/11']}>
      <Routes>
        <Route path="/library/investment-calls/:callId/units/:unitId" element={<InvestmentSheetPage />} />
      </Routes>
    </MemoryRouter>,
    { unitIds: [11] },
  );
}

describe('项目投资月报, a unit’s sheet', () => {
  it('returns every project typed in the page, what was known carried in', async () => {
    renderSheet();
    const amount = await screen.findByLabelText('示例甲项目本月完成投资', undefined, { timeout: 5000 });
    expect(screen.getByLabelText<HTMLInputElement>('示例甲项目形象进度').value).toBe('基础施工');
    fireEvent.change(amount, { target: { value: '1200' } });
    fireEvent.change(screen.getByLabelText('示例甲项目形象进度'), { target: { value: '主体结构封顶' } });
    // The year to date follows what is typed: 800 before the month + 1200.
    expect(await screen.findByText('2000')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /报\s?送/ }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({
      method: 'PUT',
      path: '/api/v1/library/investment-calls/3/units/11',
      body: {
        lines: [
          { projectId: 7, amount: 1200, progress: '主体结构封顶', stats: null },
          { projectId: 8, amount: 50, progress: null, stats: { registered: true, on: '2022-08-31' } },
        ],
      },
    });
    expect(await screen.findByText('已报送，共更新 2 个项目')).toBeTruthy();
  });

  it('lists every problem of a refused return by its project, keeping what was typed', async () => {
    answers.push({
      status: 400,
      body: {
        error: {
          code: 'BAD_INPUT',
          message: 'not accepted',
          details: [{ path: 'lines.0.amount', message: '“示例甲项目”未填本月完成投资，没有完成的请填0' }],
        },
      },
    });
    renderSheet();
    await screen.findByLabelText('示例甲项目本月完成投资', undefined, { timeout: 5000 });
    fireEvent.change(screen.getByLabelText('示例乙项目形象进度'), { target: { value: '设备安装' } });
    fireEvent.click(screen.getByRole('button', { name: /报\s?送/ }));
    const problems = await screen.findByTestId('investment-problems', undefined, { timeout: 5000 });
    expect(problems.textContent).toContain('“示例甲项目”未填本月完成投资，没有完成的请填0');
    expect(screen.getByLabelText<HTMLInputElement>('示例乙项目形象进度').value).toBe('设备安装');
  });
});

describe('我的待办, 项目投资月报', () => {
  it('shows the calls the unit still owes with their deadline, each opening its sheet', async () => {
    renderSignedIn(
      'reporter',
      <MemoryRouter>
        <InvestmentTodoCard unitIds={[11]} />
      </MemoryRouter>,
      { unitIds: [11] },
    );
    const card = await screen.findByTestId('investment-todo', undefined, { timeout: 5000 });
    // The August call is returned: only September's is owed.
    expect(card.textContent).toContain('重大项目库2022年9月：2 个项目，2022年10月10日前报送');
    expect(card.textContent).toContain('已逾期');
    expect(card.textContent).not.toContain('2022年8月');
    expect(screen.getByText('填报').closest('a')?.getAttribute('href')).toBe(
      '/library/investment-calls/3/units/11',
    );
  });
});
