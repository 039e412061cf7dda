import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { TransferView, WorkOrder } from '../../api/requests';
import { formatDateTime } from '../../lib/format';
import { TEST_ORDER } from '../../test-fixtures/requests';
import { renderSignedIn } from '../../test-fixtures/session';
import { OrderTransferPanel } from './order-transfer';

// The order's own fields do not matter to the panel: it reads the transfer view by its id.
const ORDER: WorkOrder = { ...TEST_ORDER, id: 42, receivedAt: '2026-03-02T02:00:00.000Z' };

const TARGETS = [
  { id: 11, name: '上海市黄浦区', level: '区县' },
  { id: 12, name: '上海市静安区', level: '区县' },
];
const HANDED: TransferView = {
  from: null,
  to: {
    jurisdictionId: 11,
    jurisdictionName: '上海市黄浦区',
    orderId: 57,
    at: '2026-03-04T02:00:00.000Z',
    reason: '属黄浦区辖区',
    receivedAt: '2026-03-02T02:00:00.000Z',
    result: {
      status: 'closed',
      repliedAt: '2026-03-05T02:00:00.000Z',
      closedAt: '2026-03-05T04:00:00.000Z',
      reply: '已责令该公司3月10日前足额支付拖欠工资',
      publicNote: null,
      followUps: [
        {
          at: '2026-03-06T02:00:00.000Z',
          reached: true,
          contacted: true,
          resolved: true,
          satisfaction: '满意',
        },
      ],
    },
  },
  targets: [],
};

const SLOW = { timeout: 5000 };
let view: TransferView;
let refusal: string | null;
let posted: unknown[];
let fetchSpy: MockInstance<typeof fetch>;
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  posted = [];
  refusal = null;
  view = { from: null, to: null, targets: TARGETS };
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    if (path !== '/api/v1/requests/42/transfer')
      return Promise.resolve(json(404, { error: { code: 'NOT_FOUND', message: 'x', details: [] } }));
    if ((init?.method ?? 'GET') === 'GET') return Promise.resolve(json(200, view));
    posted.push(JSON.parse(String(init?.body)));
    if (refusal !== null)
      return Promise.resolve(
        json(400, {
          error: {
            code: 'BAD_INPUT',
            message: refusal,
            details: [{ path: 'body.jurisdictionId', message: refusal }],
          },
        }),
      );
    view = HANDED;
    return Promise.resolve(json(200, { ...ORDER, status: 'transferred' }));
  });
});
afterEach(() => fetchSpy.mockRestore());

const show = (order: WorkOrder, canAct: boolean) =>
  renderSignedIn(
    canAct ? 'supervisor' : 'reporter',
    <MemoryRouter>
      <OrderTransferPanel order={order} lang="zh-CN" canAct={canAct} />
    </MemoryRouter>,
  );
const click = async (element: HTMLElement) => {
  await act(async () => {
    fireEvent.click(element);
  });
};
async function openAndChoose(name: string) {
  await click(await screen.findByText('转办到区', {}, SLOW));
  const dialog = await screen.findByRole('dialog', {}, SLOW);
  await act(async () => {
    fireEvent.mouseDown(within(dialog).getByLabelText('转办至'));
  });
  await click(await screen.findByTitle(name, {}, SLOW));
  return dialog;
}

describe('转办到区 on an order', () => {
  it('asks for the district and the reason, hands the order down, and then shows the district’s result', async () => {
    show(ORDER, true);
    await click(await screen.findByText('转办到区', {}, SLOW));
    await click(await screen.findByText('确认转办', {}, SLOW));
    expect(await screen.findByText('请选择承接的区', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('请填写转办理由')).toBeTruthy();
    expect(posted).toEqual([]);

    await act(async () => {
      fireEvent.mouseDown(within(screen.getByRole('dialog')).getByLabelText('转办至'));
    });
    await click(await screen.findByTitle('上海市黄浦区', {}, SLOW));
    fireEvent.change(screen.getByLabelText('转办理由'), { target: { value: '属黄浦区辖区' } });
    await click(screen.getByText('确认转办'));
    expect(posted).toEqual([{ jurisdictionId: 11, reason: '属黄浦区辖区' }]);

    expect(await screen.findByText('已转办至上海市黄浦区，工单号 20260302000057', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('已责令该公司3月10日前足额支付拖欠工资')).toBeTruthy();
    expect(screen.getByText('已回访：满意')).toBeTruthy();
    expect(screen.queryByText('转办到区')).toBeNull();
  });

  it('shows the server’s reason when it refuses, and keeps what was typed', async () => {
    refusal = '「南京东路街道」不在上海市静安区辖区内';
    show(ORDER, true);
    const dialog = await openAndChoose('上海市静安区');
    fireEvent.change(within(dialog).getByLabelText('转办理由'), { target: { value: '转办' } });
    await click(within(dialog).getByText('确认转办'));
    expect(await within(dialog).findByText(refusal, {}, SLOW)).toBeTruthy();
    expect((within(dialog).getByLabelText('转办理由') as HTMLTextAreaElement).value).toBe('转办');
    expect(posted).toEqual([{ jurisdictionId: 12, reason: '转办' }]);
  });

  it('shows a taken-over order only its link back, and offers no transfer to whom may not', async () => {
    view = {
      from: {
        jurisdictionId: 10,
        jurisdictionName: '上海市',
        orderId: 41,
        at: '2026-03-04T02:00:00.000Z',
        reason: '属黄浦区辖区',
        receivedAt: '2026-03-02T02:00:00.000Z',
      },
      to: null,
      targets: [],
    };
    show(ORDER, false);
    const at = formatDateTime('2026-03-02T02:00:00.000Z', 'zh-CN');
    expect(
      await screen.findByText(`由上海市转来，原工单号 20260302000041，原受理时间 ${at}`, {}, SLOW),
    ).toBeTruthy();
    expect(screen.getByText('转办理由：属黄浦区辖区')).toBeTruthy();
    expect(screen.queryByText('转办到区')).toBeNull();
  });
});
