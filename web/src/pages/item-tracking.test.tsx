import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { render, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import type { Me, Plan } from '../api/types';
import { keys } from '../hooks/use-plan-data';
import { setAsOf } from '../hooks/use-as-of';
import { SessionProvider } from '../hooks/use-session';
import { ItemTracking } from './item-tracking';

const PLAN = {
  id: 3,
  title: '2022年政府工作报告',
  place: '昌平区',
  level: '区',
  year: 2022,
  state: 'published',
  kind: 'report',
  version: 1,
  sourceName: 'x.txt',
  createdAt: '2022-01-10T00:00:00.000Z',
  updatedAt: '2022-01-10T00:00:00.000Z',
  publishedAt: null,
} as unknown as Plan;

let asked: string[];
let fetchSpy: MockInstance<typeof fetch>;
beforeEach(() => {
  asked = [];
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const url = new URL(String(input), 'http://localhost');
    asked.push(`${url.pathname}${url.search}`);
    return Promise.resolve(
      new Response(JSON.stringify({ items: [], total: 0, asOf: '2022-12-31' }), {
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
});
afterEach(() => {
  fetchSpy.mockRestore();
  setAsOf(PLAN.id, undefined);
});

function renderTracking() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session: Me = {
    user: {
      id: 1,
      username: 'ducha',
      displayName: '督查室',
      role: 'supervisor',
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
      <App>
        <SessionProvider>
          <MemoryRouter>
            <ItemTracking
              kind="task"
              planId={3}
              itemId={7}
              lang="zh-CN"
              plan={PLAN}
              deadline="2022-12-31"
              goal={100}
            />
          </MemoryRouter>
        </SessionProvider>
      </App>
    </QueryClientProvider>,
  );
}

describe('ItemTracking', () => {
  it("reads the item's health as of the plan year's end for a past plan, and as of the date chosen", async () => {
    renderTracking();
    await waitFor(() => expect(asked).toContain('/api/v1/plans/3/health/items?date=2022-12-31'));
    setAsOf(PLAN.id, '2022-06-30');
    await waitFor(() => expect(asked).toContain('/api/v1/plans/3/health/items?date=2022-06-30'));
  });
});
