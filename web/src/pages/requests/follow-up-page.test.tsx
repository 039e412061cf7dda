import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import type { OrderEvent, WorkOrder } from '../../api/requests';
import FollowUpPage from './follow-up-page';
import { TEST_ORDER } from '../../test-fixtures/requests';

const ORDER: WorkOrder = {
  ...TEST_ORDER,
  text: '龙腾苑四区12号楼前路灯不亮已经一周',
  category: '道路',
  location: { address: '龙腾苑四区12号楼', area: '回龙观街道', community: '龙腾苑社区' },
  contact: { name: '张先生', phone: '13800001111' },
  status: 'replied',
  leadUnitId: 7,
  catalogueVersion: 1,
  signedAt: '2026-07-01T02:00:00.000Z',
  contactedAt: '2026-07-01T03:00:00.000Z',
  repliedAt: '2026-07-02T03:00:00.000Z',
  publicNote: '路灯已修复。',
  version: 5,
};

const unit = { role: 'unit' as const, userId: 6, unitIds: [7] };
const EVENTS: OrderEvent[] = [
  {
    orderId: 42,
    seq: 4,
    at: '2026-07-01T03:00:00.000Z',
    actor: unit,
    type: 'contacted',
    unitId: 7,
    note: '已电话联系张先生',
  },
  {
    orderId: 42,
    seq: 5,
    at: '2026-07-02T03:00:00.000Z',
    actor: unit,
    type: 'replied',
    unitId: 7,
    text: '已安排路灯所更换灯具，12号楼前路灯已恢复照明。',
    publicNote: '路灯已修复。',
  },
];

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let posted: { type: string }[];
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const page = (items: unknown[]) => reply(200, { items, total: items.length, limit: 100, offset: 0 });
  if (method === 'GET' && url.pathname === '/api/v1/requests') {
    return Promise.resolve(page(url.searchParams.get('status') === 'replied' ? [ORDER] : []));
  }
  if (method === 'GET' && url.pathname === '/api/v1/requests/42/events') return Promise.resolve(page(EVENTS));
  if (method === 'GET' && url.pathname === '/api/v1/units') {
    return Promise.resolve(page([{ id: 7, name: '区交通局', kind: 'department', area: null }]));
  }
  if (method === 'POST' && url.pathname === '/api/v1/requests/42/events') {
    const body = JSON.parse(String(init?.body)) as { type: string };
    posted.push(body);
    // The hotline's call leaves the order answered; 结案 closes it.
    return Promise.resolve(reply(200, { ...ORDER, status: body.type === 'closed' ? 'closed' : 'replied' }));
  }
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'not found', details: [] } }));
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>
          <FollowUpPage />
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

describe('FollowUpPage', () => {
  beforeEach(() => {
    posted = [];
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
  });
  afterEach(() => fetchSpy.mockRestore());

  it('shows the operator what the unit answered before the call', async () => {
    renderPage();
    const answer = await screen.findByTestId('unit-answer', {}, { timeout: 4000 });
    expect(answer.textContent).toContain('已安排路灯所更换灯具，12号楼前路灯已恢复照明。');
    expect(answer.textContent).toContain('区交通局');
    expect(answer.textContent).toContain('已电话联系张先生');
    expect(answer.textContent).toContain('路灯已修复。');
  });

  it('records the call first, then closes the order: 回访 before 结案', async () => {
    renderPage();
    // Role queries walk antd's whole tree in jsdom (slow): the form by its label, inputs by id.
    await screen.findByTestId('unit-answer', {}, { timeout: 4000 });
    const form = document.querySelector<HTMLFormElement>('form[aria-label="回访 工单号 20260701000042"]')!;
    const answer = (group: string, value: string) => {
      const input = form.querySelector<HTMLInputElement>(`#${group}-42 input[value="${value}"]`)!;
      fireEvent.click(input);
    };
    answer('contacted', 'yes');
    answer('resolved', 'yes');
    answer('satisfaction', '满意');
    fireEvent.submit(form);
    await waitFor(() => expect(posted.map((p) => p.type)).toEqual(['followed_up', 'closed']));
  });
});
