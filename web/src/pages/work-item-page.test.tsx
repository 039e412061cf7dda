import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Role } from '../api/types';
import type { WorkItem } from '../api/work';
import { renderSignedIn } from '../test-fixtures/session';
import WorkItemPage from './work-item-page';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const ANSWERED: WorkItem = {
  id: 31,
  planId: 9,
  source: 'instruction',
  state: 'answered',
  leadUnitId: 10,
  coUnitIds: [],
  dueOn: '2026-06-30',
  requirement: '请于6月30日前报送落实情况',
  answer: '已完成节前安全检查。',
  answeredBy: 5,
  answeredAt: '2026-06-28T02:00:00.000Z',
  closedBy: null,
  closedAt: null,
  closingNote: null,
  taskId: 77,
  registeredBy: 1,
  registeredAt: '2026-06-15T02:00:00.000Z',
  version: 3,
  docNumber: '区委办呈〔2026〕9号',
  title: '关于节前安全生产的报告',
  leader: '张明区长',
  instructedOn: '2026-06-12',
  class: 'document',
  text: '请抓好落实。',
  scanFileId: null,
  confirmedBy: null,
};

let fetchSpy: MockInstance<typeof fetch>;
let posted: unknown[];
/** The item as the server holds it: closed once the close was posted. */
let current: WorkItem;

beforeEach(() => {
  posted = [];
  current = ANSWERED;
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/v1/units')
      return Promise.resolve(
        reply(200, { items: [{ id: 10, name: '区发展改革委', kind: 'department', version: 1 }], total: 1 }),
      );
    if (url.pathname === '/api/v1/work/items/31') return Promise.resolve(reply(200, current));
    if (url.pathname === '/api/v1/work/instructions/31/actions' && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { note: string | null };
      posted.push(body);
      current = {
        ...ANSWERED,
        state: 'closed',
        closedAt: '2026-07-01T02:00:00.000Z',
        closingNote: body.note,
        version: 4,
      };
      return Promise.resolve(reply(200, current));
    }
    return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
  });
});
afterEach(() => fetchSpy.mockRestore());

function renderItem(role: Role) {
  renderSignedIn(
    role,
    <MemoryRouter initialEntries={['/work/instruction/31']}>
      <Routes>
        <Route path="/work/:source/:itemId" element={<WorkItemPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('a 批示件 answered by its unit, on its own page', () => {
  it('is closed by the leader with a note, and then reads as closed with that note', async () => {
    renderItem('leader');
    await screen.findByText('已完成节前安全检查。', {}, { timeout: 5000 });
    expect(screen.queryByLabelText('领导办公室确认人')).toBeNull();
    fireEvent.change(screen.getByLabelText('办结意见'), { target: { value: '同意办结' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /办\s*结/ }));
    });
    await screen.findByText('已办结', {}, { timeout: 5000 });
    expect(posted).toEqual([{ type: 'close', note: '同意办结', version: 3 }]);
    expect(screen.getByText('同意办结')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /办\s*结/ })).toBeNull();
  });

  it('closed by the supervision office only with who in the leader’s office confirmed it', async () => {
    renderItem('supervisor');
    await screen.findByText('已完成节前安全检查。', {}, { timeout: 5000 });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /办\s*结/ }));
    });
    await screen.findByText('请填写领导办公室确认人');
    expect(posted).toEqual([]);
    fireEvent.change(screen.getByLabelText('领导办公室确认人'), { target: { value: '区长办公室李秘书' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /办\s*结/ }));
    });
    await screen.findByText('已办结', {}, { timeout: 5000 });
    expect(posted).toEqual([{ type: 'close', note: null, confirmedBy: '区长办公室李秘书', version: 3 }]);
  });

  it('offers no closing to the unit that answered it', async () => {
    renderItem('reporter');
    await screen.findByText('已完成节前安全检查。', {}, { timeout: 5000 });
    expect(screen.queryByRole('button', { name: /办\s*结/ })).toBeNull();
  });
});
