import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import type { WorkItem } from '../../api/work';
import { WorkTodoCard } from './work-todo-card';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const base = {
  planId: 9,
  state: 'assigned' as const,
  coUnitIds: [],
  dueOn: '2099-06-30',
  answer: null,
  answeredBy: null,
  answeredAt: null,
  closedBy: null,
  closedAt: null,
  closingNote: null,
  taskId: 40,
  registeredBy: 1,
  registeredAt: '2024-06-03T01:00:00.000Z',
  version: 2,
};
const INSTRUCTION: WorkItem = {
  ...base,
  id: 11,
  source: 'instruction',
  leadUnitId: 3,
  requirement: '6月30日前报送落实情况',
  docNumber: '区委办呈〔2024〕8号',
  title: '关于汛期安全工作的报告',
  leader: '张明区长',
  instructedOn: '2024-06-03',
  class: 'document',
  text: null,
  scanFileId: null,
  confirmedBy: null,
};
const HELPING: WorkItem = {
  ...base,
  id: 12,
  source: 'proposal',
  kind: 'proposal',
  leadUnitId: 4,
  coUnitIds: [3],
  requirement: null,
  number: '第0123号',
  session: '政协第九届三次会议',
  title: '关于加强河道生态治理的提案',
  authors: [{ name: '陈静', group: '农工党' }],
  coOpinions: [],
  letters: [],
  ratings: [],
  round: 1,
};

let fetchSpy: MockInstance<typeof fetch>;
const posted: unknown[] = [];

beforeEach(() => {
  posted.length = 0;
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/v1/work/items') {
      expect(url.searchParams.get('state')).toBe('assigned');
      return Promise.resolve(reply(200, { items: [INSTRUCTION, HELPING], total: 2 }));
    }
    if (url.pathname === '/api/v1/work/instructions/11/actions') {
      posted.push(JSON.parse(String(init?.body)));
      return Promise.resolve(reply(200, { ...INSTRUCTION, state: 'answered', version: 3 }));
    }
    return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
  });
});
afterEach(() => fetchSpy.mockRestore());

function renderCard() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>
          <WorkTodoCard mine ownUnitIds={[3]} />
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

describe('交办事项 in 我的待办', () => {
  it('names each item’s source and what was asked; the lead unit answers, a helping unit does not', async () => {
    renderCard();
    const led = (await screen.findByText('张明区长：关于汛期安全工作的报告', {}, { timeout: 4000 })).closest(
      '.ant-list-item',
    ) as HTMLElement;
    expect(within(led).getByText('领导批示')).toBeTruthy();
    expect(within(led).getByText('交办要求：6月30日前报送落实情况')).toBeTruthy();
    const helped = screen.getByText('关于加强河道生态治理的提案').closest('.ant-list-item') as HTMLElement;
    expect(within(helped).getByText('政协委员提案')).toBeTruthy();
    expect(within(helped).getByText('会办')).toBeTruthy();
    expect(within(helped).queryByRole('button')).toBeNull();

    fireEvent.click(within(led).getByRole('button', { name: '报送办理情况' }));
    const dialog = await screen.findByRole('dialog');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /报\s*送/ }));
    });
    expect(within(dialog).getByText('请填写办理情况')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('办理情况'), {
      target: { value: '已排查整改积水点38处' },
    });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /报\s*送/ }));
    });
    await vi.waitFor(() =>
      expect(posted).toEqual([{ type: 'answer', text: '已排查整改积水点38处', version: 2 }]),
    );
  });
});
