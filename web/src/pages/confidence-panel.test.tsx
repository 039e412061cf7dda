import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfidencePanel } from './confidence-panel';
import type { ItemConfidence } from '../api/promises';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const subject = { type: 'task' as const, id: 21, planId: 3, leadUnitId: 7 };
const UNIT = {
  id: 1,
  subject,
  periodKey: '2022-07',
  source: 'lead_unit' as const,
  level: 'green' as const,
  comment: '按计划推进',
  by: 5,
  at: '2022-07-05T01:00:00.000Z',
};
const CONFIDENCE: ItemConfidence = {
  periodKey: '2022-07',
  health: 'behind',
  view: {
    unit: UNIT,
    independent: null,
    unitMissing: false,
    disagreements: [{ kind: 'unit_vs_health' } as ItemConfidence['view']['disagreements'][number]],
  },
  history: [UNIT],
};

function renderPanel(gives: 'lead_unit' | 'independent' | null) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <App>
        <ConfidencePanel planId={3} type="task" id={21} gives={gives} />
      </App>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('交付把握程度 on an item', () => {
  it('shows both confidences beside health and where they disagree; the 督查室 gives its own', async () => {
    let current = CONFIDENCE;
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method !== 'POST') return json(current);
      const independent = {
        ...UNIT,
        id: 2,
        source: 'independent' as const,
        level: 'red' as const,
        comment: '征地未完成',
      };
      current = {
        ...CONFIDENCE,
        view: {
          ...CONFIDENCE.view,
          independent,
          disagreements: [
            ...CONFIDENCE.view.disagreements,
            { kind: 'unit_vs_independent' } as ItemConfidence['view']['disagreements'][number],
          ],
        },
      };
      return json(independent, 201);
    });
    vi.stubGlobal('fetch', fetch);
    renderPanel('independent');
    const panel = await screen.findByTestId('confidence-panel');
    expect(await within(panel).findByText('很有把握')).toBeTruthy();
    expect(within(panel).getByText('进度滞后')).toBeTruthy();
    expect(within(panel).getByText('尚未评估')).toBeTruthy();
    expect(within(panel).getByText('牵头单位自评与系统测算不一致')).toBeTruthy();

    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: '提交督查室评估' }));
    });
    expect(await within(panel).findByText('请选择把握程度')).toBeTruthy();
    await act(async () => {
      fireEvent.mouseDown(within(panel).getByLabelText('把握程度'));
    });
    await act(async () => {
      fireEvent.click(await screen.findByTitle('难以按期完成'));
    });
    fireEvent.change(within(panel).getByLabelText('说明'), { target: { value: '征地未完成' } });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: '提交督查室评估' }));
    });
    expect(await within(panel).findByText('牵头单位自评与督查室评估不一致')).toBeTruthy();
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(post[0]).toContain('/plans/3/items/task/21/confidence');
    expect(JSON.parse(post[1]!.body as string)).toEqual({
      source: 'independent',
      level: 'red',
      comment: '征地未完成',
    });
  });

  it('offers a leader no form, only what was given', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(CONFIDENCE)),
    );
    renderPanel(null);
    const panel = await screen.findByTestId('confidence-panel');
    expect(await within(panel).findByText('很有把握')).toBeTruthy();
    expect(within(panel).queryByRole('button')).toBeNull();
  });

  it('names the unit’s own confidence on its reporter’s button', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(CONFIDENCE)),
    );
    renderPanel('lead_unit');
    const panel = await screen.findByTestId('confidence-panel');
    expect(await within(panel).findByRole('button', { name: '提交本单位自评' })).toBeTruthy();
  });
});
