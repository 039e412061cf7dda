import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import TokensPage from './tokens-page';

const reply = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const SECRET = 'lst_9f3kQ2example0secret0shown0once';
let tokens: { id: number; name: string; scopes: string[]; createdAt: string; expiresAt: string | null }[];
let sent: { method: string; path: string; body: unknown }[];
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
  sent.push({ method, path: url.pathname, body });
  if (url.pathname === '/api/v1/tokens' && method === 'GET')
    return Promise.resolve(reply(200, { items: tokens, total: tokens.length }));
  if (url.pathname === '/api/v1/tokens' && method === 'POST') {
    const draft = body as { name: string; scopes: string[] };
    const made = {
      id: 9,
      name: draft.name,
      scopes: draft.scopes,
      createdAt: '2026-12-07T06:00:00.000Z',
      expiresAt: '2027-03-07T06:00:00.000Z',
    };
    tokens = [made, ...tokens];
    return Promise.resolve(reply(201, { ...made, token: SECRET }));
  }
  const revoke = /^\/api\/v1\/tokens\/(\d+)$/.exec(url.pathname);
  if (revoke && method === 'DELETE') {
    tokens = tokens.filter((token) => token.id !== Number(revoke[1]));
    return Promise.resolve(new Response(null, { status: 204 }));
  }
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>
          <TokensPage />
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  sent = [];
  tokens = [
    {
      id: 3,
      name: '夜间数据同步',
      scopes: ['read', 'report'],
      createdAt: '2026-11-01T02:00:00.000Z',
      expiresAt: '2099-01-30T02:00:00.000Z',
    },
    {
      id: 2,
      name: '旧脚本',
      scopes: ['read'],
      createdAt: '2025-01-01T02:00:00.000Z',
      expiresAt: '2025-04-01T02:00:00.000Z',
    },
  ];
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
});
afterEach(() => fetchSpy.mockRestore());

describe('TokensPage', () => {
  it('lists the tokens with their scopes in words and their expiry, never a secret', async () => {
    renderPage();
    const row = (await screen.findByText('夜间数据同步', {}, { timeout: 4000 })).closest('tr')!;
    expect(within(row).getByText('查阅')).toBeTruthy();
    expect(within(row).getByText('报送')).toBeTruthy();
    expect(row.textContent).not.toMatch(/report|read/);
    const old = screen.getByText('旧脚本').closest('tr')!;
    expect(within(old).getByText('已过期')).toBeTruthy();
    expect(document.body.textContent).not.toContain('lst_');
  });

  it('makes a token with the scopes chosen and shows its secret once', async () => {
    renderPage();
    await screen.findByText('夜间数据同步', {}, { timeout: 4000 });
    fireEvent.change(screen.getByLabelText('用途'), { target: { value: '12345 对接' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /接诉即办/ }));
    fireEvent.click(screen.getByRole('button', { name: '生成令牌' }));
    expect(await screen.findByText(SECRET, {}, { timeout: 4000 })).toBeTruthy();
    expect(screen.getByText(/只显示这一次/)).toBeTruthy();
    expect(sent.find((s) => s.method === 'POST')?.body).toEqual({
      name: '12345 对接',
      scopes: ['read', 'requests'],
      expiresInDays: 90,
    });
    fireEvent.click(screen.getByRole('button', { name: '我已保存' }));
    await waitFor(() => expect(screen.queryByText(SECRET)).toBeNull());
    expect(await screen.findByText('12345 对接')).toBeTruthy();
  });

  it('revokes a token after confirming', async () => {
    renderPage();
    const row = (await screen.findByText('夜间数据同步', {}, { timeout: 4000 })).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /作\s*废/ }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() =>
      expect(sent.some((s) => s.method === 'DELETE' && s.path === '/api/v1/tokens/3')).toBe(true),
    );
    await waitFor(() => expect(screen.queryByText('夜间数据同步')).toBeNull());
  });
});
