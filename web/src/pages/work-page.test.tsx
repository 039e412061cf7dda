import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import type { Me } from '../api/types';
import type { WorkItem } from '../api/work';
import { keys } from '../hooks/use-plan-data';
import { SessionProvider } from '../hooks/use-session';
import WorkPage from './work-page';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const JURISDICTIONS = [
  { id: 1, name: '上海市', parentId: null, units: [{ id: 10, name: '市水务局' }] },
  { id: 2, name: '黄浦区', parentId: 1, units: [{ id: 20, name: '黄浦区住房保障局' }] },
];
const DISTRICT_ITEM: WorkItem = {
  id: 31,
  planId: 9,
  source: 'instruction',
  state: 'registered',
  leadUnitId: null,
  coUnitIds: [],
  dueOn: null,
  requirement: null,
  answer: null,
  answeredBy: null,
  answeredAt: null,
  closedBy: null,
  closedAt: null,
  closingNote: null,
  taskId: null,
  registeredBy: 1,
  registeredAt: '2026-06-15T02:00:00.000Z',
  version: 1,
  docNumber: '市府办呈〔2026〕21号',
  title: '关于老旧小区加装电梯的报告',
  leader: '王副市长',
  instructedOn: '2026-06-12',
  class: 'document',
  text: '请区政府抓紧推进。',
  scanFileId: null,
  confirmedBy: null,
};

let fetchSpy: MockInstance<typeof fetch>;
let sent: { method: string; path: string; query: string; body: unknown }[];

beforeEach(() => {
  sent = [];
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    sent.push({ method, path: url.pathname, query: url.search, body });
    if (url.pathname === '/api/v1/work/jurisdictions') return Promise.resolve(reply(200, JURISDICTIONS));
    if (url.pathname === '/api/v1/units')
      return Promise.resolve(
        reply(200, { items: [{ id: 10, name: '市水务局', kind: 'department', version: 1 }], total: 1 }),
      );
    if (url.pathname === '/api/v1/work/items') {
      const district = url.searchParams.get('jurisdictionId') === '2';
      return Promise.resolve(reply(200, { items: district ? [DISTRICT_ITEM] : [], total: district ? 1 : 0 }));
    }
    return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
  });
});
afterEach(() => fetchSpy.mockRestore());

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session: Me = {
    user: {
      id: 1,
      username: 'city-inspector',
      displayName: '市督查室',
      role: 'supervisor',
      unitIds: [],
      disabled: false,
      jurisdictionId: 1,
      seesDescendants: true,
    },
    csrfToken: 'csrf',
  };
  client.setQueryData(keys.me, session);
  render(
    <QueryClientProvider client={client}>
      <App>
        <SessionProvider>
          <MemoryRouter>
            <WorkPage />
          </MemoryRouter>
        </SessionProvider>
      </App>
    </QueryClientProvider>,
  );
}

describe('交办事项 of a city’s office', () => {
  it('chooses a district to register for: its ledger is listed and its units are those to assign to', async () => {
    renderPage();
    const picker = await screen.findByLabelText('登记辖区', {}, { timeout: 4000 });
    await act(async () => {
      fireEvent.mouseDown(picker);
    });
    await act(async () => {
      fireEvent.click(await screen.findByTitle('黄浦区'));
    });
    const row = (await screen.findByText(/关于老旧小区加装电梯的报告/, {}, { timeout: 4000 })).closest(
      'tr',
    ) as HTMLElement;
    expect(sent.some((r) => r.path === '/api/v1/work/items' && r.query.includes('jurisdictionId=2'))).toBe(
      true,
    );
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: /交\s*办/ }));
    });
    const dialog = await screen.findByRole('dialog');
    await act(async () => {
      fireEvent.mouseDown(within(dialog).getByLabelText('主办（牵头）单位'));
    });
    expect(await screen.findByTitle('黄浦区住房保障局')).toBeTruthy();
    expect(screen.queryByTitle('市水务局')).toBeNull();
  });
});
