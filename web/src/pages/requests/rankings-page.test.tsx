import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { DistrictRankingsAnswer, Ranking, RankingRule } from '../../api/requests';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { renderSignedIn } from '../../test-fixtures/session';
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

/** A city's two districts: one ranked, one with no counted order this month. */
const DISTRICTS: DistrictRankingsAnswer = {
  month: '2026-03',
  rule: {
    source: 'parent',
    schemeVersion: 1,
    note: '响应率10%、解决率60%、满意率30%；基本满意按0.8计',
    weights: { response: 0.1, resolution: 0.6, satisfaction: 0.3 },
    excludedSources: ['grid'],
  },
  items: [
    {
      jurisdictionId: 3,
      name: '上海市黄浦区',
      rank: 1,
      volume: 1234,
      response: 1,
      resolution: 0.666667,
      satisfaction: 0.6,
      overall: 68,
      explanation: '2026-03 按评分方案第1版：计入 1234 件',
    },
    {
      jurisdictionId: 4,
      name: '上海市静安区',
      rank: null,
      volume: 0,
      response: null,
      resolution: null,
      satisfaction: null,
      overall: null,
      explanation: '本月没有计入三率的工单',
    },
  ],
};

let asked: URLSearchParams[];
let askedDistricts: number;
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  if (url.pathname === '/api/v1/requests/rankings') {
    asked.push(url.searchParams);
    return Promise.resolve(reply(rankingsAnswer(url.searchParams)));
  }
  if (url.pathname === '/api/v1/requests/district-rankings') {
    askedDistricts += 1;
    return Promise.resolve(reply(DISTRICTS));
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

/** The page for a supervisor; `seesDescendants` a city's, otherwise a district's. */
function renderPage(seesDescendants = false) {
  renderSignedIn('supervisor', <RankingsPage />, { seesDescendants });
}

describe('RankingsPage', () => {
  beforeEach(() => {
    asked = [];
    askedDistricts = 0;
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
  });
  afterEach(() => {
    fetchSpy.mockRestore();
  });

  it("asks for the working plan's as-of month: a past plan's December, not today's month", async () => {
    const plans = [{ id: 1, year: 2022, title: '2022年政府工作报告' }];
    renderSignedIn(
      'supervisor',
      <MemoryRouter>
        <Routes>
          <Route element={<Outlet context={{ plans }} />}>
            <Route path="/" element={<RankingsPage />} />
          </Route>
        </Routes>
      </MemoryRouter>,
    );
    await waitFor(() => expect(asked[0]?.get('month')).toBe('2022-12'), { timeout: 4000 });
    expect(asked.every((query) => query.get('month') === '2022-12')).toBe(true);
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

  it('shows the districts ranked for a city’s account, with their rates and score', async () => {
    renderPage(true);
    const card = await screen.findByTestId('district-rankings', {}, { timeout: 4000 });
    expect(card.textContent).toContain('各区排名');
    expect(card.textContent).toContain('各区统一按本级评分方案第 1 版计分');
    const rows = card.querySelectorAll('tbody tr.ant-table-row');
    expect([...rows].map((r) => [...r.querySelectorAll('td')].slice(1).map((c) => c.textContent))).toEqual([
      ['1', '上海市黄浦区', '1,234', '100%', '66.7%', '60%', '68'],
      ['—', '上海市静安区', '0', '—', '—', '—', '—'],
    ]);
  }, 30_000);

  it('does not ask for the districts for a district’s account', async () => {
    renderPage(false);
    await screen.findByTestId('ranking-rule', {}, { timeout: 4000 });
    expect(askedDistricts).toBe(0);
    expect(screen.queryByTestId('district-rankings')).toBeNull();
  }, 30_000);
});
