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
    if (url.pathname === '/api/v1/units') {
      return Promise.resolve(
        reply(200, {
          items: [
            { id: 3, name: '区园林绿化局', kind: 'department', version: 1 },
            { id: 4, name: '区水务局', kind: 'department', version: 1 },
            { id: 5, name: '区生态环境局', kind: 'department', version: 1 },
          ],
          total: 3,
        }),
      );
    }
    if (
      url.pathname === '/api/v1/work/proposals/12/actions' ||
      url.pathname === '/api/v1/work/proposals/13/actions'
    ) {
      posted.push(JSON.parse(String(init?.body)));
      return Promise.resolve(reply(200, { ...HELPING, version: 3 }));
    }
    if (url.pathname === '/api/v1/work/instructions/11/actions') {
      posted.push(JSON.parse(String(init?.body)));
      return Promise.resolve(reply(200, { ...INSTRUCTION, state: 'answered', version: 3 }));
    }
    return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
  });
});
afterEach(() => fetchSpy.mockRestore());

function renderCard(reportedPlanId?: number) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>
          <WorkTodoCard mine ownUnitIds={[3]} {...(reportedPlanId === undefined ? {} : { reportedPlanId })} />
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

describe('交办事项 in 我的待办', () => {
  it('names each item’s source and what was asked; the lead unit answers, a helping unit gives its opinion instead', async () => {
    renderCard();
    const led = (await screen.findByText('张明区长：关于汛期安全工作的报告', {}, { timeout: 4000 })).closest(
      '.ant-list-item',
    ) as HTMLElement;
    expect(within(led).getByText('领导批示')).toBeTruthy();
    expect(within(led).getByText('交办要求：6月30日前报送落实情况')).toBeTruthy();
    const helped = screen.getByText('关于加强河道生态治理的提案').closest('.ant-list-item') as HTMLElement;
    expect(within(helped).getByText('政协委员提案')).toBeTruthy();
    expect(within(helped).getByText('会办')).toBeTruthy();
    expect(within(helped).queryByRole('button', { name: /报送|答复/ })).toBeNull();
    expect(within(helped).getByRole('button', { name: '提出会办意见' })).toBeTruthy();

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

  it('a 会办 unit writes its opinion to the 主办 unit; it is refused empty', async () => {
    renderCard();
    const helped = (await screen.findByText('关于加强河道生态治理的提案', {}, { timeout: 4000 })).closest(
      '.ant-list-item',
    ) as HTMLElement;
    fireEvent.click(within(helped).getByRole('button', { name: '提出会办意见' }));
    const dialog = await screen.findByRole('dialog');
    await vi.waitFor(() => expect(within(dialog).getByText(/主办单位（区水务局）/)).toBeTruthy());
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    });
    expect(within(dialog).getByText('请填写会办意见')).toBeTruthy();
    expect(posted).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText('会办意见'), {
      target: { value: '建议将沙河段纳入明年生态补水计划' },
    });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    });
    await vi.waitFor(() =>
      expect(posted).toEqual([
        { type: 'co_opinion', unitId: 3, text: '建议将沙河段纳入明年生态补水计划', version: 2 },
      ]),
    );
  });

  it('the 主办 unit sees every 会办 opinion, and whose is still owed, before it answers', async () => {
    const hosted: WorkItem = {
      ...HELPING,
      id: 13,
      leadUnitId: 3,
      coUnitIds: [4, 5],
      coOpinions: [
        { unitId: 4, text: '同意主办单位意见，配合做好河道补水', by: 7, at: '2024-06-10T02:00:00.000Z' },
      ],
    };
    fetchSpy.mockImplementation((input) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname === '/api/v1/work/items')
        return Promise.resolve(reply(200, { items: [hosted], total: 1 }));
      if (url.pathname === '/api/v1/units')
        return Promise.resolve(
          reply(200, {
            items: [
              { id: 3, name: '区园林绿化局', kind: 'department', version: 1 },
              { id: 4, name: '区水务局', kind: 'department', version: 1 },
              { id: 5, name: '区生态环境局', kind: 'department', version: 1 },
            ],
            total: 3,
          }),
        );
      return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
    });
    renderCard();
    const row = (await screen.findByText('关于加强河道生态治理的提案', {}, { timeout: 4000 })).closest(
      '.ant-list-item',
    ) as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: '上传答复函并答复' }));
    const dialog = await screen.findByRole('dialog');
    const opinions = await within(dialog).findByTestId('co-opinions');
    expect(within(opinions).getByText('会办单位意见（已提出1/2）')).toBeTruthy();
    await vi.waitFor(() => expect(within(opinions).getByText('区水务局')).toBeTruthy());
    expect(within(opinions).getByText('同意主办单位意见，配合做好河道补水')).toBeTruthy();
    expect(within(opinions).getByText('区生态环境局')).toBeTruthy();
    expect(within(opinions).getByText('尚未提出')).toBeTruthy();
    expect(within(opinions).getByText('待以下会办单位提出意见后方可答复：区生态环境局')).toBeTruthy();
  });

  it('a list item is reported on its ledger’s report, where it is not listed twice', async () => {
    const listed: WorkItem = {
      ...base,
      id: 14,
      source: 'list',
      leadUnitId: 3,
      requirement: null,
      listId: 2,
      origin: '清单!2',
      reference: '1',
      title: '完成老旧小区改造20个',
    };
    fetchSpy.mockImplementation((input) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname === '/api/v1/work/items')
        return Promise.resolve(reply(200, { items: [INSTRUCTION, listed], total: 2 }));
      return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
    });
    const view = renderCard();
    const line = (await screen.findByText('完成老旧小区改造20个', {}, { timeout: 4000 })).closest(
      '.ant-list-item',
    ) as HTMLElement;
    expect(within(line).getByRole('link', { name: '填报进展' }).getAttribute('href')).toBe('/todo?plan=9');
    view.unmount();
    renderCard(9);
    await screen.findByText('张明区长：关于汛期安全工作的报告', {}, { timeout: 4000 });
    expect(screen.queryByText('完成老旧小区改造20个')).toBeNull();
  });
});

describe('a 提案 rated 不满意, back in 我的待办', () => {
  it('says it is handled again, in which round, and why the author was not satisfied', async () => {
    const reopened: WorkItem = {
      ...HELPING,
      id: 15,
      leadUnitId: 3,
      coUnitIds: [],
      dueOn: '2099-08-31',
      round: 2,
      letters: [
        { fileId: 70, round: 1, category: 'B', summary: '已列入计划', at: '2024-06-20T02:00:00.000Z', by: 5 },
      ],
      ratings: [
        {
          rating: '不满意',
          comment: '答复未说明治理时限',
          round: 1,
          recordedBy: 1,
          at: '2024-06-25T02:00:00.000Z',
        },
      ],
    };
    fetchSpy.mockImplementation((input) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname === '/api/v1/work/items')
        return Promise.resolve(reply(200, { items: [reopened, HELPING], total: 2 }));
      return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
    });
    renderCard();
    const rows = await screen.findAllByText('关于加强河道生态治理的提案', {}, { timeout: 4000 });
    const [again, first] = rows.map((r) => r.closest('.ant-list-item') as HTMLElement);
    expect(within(again!).getByText('重新办理（第2轮）')).toBeTruthy();
    expect(
      within(again!).getByText('代表委员对答复不满意，退回重新办理。意见：答复未说明治理时限'),
    ).toBeTruthy();
    expect(within(first!).queryByText(/重新办理/)).toBeNull();
  });
});
