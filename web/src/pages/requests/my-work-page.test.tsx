import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import MyWorkPage from './my-work-page';
import { axeViolations } from '../../test-fixtures/axe';

interface Call {
  method: string;
  path: string;
  query: string;
  body: unknown;
}

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const ORDER = {
  kind: 'order',
  id: 31,
  unitId: 104,
  title: '回龙观西大街路灯不亮',
  open: true,
  due: '2024-07-02T15:59:59.999Z',
  overdue: true,
  dueInDays: null,
  assignedAt: '2024-07-01T02:00:00.000Z',
};
const TASK = {
  ...ORDER,
  kind: 'task',
  id: 8,
  title: '推进老旧小区综合整治',
  due: '2024-12-31T15:59:59.999Z',
  overdue: false,
  dueInDays: 150,
};
const MEMBERS = [
  { userId: 5, name: '张主任', unitId: 104, head: true, active: true },
  { userId: 6, name: '李经办', unitId: 104, head: false, active: true },
];

let calls: Call[];
let headOf: number[];
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
  calls.push({ method, path: url.pathname, query: url.search, body });
  const route = `${method} ${url.pathname}`;
  if (route === 'GET /api/v1/handlers/me') return Promise.resolve(reply(200, { headOf }));
  if (route === 'GET /api/v1/handlers/queue') {
    const kind = url.searchParams.get('kind');
    const items = [ORDER, TASK].filter((item) => kind === null || item.kind === kind);
    return Promise.resolve(reply(200, { items }));
  }
  if (route === 'GET /api/v1/units')
    return Promise.resolve(
      reply(200, {
        items: [{ id: 104, name: '回龙观街道办事处', kind: 'street' }],
        total: 1,
        limit: 500,
        offset: 0,
      }),
    );
  if (route === 'GET /api/v1/units/104/workload')
    return Promise.resolve(
      reply(200, {
        members: MEMBERS,
        items: [
          {
            kind: 'order',
            id: 40,
            unitId: 104,
            title: '龙泽园小区噪声扰民',
            open: true,
            due: null,
            handlerId: null,
          },
          { ...ORDER, handlerId: 6 },
        ],
        rows: [
          {
            userId: null,
            name: '',
            active: true,
            away: false,
            open: 1,
            overdue: 0,
            dueSoon: 0,
            orders: 1,
            tasks: 0,
          },
          {
            userId: 6,
            name: '李经办',
            active: true,
            away: false,
            open: 2,
            overdue: 1,
            dueSoon: 0,
            orders: 1,
            tasks: 1,
          },
        ],
      }),
    );
  if (route === 'POST /api/v1/units/104/handlers')
    return Promise.resolve(
      reply(200, {
        kind: 'order',
        itemId: 40,
        unitId: 104,
        handlerId: 6,
        assignedAt: '2024-07-01T02:00:00.000Z',
        assignedBy: 5,
        reason: null,
      }),
    );
  if (route === 'POST /api/v1/units/104/handlers/bulk')
    return Promise.resolve(
      reply(200, {
        moved: [
          { kind: 'order', itemId: 31, unitId: 104, from: 6, to: 5 },
          { kind: 'task', itemId: 8, unitId: 104, from: 6, to: 5 },
        ],
      }),
    );
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: route, details: [] } }));
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>
          <MyWorkPage />
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

const SLOW = { timeout: 4000 };

async function choose(label: string, option: string) {
  await act(async () => {
    fireEvent.mouseDown(screen.getByLabelText(label));
  });
  const options = await screen.findAllByTitle(option);
  await act(async () => {
    fireEvent.click(options.at(-1)!);
  });
}

describe('MyWorkPage', () => {
  beforeEach(() => {
    calls = [];
    headOf = [];
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
  });
  afterEach(() => {
    fetchSpy.mockRestore();
  });

  it('shows the person’s orders and tasks, overdue marked in words, and no workload to someone who heads nothing', async () => {
    renderPage();
    const order = await screen.findByRole('link', { name: '回龙观西大街路灯不亮' }, SLOW);
    const row = order.closest('tr')!;
    expect(within(row).getByText('已超期')).toBeTruthy();
    expect(screen.getByText('推进老旧小区综合整治')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: '我的任务' }));
    });
    await waitFor(() => expect(calls.some((c) => c.query === '?kind=task')).toBe(true));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/handlers/me')).toBe(true));
    expect(calls.some((c) => c.path.endsWith('/workload'))).toBe(false);
    expect(screen.queryByText(/本单位工作量/)).toBeNull();
  });

  it('gives the head the workload by person and moves a person’s items with a reason', async () => {
    headOf = [104];
    renderPage();
    const section = await screen.findByRole('region', { name: '本单位工作量：回龙观街道办事处' }, SLOW);
    await waitFor(() => expect(within(section).getByText('未分派')).toBeTruthy(), SLOW);
    const person = within(section).getAllByText('李经办')[0]!.closest('tr')!;
    expect(
      within(person)
        .getAllByRole('cell')
        .map((c) => c.textContent?.trim()),
    ).toEqual(['李经办', '2', '1', '0', '1', '1']);
    expect(await axeViolations()).toEqual([]);

    const submit = within(section).getByRole('button', { name: '转交全部在办事项' });
    await act(async () => {
      fireEvent.click(submit);
    });
    expect(await within(section).findByText('请选择转出人、接收人并填写理由')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await choose('转出人', '李经办');
    await choose('接收人', '李经办');
    fireEvent.change(within(section).getByLabelText('转交理由'), { target: { value: '李经办休假一周' } });
    // Every field filled: the message says what is still wrong, and goes once it is put right.
    expect(within(section).queryByText('请选择转出人、接收人并填写理由')).toBeNull();
    expect(within(section).getByText('转出人和接收人不能是同一人')).toBeTruthy();
    await choose('接收人', '张主任');
    expect(within(section).queryByText('转出人和接收人不能是同一人')).toBeNull();
    expect(within(section).queryByRole('alert')).toBeNull();
    await act(async () => {
      fireEvent.click(submit);
    });
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/v1/units/104/handlers/bulk',
      body: { fromHandlerId: 6, toHandlerId: 5, reason: '李经办休假一周' },
    });
    expect(await screen.findByText('已转交 2 项', {}, SLOW)).toBeTruthy();
  });

  it('lets the head give an item nobody handles to a person of the unit', async () => {
    headOf = [104];
    renderPage();
    const give = await screen.findByRole('button', { name: '分派“龙泽园小区噪声扰民”' }, SLOW);
    // Only the unassigned item is offered; nothing is sent before a person is chosen.
    expect(screen.queryByRole('button', { name: '分派“回龙观西大街路灯不亮”' })).toBeNull();
    expect((give as HTMLButtonElement).disabled).toBe(true);
    await choose('选择“龙泽园小区噪声扰民”的经办人', '李经办');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '分派“龙泽园小区噪声扰民”' }));
    });
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/v1/units/104/handlers',
      body: { kind: 'order', itemId: 40, handlerId: 6 },
    });
    expect(await screen.findByText('已分派给李经办', {}, SLOW)).toBeTruthy();
  });
});
