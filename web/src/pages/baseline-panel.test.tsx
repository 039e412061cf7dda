import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BaselinePanel } from './baseline-panel';
import type { ItemPromise } from '../api/promises';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const version = (value: string, source: 'report' | 'extension' | 'decision', at: string, more = {}) => ({
  value,
  source,
  at,
  by: source === 'report' ? null : 2,
  reason: null,
  explanation: null,
  basis: null,
  extensionId: null,
  ...more,
});

const PROMISE: ItemPromise = {
  type: 'task',
  id: 21,
  view: {
    deadline: {
      original: '2022-06-30',
      current: '2022-10-31',
      days: 123,
      rebaselines: 1,
      overdue: false,
      daysLeft: 80,
    },
    value: null,
    changes: [],
  },
  deadline: [
    version('2022-06-30', 'report', '2022-01-20T00:00:00.000Z'),
    version('2022-10-31', 'extension', '2022-06-01T00:00:00.000Z', {
      reason: '征收补偿方案调整',
      explanation: '地块征收补偿方案经区政府常务会议调整，顺延四个月',
    }),
  ],
  value: [],
  thresholds: { days: 30, percent: 10, minExplanation: 10 },
} as ItemPromise;

function renderPanel(office: boolean) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <App>
        <BaselinePanel planId={3} type="task" id={21} office={office} />
      </App>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('承诺基线 on an item', () => {
  it('shows the original beside the current deadline, the slip, and each re-baseline with why', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(PROMISE)),
    );
    renderPanel(false);
    const panel = await screen.findByTestId('baseline-panel');
    expect(await within(panel).findByText(/完成时限：原定 2022年6月30日，现为 2022年10月31日/)).toBeTruthy();
    expect(within(panel).getByText('推迟 123 天')).toBeTruthy();
    expect(within(panel).getByText(/2022-06-01 批准延期：2022年10月31日/)).toBeTruthy();
    expect(within(panel).getByText('说明：地块征收补偿方案经区政府常务会议调整，顺延四个月')).toBeTruthy();
    expect(within(panel).queryByRole('button')).toBeNull();
  });

  it('lets the plan office re-baseline: past the threshold it asks for the explanation at its field', async () => {
    const posts: unknown[] = [];
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method !== 'POST') return json(PROMISE);
      const body = JSON.parse(init.body as string) as { explanation?: string };
      posts.push(body);
      if (!body.explanation)
        return json(
          {
            error: {
              code: 'BAD_INPUT',
              message: 'The change is 61 days past the original: a written explanation is required',
              details: [
                { path: 'explanation', message: 'an explanation of at least 10 characters is required' },
              ],
            },
          },
          400,
        );
      return json({
        ...PROMISE,
        view: {
          ...PROMISE.view,
          deadline: { ...PROMISE.view.deadline!, current: '2022-12-31', days: 184, rebaselines: 2 },
        },
      });
    });
    vi.stubGlobal('fetch', fetch);
    renderPanel(true);
    const panel = await screen.findByTestId('baseline-panel');
    await within(panel).findByText('推迟 123 天');
    fireEvent.change(within(panel).getByLabelText('新的完成时限'), { target: { value: '2022-12-31' } });
    fireEvent.change(within(panel).getByLabelText('调整原因'), { target: { value: '区政府常务会议决定' } });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: '调整基线' }));
    });
    expect(await within(panel).findByText('偏差超过计划设定的阈值，须写明偏差说明后方可调整')).toBeTruthy();
    expect(within(panel).queryByText(/explanation/)).toBeNull();
    fireEvent.change(within(panel).getByLabelText('偏差说明'), {
      target: { value: '配套道路施工与地铁工程交叉，经常务会议研究顺延至年底' },
    });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: '调整基线' }));
    });
    expect(await within(panel).findByText('推迟 184 天')).toBeTruthy();
    expect(posts.at(-1)).toEqual({
      field: 'deadline',
      deadline: '2022-12-31',
      reason: '区政府常务会议决定',
      explanation: '配套道路施工与地铁工程交叉，经常务会议研究顺延至年底',
    });
  });
});
