import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Role } from '../api/types';
import type { TargetLinkSuggestion, UpperLinks } from '../api/cascade';
import { renderSignedIn } from '../test-fixtures/session';
import PlanLinksPage from './plan-links-page';

const reply = (status: number, body: unknown) =>
  new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const UPPER: UpperLinks = {
  plans: [
    { id: 1, title: '2026年上海市政府工作报告', year: 2026, jurisdictionId: 2, jurisdictionName: '上海市' },
  ],
  links: [
    {
      linkId: 7,
      origin: 'handed_down',
      childTargetId: 31,
      child: { metric: '城镇新增就业', value: 25000, unit: '人' },
      parentPlanId: 1,
      parentPlanTitle: '2026年上海市政府工作报告',
      parentTargetId: 9,
      parent: { metric: '城镇新增就业', value: 60, unit: '万人' },
    },
  ],
};

const SUGGESTED: TargetLinkSuggestion[] = [
  {
    parentTargetId: 4,
    childTargetId: 32,
    score: 1,
    reason: '指标相同，单位相同',
    child: { metric: '地区生产总值增长', value: 5, unit: '%' },
    parent: { metric: '地区生产总值增长', value: 5, unit: '%' },
  },
];

function stubServer() {
  const sent: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init?.method ?? 'GET';
      sent.push({
        method,
        path: url.pathname,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      });
      if (url.pathname === '/api/v1/plans/3/upper-links') return reply(200, UPPER);
      if (url.pathname === '/api/v1/plans/3/link-suggestions')
        return reply(200, { items: url.searchParams.get('parentPlanId') === '1' ? SUGGESTED : [], total: 1 });
      if (url.pathname === '/api/v1/plans/3/targets/32/link' && method === 'POST')
        return reply(201, { id: 8, kind: 'target', origin: 'linked' });
      if (url.pathname === '/api/v1/plans/3/targets/31/link' && method === 'DELETE')
        return new Response(null, { status: 204 });
      return reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } });
    }),
  );
  return sent;
}

function renderPage(role: Role) {
  renderSignedIn(
    role,
    <MemoryRouter initialEntries={['/plans/3/links']}>
      <Routes>
        <Route path="/plans/:planId/links" element={<PlanLinksPage />} />
      </Routes>
    </MemoryRouter>,
    { jurisdictionId: 3, seesDescendants: false },
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('关联上级目标', () => {
  it('shows the links and the suggestions in words, links one and unlinks another', async () => {
    const sent = stubServer();
    renderPage('supervisor');
    const linked = await screen.findByTestId('upper-links');
    await within(linked).findByText('城镇新增就业 25,000人');
    expect(within(linked).getByText('城镇新增就业 60万人（2026年上海市政府工作报告）')).toBeTruthy();
    expect(within(linked).getByText('上级下达')).toBeTruthy();
    const suggestions = screen.getByTestId('link-suggestions');
    await within(suggestions).findByText('指标相同，单位相同');

    await act(async () => {
      fireEvent.click(within(suggestions).getByRole('button', { name: /关联 地区生产总值增长/ }));
    });
    await waitFor(() =>
      expect(sent.find((s) => s.method === 'POST')).toEqual({
        method: 'POST',
        path: '/api/v1/plans/3/targets/32/link',
        body: { parentPlanId: 1, parentTargetId: 4 },
      }),
    );
    await act(async () => {
      fireEvent.click(within(linked).getByRole('button', { name: /取消关联 城镇新增就业/ }));
    });
    await waitFor(() =>
      expect(sent.some((s) => s.method === 'DELETE' && s.path === '/api/v1/plans/3/targets/31/link')).toBe(
        true,
      ),
    );
    // After each change the page reads the links again.
    expect(sent.filter((s) => s.path === '/api/v1/plans/3/upper-links').length).toBeGreaterThan(1);
  });

  it('lets a leader read the links but not change them', async () => {
    stubServer();
    renderPage('leader');
    await screen.findByText('城镇新增就业 25,000人');
    await screen.findByText('指标相同，单位相同');
    expect(screen.queryByRole('button', { name: /关联/ })).toBeNull();
  });
});
