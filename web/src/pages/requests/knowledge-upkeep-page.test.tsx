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
import KnowledgeUpkeepPage from './knowledge-upkeep-page';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const items = [
  {
    entryId: 5,
    version: 1,
    ownerUnitId: 104,
    question: '居民供暖费怎么缴纳？',
    kind: 'stale',
    days: 12,
    message: '已过复核日期12天',
  },
  {
    entryId: 6,
    version: 2,
    ownerUnitId: 104,
    question: '社保卡补办需要什么材料？',
    kind: 'pending',
    days: 3,
    message: '已提交3天，待中心审核',
  },
];

let calls: Call[];
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
  calls.push({ method, path: url.pathname, body });
  const route = `${method} ${url.pathname}`;
  if (route === 'GET /api/v1/requests/knowledge/upkeep')
    return Promise.resolve(reply(200, { items, asOf: '2025-01-12' }));
  if (route === 'GET /api/v1/requests/knowledge/5')
    return Promise.resolve(reply(200, { entry: { id: 5, versions: [], retired: null }, version: 7 }));
  if (route === 'POST /api/v1/requests/knowledge/stale-notices')
    return Promise.resolve(reply(200, { units: 1, entries: 1, messages: 2 }));
  if (route === 'POST /api/v1/requests/knowledge/5/confirm')
    return Promise.resolve(reply(200, { entry: { id: 5, versions: [], retired: null }, version: 8 }));
  if (route === 'GET /api/v1/units')
    return Promise.resolve(
      reply(200, {
        items: [{ id: 104, name: '区城管委', kind: 'department' }],
        total: 1,
        limit: 500,
        offset: 0,
      }),
    );
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: route, details: [] } }));
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
          <MemoryRouter>
            <KnowledgeUpkeepPage />
          </MemoryRouter>
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

const SLOW = { timeout: 4000 };
const writes = () => calls.filter((c) => c.method !== 'GET');

describe('KnowledgeUpkeepPage', () => {
  beforeEach(() => {
    calls = [];
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
  });
  afterEach(() => {
    fetchSpy.mockRestore();
  });

  it('lists the stale entries first in office words, and the centre sends the review reminders', async () => {
    renderPage('admin', []);
    const table = await screen.findByTestId('kb-upkeep', {}, SLOW);
    await within(table).findByText('居民供暖费怎么缴纳？', {}, SLOW);
    expect(within(table).getByText('已过复核日期')).toBeTruthy();
    expect(within(table).getByText('逾期 12 天')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '向单位发送复核提醒' }));
    });
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]!.path).toBe('/api/v1/requests/knowledge/stale-notices');
    expect(await screen.findByText(/已向 1 个单位发送 2 条复核提醒/, {}, SLOW)).toBeTruthy();
  });

  it('lets the owning unit confirm a review against the version it reads now; a unit sends no reminders', async () => {
    renderPage('reporter', [104]);
    const table = await screen.findByTestId('kb-upkeep', {}, SLOW);
    await within(table).findByText('居民供暖费怎么缴纳？', {}, SLOW);
    expect(screen.queryByRole('button', { name: '向单位发送复核提醒' })).toBeNull();
    // Only the stale entry offers 复核确认; the one waiting for the centre does not.
    const confirm = within(table).getAllByRole('button', { name: /复核确认/ });
    expect(confirm).toHaveLength(1);
    await act(async () => {
      fireEvent.click(confirm[0]!);
    });
    const dialog = (
      await screen.findByText('复核确认：内容仍然有效', { selector: '.ant-modal-title' }, SLOW)
    ).closest('[role="dialog"]') as HTMLElement;
    fireEvent.change(within(dialog).getByLabelText('下次复核日期'), { target: { value: '2025-07-31' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /复核确认/ }));
    });
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toMatchObject({
      path: '/api/v1/requests/knowledge/5/confirm',
      body: { reviewBy: '2025-07-31', version: 7 },
    });
  });
});
