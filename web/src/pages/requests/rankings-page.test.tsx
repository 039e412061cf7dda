import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import type { Ranking, RankingRule } from '../../api/requests';
import RankingsPage from './rankings-page';

const reply = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** Scheme v2 in force: ranked from 5 counted orders; a query `minVolume` is a what-if. */
function rankingsAnswer(query: URLSearchParams) {
  const asked = query.get('minVolume');
  const minVolume = asked === null ? 5 : Number(asked);
  const rule: RankingRule = { schemeVersion: 2, schemeMinVolume: 5, minVolume, overridden: minVolume !== 5 };
  const rankings: Ranking[] = [
    {
      month: query.get('month') ?? '',
      className: '街道',
      entries: [
        {
          unitId: 104,
          name: '龙泽园街道办事处',
          rank: null,
          score: 99,
          volume: 3,
          status: 'below_minimum',
          explanation: '计入工单 3 件，少于评分方案第2版规定的排名最低件数 5 件',
        },
      ],
    },
  ];
  return { month: query.get('month'), rule, rankings };
}

let asked: URLSearchParams[];
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  if (url.pathname === '/api/v1/requests/rankings') {
    asked.push(url.searchParams);
    return Promise.resolve(reply(rankingsAnswer(url.searchParams)));
  }
  if (url.pathname === '/api/v1/requests/desk-figures')
    return Promise.resolve(
      reply({
        items: [
          {
            unitId: 104,
            month: url.searchParams.get('month'),
            directAnswer: { numerator: 0, denominator: 0, value: null },
            knowledgeUpkeep: { numerator: 9, denominator: 10, value: 0.9 },
            answerQuality: { numerator: 3, denominator: 4, value: 0.75 },
          },
        ],
        options: { directAnswer: 0, knowledgeUpkeep: 0.1, answerQuality: 0 },
      }),
    );
  if (url.pathname === '/api/v1/requests/scores')
    return Promise.resolve(reply({ items: [], total: 0, limit: 100, offset: 0 }));
  return Promise.resolve(
    new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }), {
      status: 404,
      headers: { 'content-type': 'application/json' },
    }),
  );
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <RankingsPage />
      </App>
    </QueryClientProvider>,
  );
}

describe('RankingsPage', () => {
  beforeEach(() => {
    asked = [];
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
  });
  afterEach(() => {
    fetchSpy.mockRestore();
  });

  it('says which scheme version and minimum applied, and marks a typed minimum as a what-if', async () => {
    renderPage();
    const rule = await screen.findByTestId('ranking-rule', {}, { timeout: 4000 });
    expect(rule.textContent).toBe('按评分方案第 2 版：当月计入 5 件及以上的单位参与排名。');
    // The first request leaves the minimum to the scheme in force that month.
    expect(asked[0]?.has('minVolume')).toBe(false);

    await act(async () => {
      fireEvent.change(screen.getByLabelText('最低件数（试算）'), { target: { value: '3' } });
    });
    await waitFor(() =>
      expect(screen.getByTestId('ranking-rule').textContent).toBe(
        '试算：按最低 3 件排名（评分方案第 2 版规定 5 件），不是正式排名。',
      ),
    );
    expect(asked.at(-1)?.get('minVolume')).toBe('3');

    await act(async () => {
      fireEvent.click(screen.getByText('恢复方案规定'));
    });
    await waitFor(() =>
      expect(screen.getByTestId('ranking-rule').textContent).toBe(
        '按评分方案第 2 版：当月计入 5 件及以上的单位参与排名。',
      ),
    );
  }, 30_000);

  it('shows the desk figures per unit, saying which the scheme scores and by what share', async () => {
    renderPage();
    const table = await screen.findByTestId('desk-figures', {}, { timeout: 4000 });
    await waitFor(() => expect(table.textContent).toContain('90%'));
    expect(table.textContent).toContain('知识库维护率计入综合得分，权重 10%');
    expect(table.textContent).toContain('直接答复率仅展示，不计分');
    expect(table.textContent).toContain('75% (3/4)');
  }, 30_000);
});
