import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import ChecksPage from './checks-page';
import { axeViolations } from '../../test-fixtures/axe';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const queueItem = (orderId: number, reason: 'sample' | 'unsatisfied', unitReply: string | null = null) => ({
  orderId,
  reply: unitReply,
  reason,
  since: '2024-07-01T02:00:00.000Z',
  waitingHours: 5,
  leadUnitId: 104,
  category: '积水',
  status: 'replied',
  order: {
    id: orderId,
    receivedAt: '2024-06-30T23:00:00.000Z',
    publicNote: unitReply === null ? '已疏通雨水口' : null,
  },
});

let calls: Call[];
let queue: ReturnType<typeof queueItem>[];
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
  calls.push({ method, path: url.pathname, body });
  const route = `${method} ${url.pathname}`;
  if (route === 'GET /api/v1/requests/checks')
    return Promise.resolve(reply(200, { items: queue, total: queue.length }));
  if (route === 'GET /api/v1/units')
    return Promise.resolve(
      reply(200, {
        items: [{ id: 104, name: '回龙观街道办事处', kind: 'street' }],
        total: 1,
        limit: 500,
        offset: 0,
      }),
    );
  const decided = /^\/api\/v1\/requests\/(\d+)\/check$/.exec(url.pathname);
  if (method === 'POST' && decided) {
    queue = queue.filter((item) => item.orderId !== Number(decided[1]));
    return Promise.resolve(reply(200, { id: Number(decided[1]), status: 'signed' }));
  }
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: route, details: [] } }));
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>
          <ChecksPage />
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

const SLOW = { timeout: 4000 };
const decisions = () => calls.filter((c) => c.method === 'POST');

describe('ChecksPage', () => {
  beforeEach(() => {
    calls = [];
    queue = [queueItem(11, 'unsatisfied'), queueItem(12, 'sample', '上午已到现场疏通雨水口3处，积水已排除')];
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
  });
  afterEach(() => {
    fetchSpy.mockRestore();
  });

  it('lists the queue in office words and returns an order only with the checker’s note', async () => {
    renderPage();
    const returnButton = await screen.findByRole(
      'button',
      { name: '工单 20240701000012 质检不合格，退回承办单位' },
      SLOW,
    );
    const row = returnButton.closest('tr')!;
    // Named by its 工单号 (the Beijing day it came in and its sequence), never the bare id.
    expect(within(row).getByRole('link').textContent).toBe('工单 20240701000012');
    expect(row.textContent).not.toContain('工单 12');
    expect(within(row).getByText('随机抽检')).toBeTruthy();
    expect(screen.getByText('回访不满意')).toBeTruthy();
    await waitFor(() => expect(within(row).getByText('回龙观街道办事处')).toBeTruthy(), SLOW);
    // The unit's own reply, though it left no public note; the other row's public note.
    expect(within(row).getByText('上午已到现场疏通雨水口3处，积水已排除')).toBeTruthy();
    expect(screen.getByText('已疏通雨水口')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    await act(async () => {
      fireEvent.click(returnButton);
    });
    const dialog = await screen.findByRole('dialog', {}, SLOW);
    // No note: nothing is sent, and the field says why.
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /退\s*回/ }));
    });
    expect(decisions()).toHaveLength(0);
    expect(within(dialog).getByText('不合格须写明质检意见')).toBeTruthy();
    expect(await axeViolations(dialog)).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('质检意见'), { target: { value: '未说明是否复查' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /退\s*回/ }));
    });
    await waitFor(() => expect(decisions()).toHaveLength(1));
    expect(decisions()[0]).toMatchObject({
      path: '/api/v1/requests/12/check',
      body: { passed: false, note: '未说明是否复查' },
    });
    await waitFor(
      () =>
        expect(
          screen.queryByRole('button', { name: '工单 20240701000012 质检不合格，退回承办单位' }),
        ).toBeNull(),
      SLOW,
    );
  });

  it('passes an order with one labelled button', async () => {
    renderPage();
    const pass = await screen.findByRole('button', { name: '工单 20240701000011 质检合格' }, SLOW);
    await act(async () => {
      fireEvent.click(pass);
    });
    await waitFor(() => expect(decisions()).toHaveLength(1));
    expect(decisions()[0]).toMatchObject({
      path: '/api/v1/requests/11/check',
      body: { passed: true, note: '' },
    });
    expect(await screen.findByText('工单 20240701000011 质检合格', {}, SLOW)).toBeTruthy();
  });
});
