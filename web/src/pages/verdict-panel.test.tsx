import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { VerdictPanel } from './verdict-panel';
import { COMMITMENT } from '../test-fixtures/cockpit';
import type { PublicVerdictView } from '../api/promises';

const REASON = '该地块调整为公园绿地，经区政府常务会议研究不再建设';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>
          <VerdictPanel planId={3} type="task" id={21} />
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the plan office’s public verdict', () => {
  it('refuses 不再推进 without a public reason, then publishes it and shows it in the history', async () => {
    const given: PublicVerdictView = {
      current: {
        verdict: 'dropped',
        label: '不再推进',
        on: '2022-08-01',
        note: REASON,
        newPromise: null,
        evidenceIds: [],
      },
      history: [
        ...COMMITMENT.verdict.history,
        {
          verdict: 'dropped',
          label: '不再推进',
          on: '2022-08-01',
          note: REASON,
          newPromise: null,
          evidenceIds: [],
        },
      ],
    };
    // The server: the commitment as published, then with the verdict given.
    let current = COMMITMENT;
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method !== 'POST') return json(current);
      current = { ...COMMITMENT, verdict: given };
      return json(given);
    });
    const posts = () => fetch.mock.calls.filter(([, init]) => init?.method === 'POST');
    vi.stubGlobal('fetch', fetch);
    renderPanel();
    const panel = await screen.findByTestId('verdict-panel');
    expect(await within(panel).findByText('2022-07-10 滞后：征地滞后')).toBeTruthy();
    await act(async () => {
      fireEvent.mouseDown(within(panel).getByLabelText('评估结论'));
    });
    await act(async () => {
      fireEvent.click(await screen.findByTitle('不再推进'));
    });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: '发布评估结论' }));
    });
    expect(await within(panel).findByText('不再推进须写明公开原因')).toBeTruthy();
    expect(posts()).toEqual([]);

    fireEvent.change(within(panel).getByLabelText('公开说明'), { target: { value: REASON } });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: '发布评估结论' }));
    });
    expect(await within(panel).findByText(`2022-08-01 不再推进：${REASON}`)).toBeTruthy();
    const [url, init] = posts()[0]!;
    expect(url).toContain('/plans/3/items/task/21/verdict');
    expect(JSON.parse(init!.body as string)).toEqual({ verdict: 'dropped', note: REASON });
    expect(within(panel).getAllByText('不再推进').length).toBeGreaterThan(0);
  });

  it('asks for the new promise when the verdict is 调整', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'POST' ? json(COMMITMENT.verdict) : json(COMMITMENT),
    );
    vi.stubGlobal('fetch', fetch);
    renderPanel();
    const panel = await screen.findByTestId('verdict-panel');
    await within(panel).findByText('2022-07-10 滞后：征地滞后');
    await act(async () => {
      fireEvent.mouseDown(within(panel).getByLabelText('评估结论'));
    });
    await act(async () => {
      fireEvent.click(await screen.findByTitle('调整'));
    });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: '发布评估结论' }));
    });
    expect(await within(panel).findByText('请填写调整后的承诺')).toBeTruthy();
    fireEvent.change(within(panel).getByLabelText('调整后的承诺'), { target: { value: '2023年底前建成' } });
    fireEvent.change(within(panel).getByLabelText('调整后的完成时限'), { target: { value: '2023-12-31' } });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: '发布评估结论' }));
    });
    await vi.waitFor(() => expect(fetch.mock.calls.some(([, i]) => i?.method === 'POST')).toBe(true));
    const post = fetch.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(JSON.parse(post[1]!.body as string)).toEqual({
      verdict: 'adjusted',
      newPromise: { text: '2023年底前建成', deadline: '2023-12-31' },
    });
  });

  it('says a draft plan’s commitments get a verdict once it is public', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json({ error: { code: 'NOT_FOUND', message: 'plan 3 not found', details: [] } }, 404),
      ),
    );
    renderPanel();
    expect(await screen.findByText('计划公开后方可发布评估结论。')).toBeTruthy();
  });
});

describe('evidence made public with a verdict (issue 19.4)', () => {
  it('offers the item’s evidence files, public ones fixed, others unpublishable, and sends those ticked', async () => {
    const reports = {
      items: [
        {
          periodKey: '2022-06',
          status: 'approved',
          tasks: [
            {
              taskId: 21,
              progress: 60,
              state: 'in_progress',
              note: '',
              evidence: [
                { fileId: 8, name: '征收协议签订情况.pdf' },
                { fileId: 12, name: '旧版说明.doc' },
              ],
            },
          ],
          targets: [],
          evidence: [{ fileId: 9, name: '现场照片.jpg' }],
        },
        // A report not carrying task 21: its files are not this item's.
        {
          periodKey: '2022-06',
          status: 'approved',
          tasks: [],
          targets: [],
          evidence: [{ fileId: 10, name: '别的事项.pdf' }],
        },
      ],
      total: 2,
    };
    const closures = {
      items: [{ taskId: 21, evidence: [{ fileId: 11, name: '竣工验收报告.pdf' }] }],
      total: 1,
    };
    const page = {
      ...COMMITMENT,
      evidence: [
        { id: 9, name: '现场照片.jpg', contentType: 'image/jpeg', size: 1000, version: 'abcdef0123456789' },
      ],
    };
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') return json(COMMITMENT.verdict);
      if (url.includes('/reports')) return json(reports);
      if (url.includes('/closures')) return json(closures);
      return json(page);
    });
    vi.stubGlobal('fetch', fetch);
    renderPanel();
    const panel = await screen.findByTestId('verdict-panel');
    const agreed = await within(panel).findByLabelText('征收协议签订情况.pdf（2022年6月）');
    expect(within(panel).queryByText(/别的事项/)).toBeNull();
    const photo = within(panel).getByLabelText('现场照片.jpg（2022年6月） · 已公开') as HTMLInputElement;
    expect([photo.checked, photo.disabled]).toEqual([true, true]);
    // A .doc cannot be stripped of its author: it cannot be ticked, and says why.
    const doc = within(panel).getByLabelText(
      '旧版说明.doc（2022年6月）（此类文件无法去除作者等信息，不能公开；请转为PDF后上传）',
    ) as HTMLInputElement;
    expect([doc.checked, doc.disabled]).toEqual([false, true]);
    await act(async () => {
      fireEvent.click(agreed);
      fireEvent.click(within(panel).getByLabelText('竣工验收报告.pdf'));
    });
    await act(async () => {
      fireEvent.mouseDown(within(panel).getByLabelText('评估结论'));
    });
    await act(async () => {
      fireEvent.click(await screen.findByTitle('已完成'));
    });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: '发布评估结论' }));
    });
    await vi.waitFor(() => expect(fetch.mock.calls.some(([, i]) => i?.method === 'POST')).toBe(true));
    const post = fetch.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(JSON.parse(post[1]!.body as string)).toEqual({ verdict: 'done', evidenceIds: [8, 11] });
  });
});
