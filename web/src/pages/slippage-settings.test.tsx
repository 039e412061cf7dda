import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SlippageSettings } from './slippage-settings';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function renderSettings(answerPut: (body: Record<string, number>) => Response) {
  const puts: Record<string, number>[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as Record<string, number>;
        puts.push(body);
        return answerPut(body);
      }
      return json({ days: 30, percent: 5, minExplanation: 10 });
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <App>
        <SlippageSettings planId={3} />
      </App>
    </QueryClientProvider>,
  );
  return puts;
}

const save = async () => {
  await act(async () => {
    fireEvent.click(screen.getByText('保存阈值'));
  });
};

afterEach(() => vi.unstubAllGlobals());

describe('偏差说明阈值 in the plan’s settings', () => {
  it('shows the plan’s thresholds, refuses a bad one at its field, and saves good ones', async () => {
    const puts = renderSettings((body) => json({ days: 30, percent: 5, minExplanation: 10, ...body }));
    const days = (await screen.findByLabelText('完成时限推迟超过（天）')) as HTMLInputElement;
    expect(days.value).toBe('30');
    fireEvent.change(days, { target: { value: '-3' } });
    expect(await screen.findByText('请填写0至3660之间的整数天数')).toBeTruthy();
    await save();
    expect(puts).toEqual([]);
    fireEvent.change(days, { target: { value: '15' } });
    fireEvent.change(screen.getByLabelText('指标目标值放宽超过（%）'), { target: { value: '2.5' } });
    await waitFor(() => expect(screen.queryByText('请填写0至3660之间的整数天数')).toBeNull());
    await save();
    expect(await screen.findByText('偏差说明阈值已保存')).toBeTruthy();
    expect(puts).toEqual([{ days: 15, percent: 2.5, minExplanation: 10 }]);
  });

  it('says the server’s refusal at the field it names', async () => {
    renderSettings(() =>
      json(
        {
          error: {
            code: 'BAD_INPUT',
            message: 'Invalid slippage thresholds',
            details: [{ path: 'body.minExplanation', message: 'must be at most 500' }],
          },
        },
        400,
      ),
    );
    const min = await screen.findByLabelText('偏差说明最少字数');
    fireEvent.change(min, { target: { value: '12' } });
    await save();
    const field = min.closest('.ant-form-item')!;
    expect(await screen.findByText('请填写1至500之间的整数')).toBeTruthy();
    expect(field.textContent).toContain('请填写1至500之间的整数');
  });
});
