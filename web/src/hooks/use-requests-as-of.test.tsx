import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import type { Plan } from '../api/types';
import { Countdown, useNow } from '../components/requests/order-bits';
import { setAsOf } from './use-as-of';
import { useUnitQueue } from './use-requests';

/** The desk's pages sit under the console's outlet, which hands them the plans (the header's plan). */
function underPlan(year: number, element: React.ReactNode) {
  const plans = [{ id: 7, year, title: '示例计划', state: 'published' } as unknown as Plan];
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <Routes>
          <Route element={<Outlet context={{ plans }} />}>
            <Route path="/" element={element} />
          </Route>
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>
  );
}

/** A unit's queue: each order's sign deadline counted down (or up, overdue) from the desk's clock. */
function Queue() {
  const now = useNow();
  const queue = useUnitQueue();
  return (
    <ul>
      {(queue.data?.items ?? []).map((item) => (
        <li key={item.order.id} data-testid="held">
          {item.order.deadlines ? (
            <Countdown due={item.order.deadlines.sign.due} now={now} lang="zh-CN" />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const ORDER = {
  id: 31,
  status: 'dispatched',
  receivedAt: '2022-12-28T01:00:00.000Z',
  // Due to be signed on 29 December at 10:00 Beijing.
  deadlines: {
    sign: { due: '2022-12-29T02:00:00.000Z' },
    contact: null,
    finish: { due: '2023-01-10T02:00:00.000Z' },
  },
};

function stubQueue() {
  const fetch = vi.fn(
    async (_url: string) =>
      new Response(JSON.stringify({ items: [{ order: ORDER, overdue: [] }], total: 1 }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('the desk as of the plan’s as-of date', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('asks for a past plan’s queue at its year’s end and counts overdue to that day, not today', async () => {
    const fetch = stubQueue();
    render(underPlan(2022, <Queue />));
    await screen.findByTestId('held');
    const asked = new URL(String(fetch.mock.calls[0]![0]), 'http://localhost');
    expect(asked.pathname).toContain('/requests/mine');
    expect(asked.searchParams.get('asOf')).toBe('2022-12-31');
    // From 29 Dec 10:00 to 31 Dec 24:00 Beijing: 2 days 14 hours — not four years.
    expect(screen.getByTestId('overdue').textContent).toBe('已超期 2 天 14 小时');
  });

  it('reads the day chosen: on 28 December the order was not yet due to be signed', async () => {
    setAsOf(7, '2022-12-28');
    const fetch = stubQueue();
    render(underPlan(2022, <Queue />));
    await screen.findByTestId('held');
    expect(new URL(String(fetch.mock.calls[0]![0]), 'http://localhost').searchParams.get('asOf')).toBe(
      '2022-12-28',
    );
    expect(screen.queryByTestId('overdue')).toBeNull();
  });

  it('reads a current plan today: no as-of date sent, the clock runs', async () => {
    const fetch = stubQueue();
    const year = new Date().getFullYear();
    render(underPlan(year, <Queue />));
    await screen.findByTestId('held');
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(new URL(String(fetch.mock.calls[0]![0]), 'http://localhost').searchParams.has('asOf')).toBe(false);
    expect(screen.getByTestId('overdue').textContent).toMatch(/^已超期 \d{3,} 天/);
  });
});
