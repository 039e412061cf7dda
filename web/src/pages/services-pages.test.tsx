import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { ENTERPRISE, OVERVIEW, UNITS } from '../test-fixtures/library';
import EnterprisePage from './enterprise-page';
import ServicesPage from './services-page';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const path = url.pathname;
  if (path === '/api/v1/units') return Promise.resolve(reply(200, { ...UNITS, limit: 100, offset: 0 }));
  if (path === '/api/v1/services/overview') return Promise.resolve(reply(200, OVERVIEW));
  if (path === '/api/v1/services/enterprises/5') return Promise.resolve(reply(200, ENTERPRISE));
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
}

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/services" element={<ServicesPage />} />
            <Route path="/services/enterprises/:enterpriseId" element={<EnterprisePage />} />
          </Routes>
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
});
afterEach(() => fetchSpy.mockRestore());

describe('ServicesPage', () => {
  it('counts the year’s 兑现 and lists each package with its holder, 服务管家 and figures', async () => {
    renderAt('/services');
    const row = (await screen.findByRole('link', { name: '示例智造有限公司' }, { timeout: 4000 })).closest(
      'tr',
    )!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['示例智造有限公司', '企业', '王伟', '2', '2', '0', '是']);
    const talent = screen.getByText('钱七').closest('tr')!;
    expect(talent.textContent).toContain('人才');
    expect(talent.textContent).toContain('否');
    const fulfilled = screen
      .getByText('已兑现', { selector: '.ant-statistic-title' })
      .closest('.ant-statistic')!;
    expect(fulfilled.textContent).toContain('1');
  });

  it('groups the commitments by responsible unit with the unit’s name and what is overdue', async () => {
    renderAt('/services');
    fireEvent.click(await screen.findByRole('tab', { name: '按责任单位' }, { timeout: 4000 }));
    const row = (await screen.findByText('区科委')).closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['区科委', '1', '0', '1', '0', '0', '0', '1']);
  });
});

describe('EnterprisePage', () => {
  it('shows the enterprise with its package’s commitments in office wording', async () => {
    renderAt('/services/enterprises/5');
    expect(await screen.findByRole('heading', { name: '示例智造有限公司' }, { timeout: 4000 })).toBeTruthy();
    expect(screen.getByText('2022年服务包（服务管家：王伟）')).toBeTruthy();
    const row = screen.getByText('加快施工许可审批').closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['加快施工许可审批', '审批服务', '区发展改革委', '2022-03-15', '已确认']);
    expect(screen.getByText('暂无企业诉求。')).toBeTruthy();
  });
});
