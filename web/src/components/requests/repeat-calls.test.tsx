import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import type { QueueItem, WorkOrder } from '../../api/requests';
import { RepeatCallsPanel, RepeatOffer } from './repeat-calls';
import { TEST_ORDER } from '../../test-fixtures/requests';

const BASE: WorkOrder = {
  ...TEST_ORDER,
  text: '龙腾苑3号楼前路灯不亮',
  category: '道路',
  location: { address: '龙腾苑社区3号楼', area: '回龙观街道', community: '龙腾苑社区' },
  contact: { name: '李女士', phone: '13900000000' },
  receivedAt: '2026-07-02T01:00:00.000Z',
};
const OPEN: WorkOrder = {
  ...BASE,
  id: 17,
  text: '3号楼路灯坏了',
  receivedAt: '2026-07-01T01:00:00.000Z',
  status: 'signed',
};

let sent: { method: string; path: string; body: unknown }[];
let fetchSpy: MockInstance<typeof fetch>;
beforeEach(() => {
  sent = [];
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(String(input), 'http://localhost');
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    return Promise.resolve(
      new Response(JSON.stringify({ repeat: BASE, into: OPEN }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
});
afterEach(() => fetchSpy.mockRestore());

function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>{children}</MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

describe('重复件 on the desk', () => {
  it('offers the open order the call repeats, says why, and merges into it', async () => {
    const item: QueueItem = {
      order: BASE,
      suggestions: {
        categories: [],
        dispatch: null,
        repeats: [{ orderId: 17, reason: 'community', distanceM: null, repeats: 2 }],
      },
    };
    wrap(<RepeatOffer item={item} orders={new Map([[17, OPEN]])} />);
    const offer = screen.getByTestId('repeat-offer');
    expect(offer.textContent).toContain('疑似重复件');
    expect(offer.textContent).toContain('20260701000017');
    expect(offer.textContent).toContain('同一社区');
    expect(offer.textContent).toContain('已并入 2 件');
    fireEvent.click(screen.getByRole('button', { name: '并入此工单 20260701000017' }));
    await waitFor(() => expect(sent.some((s) => s.method === 'POST')).toBe(true));
    expect(sent.find((s) => s.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/v1/requests/42/merge',
      body: { intoOrderId: 17 },
    });
  });

  it('lists the repeat callers on the open order', () => {
    const into: WorkOrder = {
      ...OPEN,
      repeatCalls: [
        {
          orderId: 42,
          receivedAt: BASE.receivedAt,
          mergedAt: BASE.receivedAt,
          contact: BASE.contact,
          anonymousToUnit: false,
        },
        {
          orderId: 43,
          receivedAt: BASE.receivedAt,
          mergedAt: BASE.receivedAt,
          contact: null,
          anonymousToUnit: true,
        },
      ],
    };
    wrap(<RepeatCallsPanel order={into} lang="zh-CN" canAct />);
    expect(screen.getByText('重复来电（2）')).toBeTruthy();
    const list = screen.getByTestId('repeat-calls').textContent ?? '';
    expect(list).toContain('李女士 13900000000');
    expect(list).toContain('20260702000043');
  });

  it('undoes a merge only with a reason', async () => {
    const repeat: WorkOrder = {
      ...BASE,
      status: 'closed',
      repeatOf: { orderId: 17, orderReceivedAt: OPEN.receivedAt, at: '2026-07-02T01:05:00.000Z' },
    };
    wrap(<RepeatCallsPanel order={repeat} lang="zh-CN" canAct />);
    expect(screen.getByTestId('repeat-of').textContent).toContain('20260701000017');
    fireEvent.click(screen.getByRole('button', { name: '撤销合并' }));
    expect(await screen.findByText('请填写撤销合并的理由')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.change(screen.getByLabelText('撤销合并的理由'), { target: { value: '不是同一盏路灯' } });
    fireEvent.click(screen.getByRole('button', { name: '撤销合并' }));
    await waitFor(() => expect(sent.length).toBe(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/api/v1/requests/42/unmerge',
      body: { reason: '不是同一盏路灯' },
    });
  });
});
