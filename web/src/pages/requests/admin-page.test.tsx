import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TEST_CATALOGUE_ROWS } from '../../test-fixtures/requests';
import type { CalendarStatus, ExemptionList } from '../../api/requests-admin';
import type { Role, Me } from '../../api/types';
import { keys } from '../../hooks/use-plan-data';
import { SessionProvider } from '../../hooks/use-session';
import RequestsAdminPage from './admin-page';

const UNITS = [{ id: 11, name: '城关街道办事处', kind: 'street' }];
const EXEMPTIONS: ExemptionList = {
  items: [
    {
      unitId: 11,
      unitName: '城关街道办事处',
      month: '2026-10',
      reason: '机构改革',
      createdBy: 1,
      createdByName: '张主任',
      createdAt: '2026-10-08T02:00:00.000Z',
    },
  ],
  total: 1,
  history: [],
};
const CALENDAR: CalendarStatus = {
  asOf: '2026-11-26T02:00:00.000Z',
  currentYear: 2026,
  packageYears: { first: 2004, last: 2026 },
  years: [{ year: 2027, source: 'weekends', holidays: null, workdays: null }],
  loaded: [],
  history: [],
};

/** The server: answers by method and path, records every call. */
function stubServer() {
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const path = new URL(url, 'http://x').pathname.replace('/api/v1', '');
    const method = init?.method ?? 'GET';
    if (path === '/units') return json({ items: UNITS, total: UNITS.length });
    if (path === '/requests/catalogue')
      return json({
        versions: [
          {
            version: 1,
            effectiveFrom: '2019-12-31T16:00:00.000Z',
            note: '示例',
            rows: TEST_CATALOGUE_ROWS.slice(0, 2),
          },
        ],
      });
    if (path === '/requests/exemptions') return json(EXEMPTIONS);
    if (path.startsWith('/requests/exemptions/') && method === 'DELETE') return json(EXEMPTIONS.items[0]);
    if (path === '/requests/calendar') return json(CALENDAR);
    if (path === '/requests/calendar/2027' && method === 'PUT') return json({});
    return json({ error: { code: 'NOT_FOUND', message: path } }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderPage(role: Role) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session: Me = {
    user: {
      id: 1,
      username: role,
      displayName: role,
      role,
      unitIds: [],
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
          <RequestsAdminPage />
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

const calls = (fetch: ReturnType<typeof stubServer>) =>
  fetch.mock.calls.map(([url, init]) => `${init?.method ?? 'GET'} ${String(url)}`);

async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('RequestsAdminPage', () => {
  it.each<Role>(['reporter', 'leader'])('refuses a %s and asks the server nothing', async (role) => {
    const fetch = stubServer();
    renderPage(role);
    expect(await screen.findByText('您没有执行此操作的权限。')).toBeTruthy();
    expect(calls(fetch).filter((c) => c.includes('/requests'))).toEqual([]);
  });

  it('shows the catalogue to a supervisor, then exemptions, and removes one through the API', async () => {
    const fetch = stubServer();
    renderPage('supervisor');
    expect(await screen.findByText('考核与目录管理')).toBeTruthy();
    expect(await screen.findByText('调整目录不影响已派出的工单')).toBeTruthy();
    expect(calls(fetch)).toContain('GET /api/v1/requests/catalogue');

    await click(screen.getByText('免考核'));
    const table = await screen.findByTestId('exemptions-table');
    await click(within(table).getByLabelText('移除 城关街道办事处 2026-10'));
    fireEvent.change(await screen.findByLabelText('移除说明'), { target: { value: '改革完成' } });
    const dialog = screen
      .getByText('移除 城关街道办事处 2026-10 的免考核？')
      .closest('.ant-modal')! as HTMLElement;
    await click(within(dialog).getByText(/^移\s?除$/));
    expect(await screen.findByText('已移除免考核')).toBeTruthy();
    expect(calls(fetch)).toContain(
      `DELETE /api/v1/requests/exemptions/11/2026-10?reason=${encodeURIComponent('改革完成')}`,
    );
  }, 60_000);

  it("loads next year's calendar with a PUT of the parsed table", async () => {
    const fetch = stubServer();
    renderPage('admin');
    await click(await screen.findByText('工作日历'));
    fireEvent.change(await screen.findByLabelText('放假安排'), {
      target: { value: '2027-01-01,休,元旦\n2027-02-20,班,春节' },
    });
    await click(screen.getByText('加载 2027 年日历').closest('button')!);
    expect(await screen.findByText('2027 年日历已加载')).toBeTruthy();
    const put = fetch.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(put?.[0]).toBe('/api/v1/requests/calendar/2027');
    expect(JSON.parse(String(put?.[1]?.body))).toEqual({
      holidays: { '2027-01-01': '元旦' },
      workdays: { '2027-02-20': '春节' },
      source: '',
    });
  }, 60_000);
});
