import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import WorkUnitNotifyPage from './work-unit-notify-page';

const reply = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

let saved: { data: Record<string, unknown>; version: number } | undefined;
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  if (url.pathname === '/api/v1/units')
    return Promise.resolve(
      reply(200, { items: [{ id: 3, name: '区水务局', kind: 'department' }], total: 1 }),
    );
  if (url.pathname === '/api/v1/users') return Promise.resolve(reply(200, { items: [], total: 0 }));
  if (url.pathname === '/api/v1/units/3/notify-settings' && method === 'GET')
    return Promise.resolve(
      reply(200, { data: { leaderUserId: null, robots: [] }, version: 0, channels: ['email'] }),
    );
  if (url.pathname === '/api/v1/units/3/notify-settings' && method === 'PUT') {
    saved = JSON.parse(String(init?.body)) as typeof saved;
    return Promise.resolve(reply(200, { data: saved!.data, version: 1, channels: ['email'] }));
  }
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
}

beforeEach(() => {
  saved = undefined;
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
});
afterEach(() => fetchSpy.mockRestore());

describe('WorkUnitNotifyPage', () => {
  it("saves the hours a unit's handler has before an unread notice goes to the unit", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <App>
          <MemoryRouter>
            <WorkUnitNotifyPage />
          </MemoryRouter>
        </App>
      </QueryClientProvider>,
    );
    fireEvent.mouseDown(await screen.findByRole('combobox'));
    fireEvent.click(await screen.findByTitle('区水务局'));
    const hours = await screen.findByLabelText('经办人未阅转本单位（小时）');
    expect(hours.getAttribute('placeholder')).toBe('按辖区设置（默认4小时）');
    fireEvent.change(hours, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: /^保\s*存$/ }));
    await waitFor(() => expect(saved?.data).toMatchObject({ inboxAfterHours: 2 }));
  });
});
