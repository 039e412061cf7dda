import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import type { Me, Role } from '../../api/types';
import { keys } from '../../hooks/use-plan-data';
import { SessionProvider } from '../../hooks/use-session';
import { axeViolations } from '../../test-fixtures/axe';
import KnowledgePage from './knowledge-page';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const base = {
  question: '居民供暖费怎么缴纳？',
  answer: '可在供热公司营业厅缴纳，每年11月15日前缴清。',
  category: '供暖',
  area: null,
  ownerUnitId: 104,
  source: '区供热管理办法',
  validFrom: '2024-01-01',
  validTo: null,
  reviewBy: '2024-12-31',
  keywords: ['供暖费'],
  editedBy: 7,
  editedAt: '2024-07-01T02:00:00.000Z',
  submittedAt: null,
  decision: null,
  confirms: null,
};

/** Entry 5: approved version 1, and version 2 (the answer widened) waiting for the centre. */
let row: number;
let latestAnswer: string;
let latestStatus: 'pending' | 'rejected';
const stored = () => ({
  entry: {
    id: 5,
    retired: null,
    versions: [
      { ...base, version: 1, status: 'approved' },
      {
        ...base,
        version: 2,
        status: latestStatus,
        answer: latestAnswer,
        submittedAt: '2024-07-02T02:00:00.000Z',
      },
    ],
  },
  version: row,
  updatedAt: '2024-07-02T02:00:00.000Z',
});

let calls: Call[];
let fetchSpy: MockInstance<typeof fetch>;
let conflictOnce: boolean;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
  calls.push({ method, path: url.pathname, body });
  const route = `${method} ${url.pathname}`;
  if (route === 'GET /api/v1/requests/knowledge')
    return Promise.resolve(reply(200, { items: [stored()], total: 1 }));
  if (route === 'GET /api/v1/requests/knowledge/5') return Promise.resolve(reply(200, stored()));
  if (route === 'GET /api/v1/units')
    return Promise.resolve(
      reply(200, {
        items: [{ id: 104, name: '区城管委', kind: 'department' }],
        total: 1,
        limit: 500,
        offset: 0,
      }),
    );
  if (route === 'PUT /api/v1/requests/knowledge/5') {
    if (conflictOnce) {
      // Someone saved meanwhile: the row moved on.
      conflictOnce = false;
      row += 1;
      latestAnswer = '对方改过的答复';
      return Promise.resolve(reply(409, { error: { code: 'CONFLICT', message: 'stale', details: [] } }));
    }
    row += 1;
    return Promise.resolve(reply(200, stored()));
  }
  if (route === 'POST /api/v1/requests/knowledge/5/decision') return Promise.resolve(reply(200, stored()));
  return Promise.resolve(reply(200, { items: [], versions: [] }));
}

function renderPage(role: Role, unitIds: number[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session: Me = {
    user: {
      id: 1,
      username: role,
      displayName: role,
      role,
      unitIds,
      disabled: false,
      jurisdictionId: 1,
      seesDescendants: false,
    },
    csrfToken: 'csrf',
  };
  client.setQueryData(keys.me, session);
  render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <App>
          <MemoryRouter initialEntries={['/requests/knowledge?entry=5']}>
            <KnowledgePage />
          </MemoryRouter>
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

const SLOW = { timeout: 4000 };
/** The dialog titled `title` (ids are one fixed value under test, so names are not computed). */
const dialogTitled = async (title: string) =>
  (await screen.findByText(title, { selector: '.ant-modal-title' }, SLOW)).closest(
    '[role="dialog"]',
  ) as HTMLElement;
const writes = () => calls.filter((c) => c.method !== 'GET');

describe('KnowledgePage', () => {
  beforeEach(() => {
    calls = [];
    row = 4;
    latestAnswer = '可在供热公司营业厅或银行网点缴纳，每年11月15日前缴清。';
    conflictOnce = false;
    latestStatus = 'pending';
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
  });
  afterEach(() => {
    fetchSpy.mockRestore();
  });

  it('shows the centre the versions and what changed, and returns an entry only with a reason', async () => {
    renderPage('supervisor', []);
    const drawer = await screen.findByRole('dialog', {}, SLOW);
    const diff = await within(drawer).findByTestId('kb-diff', {}, SLOW);
    expect(within(diff).getByText('或银行网点').tagName).toBe('INS');
    expect(within(drawer).getByText('与第 1 版（在用版本）相比')).toBeTruthy();
    expect(within(drawer).getByTestId('kb-versions').querySelectorAll('li')).toHaveLength(2);
    expect(await axeViolations(drawer)).toEqual([]);

    await act(async () => {
      fireEvent.click(within(drawer).getByRole('button', { name: /退回修改/ }));
    });
    const ask = await dialogTitled('退回修改：请写明原因');
    await act(async () => {
      fireEvent.click(within(ask).getByRole('button', { name: /退回修改/ }));
    });
    expect(writes()).toHaveLength(0);
    expect(await within(ask).findByText('请填写退回原因', {}, SLOW)).toBeTruthy();
    fireEvent.change(within(ask).getByLabelText('退回原因'), { target: { value: '银行网点名称请写全' } });
    await act(async () => {
      fireEvent.click(within(ask).getByRole('button', { name: /退回修改/ }));
    });
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toMatchObject({
      path: '/api/v1/requests/knowledge/5/decision',
      body: { approve: false, note: '银行网点名称请写全', version: 4 },
    });
  });

  it('keeps what a unit typed when someone saved first (409), and saves it against the latest version', async () => {
    conflictOnce = true;
    // The centre returned version 2: the unit revises it.
    latestStatus = 'rejected';
    renderPage('reporter', [104]);
    const drawer = await screen.findByRole('dialog', {}, SLOW);
    await act(async () => {
      fireEvent.click(await within(drawer).findByRole('button', { name: /修\s*订/ }, SLOW));
    });
    const editor = await dialogTitled('修订知识条目');
    const answer = within(editor).getByLabelText('答复口径');
    fireEvent.change(answer, { target: { value: '我方新写的答复口径' } });
    const save = within(editor).getByRole('button', { name: /保存草稿/ });
    await act(async () => {
      fireEvent.click(save);
    });
    await within(editor).findByRole('alert', {}, SLOW);
    expect(within(editor).getByRole('alert').textContent).toContain('您填写的内容已保留');
    expect((within(editor).getByLabelText('答复口径') as HTMLTextAreaElement).value).toBe(
      '我方新写的答复口径',
    );
    expect(writes()[0]).toMatchObject({ method: 'PUT', body: { version: 4 } });

    await act(async () => {
      fireEvent.click(save);
    });
    await waitFor(() => expect(writes()).toHaveLength(2));
    expect(writes()[1]).toMatchObject({
      method: 'PUT',
      path: '/api/v1/requests/knowledge/5',
      body: { version: 5, content: { answer: '我方新写的答复口径', ownerUnitId: 104 } },
    });
  });
});
