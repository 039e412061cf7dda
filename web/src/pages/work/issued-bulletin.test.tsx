import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { screen, within } from '@testing-library/react';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import type { Bulletin, IssuedBulletin } from '../../api/work';
import { renderSignedIn } from '../../test-fixtures/session';
import BulletinsPage from '../bulletins-page';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const none = { doneLate: 0, noticesUnanswered: 0 };
const BULLETIN: Bulletin = {
  office: '区人民政府督查室',
  header: '督查通报',
  number: '督通〔2026〕12号',
  month: '2026-12',
  issuedOn: '2026-12-31',
  title: '关于2026年12月份重点工作落实情况的通报',
  addressees: '各镇人民政府、街道办事处，区政府各委、办、局',
  totals: {
    due: 1,
    doneOnTime: 1,
    overdue: 0,
    onTimeRate: 1,
    noticesReceived: 0,
    noticesAnswered: 0,
    ...none,
  },
  bySource: [],
  rows: [
    {
      unitId: 3,
      unitName: '区发展和改革委员会',
      due: 1,
      doneOnTime: 1,
      overdue: 0,
      onTimeRate: 1,
      noticesReceived: 0,
      noticesAnswered: 0,
      requests: null,
      refs: { due: [], doneOnTime: [], doneLate: [], overdue: [], notices: [] },
      ...none,
    },
  ],
  red: [],
  black: [],
  overdueItems: [],
  comments: [{ leader: '张明区长', text: '按期办结的经验要总结推广。' }],
  requirements: [],
  summary: '12月份全区到期重点工作1项，按期完成1项。',
} as unknown as Bulletin;
const ISSUED: IssuedBulletin = {
  id: 7,
  month: '2026-12',
  revision: 1,
  number: BULLETIN.number,
  title: BULLETIN.title,
  issuedBy: 2,
  issuedAt: '2026-12-31T02:00:00.000Z',
  unitIds: [3],
  bulletin: BULLETIN,
};

let fetchSpy: MockInstance<typeof fetch>;
beforeEach(() => {
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/v1/bulletins/7') return Promise.resolve(reply(200, ISSUED));
    if (url.pathname === '/api/v1/bulletins') return Promise.resolve(reply(200, [ISSUED]));
    return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
  });
});
afterEach(() => fetchSpy.mockRestore());

describe('the link of a 通报 notice', () => {
  it('opens that bulletin for the unit it names: as issued, with its downloads', async () => {
    renderSignedIn(
      'reporter',
      <MemoryRouter initialEntries={['/bulletins/7']}>
        <Routes>
          <Route path="/bulletins/:bulletinId" element={<BulletinsPage />} />
        </Routes>
      </MemoryRouter>,
      { unitIds: [3] },
    );
    const card = await screen.findByTestId('issued-bulletin', {}, { timeout: 5000 });
    expect(within(card).getByText('督通〔2026〕12号 关于2026年12月份重点工作落实情况的通报')).toBeTruthy();
    expect(within(card).getByText('按期办结的经验要总结推广。', { exact: false })).toBeTruthy();
    expect(within(card).getByText('区发展和改革委员会')).toBeTruthy();
    expect(within(card).getByText('下载 Word').getAttribute('href')).toBe('/api/v1/bulletins/7/file.docx');
  });
});

describe('the month a 通报 is drafted for', () => {
  it("opens on the working plan's as-of month: a past plan's December, not today's month", async () => {
    const plans = [{ id: 1, year: 2022, title: '2022年政府工作报告' }];
    renderSignedIn(
      'supervisor',
      <MemoryRouter initialEntries={['/bulletins']}>
        <Routes>
          <Route element={<Outlet context={{ plans }} />}>
            <Route path="/bulletins" element={<BulletinsPage />} />
          </Route>
        </Routes>
      </MemoryRouter>,
    );
    const asked = () =>
      fetchSpy.mock.calls.map(([input]) => new URL(String(input), 'http://localhost').pathname);
    await vi.waitFor(
      () =>
        expect(asked()).toEqual(
          expect.arrayContaining([
            '/api/v1/bulletins/drafts/2022-12',
            '/api/v1/bulletins/drafts/2022-12/preview',
          ]),
        ),
      { timeout: 5000 },
    );
    expect(asked().some((path) => /drafts\/20(2[3-9]|[3-9]\d)-/.test(path))).toBe(false);
  });
});
