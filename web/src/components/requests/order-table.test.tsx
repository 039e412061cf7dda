import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { MemoryRouter } from 'react-router';
import { OrderTable } from './order-bits';
import type { WorkOrder } from '../../api/requests';
import { TEST_ORDER as ORDER } from '../../test-fixtures/requests';

/** A screen whose width the test sets: matchMedia answers min-width queries and tells listeners. */
let width = 1440;
const listeners = new Set<{ query: string; listener: (e: { matches: boolean }) => void }>();
const matches = (query: string) => {
  const min = /min-width:\s*(\d+)px/.exec(query);
  return min ? width >= Number(min[1]) : false;
};
const original = window.matchMedia;

beforeEach(() => {
  width = 1440;
  window.matchMedia = ((query: string) => ({
    get matches() {
      return matches(query);
    },
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: (_: string, listener: (e: { matches: boolean }) => void) =>
      listeners.add({ query, listener }),
    removeEventListener: (_: string, listener: (e: { matches: boolean }) => void) => {
      for (const l of listeners) if (l.listener === listener) listeners.delete(l);
    },
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
});
afterEach(() => {
  window.matchMedia = original;
  listeners.clear();
});

function resize(to: number) {
  width = to;
  act(() => {
    for (const { query, listener } of [...listeners]) listener({ matches: matches(query) });
  });
}

/** An action form as the queues have: what is typed lives in the form's own state. */
function NoteForm({ order }: { order: WorkOrder }) {
  const [note, setNote] = useState('');
  return (
    <label>
      处理意见 {order.id}
      <input value={note} onChange={(e) => setNote(e.target.value)} />
    </label>
  );
}

describe('OrderTable', () => {
  it('keeps what is typed in an open action form when the screen turns from table to cards and back', () => {
    render(
      <MemoryRouter>
        <OrderTable
          orders={[ORDER]}
          units={new Map()}
          lang="zh-CN"
          now={Date.parse('2026-07-01T04:00:00Z')}
          expanded={(order) => <NoteForm order={order} />}
        />
      </MemoryRouter>,
    );
    expect(screen.queryByTestId('order-cards')).toBeNull();
    fireEvent.change(screen.getByLabelText('处理意见 42'), { target: { value: '已联系区水务局抽排' } });
    resize(390);
    expect(screen.getByTestId('order-cards')).toBeTruthy();
    expect((screen.getByLabelText('处理意见 42') as HTMLInputElement).value).toBe('已联系区水务局抽排');
    fireEvent.change(screen.getByLabelText('处理意见 42'), {
      target: { value: '已联系区水务局抽排，明日复查' },
    });
    resize(1024);
    expect(screen.queryByTestId('order-cards')).toBeNull();
    expect((screen.getByLabelText('处理意见 42') as HTMLInputElement).value).toBe(
      '已联系区水务局抽排，明日复查',
    );
  });
});
