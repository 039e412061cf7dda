import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { ContactView, Countdown, EventTimeline } from './order-bits';
import type { OrderEvent, WorkOrder } from '../../api/requests';

const NOW = Date.parse('2026-07-01T04:00:00Z');

describe('Countdown', () => {
  it('counts down what is left, and says in red how long a deadline is overdue', () => {
    const { rerender } = render(<Countdown due="2026-07-03T07:00:00Z" now={NOW} lang="zh-CN" />);
    expect(screen.getByText('剩余 2 天 3 小时')).toBeTruthy();
    rerender(<Countdown due="2026-07-01T01:30:00Z" now={NOW} lang="zh-CN" />);
    const late = screen.getByTestId('overdue');
    expect(late.textContent).toBe('已超期 2 小时');
    expect(late.className).toContain('ant-typography-danger');
    rerender(<Countdown due="2026-07-01T01:30:00Z" now={NOW} lang="zh-CN" done />);
    expect(screen.queryByTestId('overdue')).toBeNull();
  });
});

const actor = { userId: 1, role: 'center' as const, unitIds: [] };

describe('EventTimeline', () => {
  it("shows users' text as text, never as HTML", () => {
    const events: OrderEvent[] = [
      {
        orderId: 1,
        seq: 1,
        at: '2026-07-01T01:00:00Z',
        actor,
        type: 'received',
        source: 'hotline',
        text: 'x',
        category: '积水',
        location: { address: 'a', area: '城关街道' },
      },
      {
        orderId: 1,
        seq: 2,
        at: '2026-07-01T02:00:00Z',
        actor: { userId: 2, role: 'unit', unitIds: [203] },
        type: 'replied',
        unitId: 203,
        text: '<img src=x onerror=alert(1)>已处理',
      },
    ];
    const { container } = render(
      <EventTimeline
        events={events}
        units={new Map([[203, { id: 203, name: '区水务局', kind: 'department' }]])}
        lang="zh-CN"
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>已处理')).toBeTruthy();
    expect(container.textContent).toContain('办结反馈');
    expect(container.textContent).toContain('区水务局');
  });
});

describe('ContactView', () => {
  const order = {
    contact: null,
    privacy: { anonymousToPublic: true, anonymousToUnit: true },
  } as unknown as WorkOrder;

  it('tells the unit the citizen stays anonymous to it, with no contact', () => {
    render(<ContactView order={order} />);
    expect(screen.getByText(/市民选择对承办单位匿名/)).toBeTruthy();
  });

  it('shows the contact when the citizen allowed it', () => {
    render(
      <ContactView
        order={{
          ...order,
          contact: { name: '王女士', phone: '13800000000' },
          privacy: { anonymousToPublic: true, anonymousToUnit: false },
        }}
      />,
    );
    expect(screen.getByText('13800000000')).toBeTruthy();
  });
});
