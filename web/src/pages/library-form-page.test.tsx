import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { ErrorDetail, Me } from '../api/types';
import { SessionProvider } from '../hooks/use-session';
import { keys } from '../hooks/use-plan-data';
import { BOARD, DETAIL, UNITS } from '../test-fixtures/library';
import LibraryProjectFormPage from './library-project-form-page';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

type Answer = { status: number; body: unknown };
let writes: { method: string; path: string; body: unknown }[];
let answers: Answer[];
let detail: unknown;
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const path = url.pathname;
  if (method !== 'GET') {
    writes.push({ method, path, body: JSON.parse(String(init?.body)) });
    const next = answers.shift() ?? { status: 500, body: {} };
    return Promise.resolve(reply(next.status, next.body));
  }
  if (path === '/api/v1/units') return Promise.resolve(reply(200, { ...UNITS, limit: 100, offset: 0 }));
  if (path === '/api/v1/library/board') return Promise.resolve(reply(200, BOARD));
  if (path === '/api/v1/library/projects/7') return Promise.resolve(reply(200, detail));
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
}

const badInput = (details: ErrorDetail[]) => ({
  status: 400,
  body: { error: { code: 'BAD_INPUT', message: 'invalid', details } },
});

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const me: Me = {
    user: {
      id: 1,
      username: 'duchashi',
      displayName: '督查室',
      role: 'supervisor',
      unitIds: [],
      disabled: false,
      jurisdictionId: 1,
      seesDescendants: false,
    },
    csrfToken: 'csrf',
  };
  client.setQueryData(keys.me, me);
  render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <App>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path="/library/new" element={<LibraryProjectFormPage />} />
              <Route path="/library/projects/:projectId/edit" element={<LibraryProjectFormPage />} />
              <Route path="/library/projects/:projectId" element={<p>项目详情页</p>} />
            </Routes>
          </MemoryRouter>
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

/** The form item (label, control, messages) of the field labelled `label`. */
const fieldOf = (label: string) =>
  screen.getByText(label, { selector: 'label' }).closest<HTMLElement>('.ant-form-item')!;

async function choose(label: string, option: string) {
  fireEvent.mouseDown(within(fieldOf(label)).getByRole('combobox'));
  fireEvent.click(await screen.findByTitle(option));
}

/** antd puts a space between two Chinese characters on a button: 保存 reads "保 存". */
const button = (text: string) =>
  screen.getByRole('button', { name: new RegExp(`^${[...text].join('\\s?')}$`) });

beforeEach(() => {
  writes = [];
  answers = [];
  detail = DETAIL;
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
});
afterEach(() => fetchSpy.mockRestore());

describe('the project form', () => {
  it('sends a new project with its first stage, and shows each server problem at its field in office words', async () => {
    renderAt('/library/new');
    fireEvent.change(await screen.findByLabelText('项目名称', {}, { timeout: 4000 }), {
      target: { value: '示例智能制造产业园' },
    });
    await choose('所属库', '产业项目库');
    await choose('当前阶段', '签约');
    fireEvent.change(screen.getByLabelText('总投资（万元）'), { target: { value: '52000' } });
    answers.push(
      badInput([
        {
          path: 'history.0.date',
          message: '第1条阶段记录的日期2030-01-01晚于今天（2026-12-07）',
          code: 'dateAfterToday',
          values: { value: '2030-01-01', date: '2026-12-07' },
        },
        {
          path: 'body.totalInvestment',
          message: '数值不能大于1000000000',
          code: 'tooBig',
          values: { max: 1000000000 },
        },
        {
          path: 'milestones.0.planned',
          message: '第1个计划节点的计划日期“x”不是有效日期：请按“2022-03-01”的格式填写',
          code: 'date',
          values: { where: '第1个计划节点的计划日期', value: 'x' },
        },
      ]),
    );
    fireEvent.click(button('保存'));
    await waitFor(() => expect(writes).toHaveLength(1), { timeout: 5000 });
    const sent = writes[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/api/v1/library/projects');
    expect(sent.body).toMatchObject({
      name: '示例智能制造产业园',
      library: 'industry',
      class: 'B',
      stage: '签约',
      totalInvestment: 52000,
      aliases: [],
      annualPlans: [],
      leadUnitId: null,
    });
    expect((sent.body as { stageDate: string }).stageDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await within(fieldOf('进入该阶段日期')).findByText('日期不能晚于今天（2026-12-07）')).toBeTruthy();
    expect(within(fieldOf('总投资（万元）')).getByText('数值不能超过1000000000')).toBeTruthy();
    // A problem no field of the form shows is listed above it, in words, never by its path.
    const alert = screen.getByText('以下问题未能对应到具体栏目：').closest('[role="alert"]')!;
    expect(alert.textContent).toContain('请填写正确的日期');
    expect(document.body.textContent).not.toMatch(/history|milestones|totalInvestment|after today/);
    expect(screen.getByLabelText<HTMLInputElement>('项目名称').value).toBe('示例智能制造产业园');
  });

  it('on a 409 shows both versions, keeps what was typed, and saves it on the new version', async () => {
    renderAt('/library/projects/7/edit');
    const name = await screen.findByLabelText<HTMLInputElement>('项目名称', {}, { timeout: 4000 });
    expect(name.value).toBe('示例生物医药基地');
    expect(screen.getByTestId('stage-fixed').textContent).toBe(
      '当前阶段：建成投用（2023-05-20起）。阶段变更请在项目详情中办理。',
    );
    fireEvent.change(name, { target: { value: '示例生物医药基地（一期）' } });
    // Meanwhile someone else renamed it and named its 包联领导.
    detail = {
      ...DETAIL,
      project: { ...DETAIL.project, version: 4, name: '示例生物医药产业基地', leader: '示例领导' },
    };
    answers.push({
      status: 409,
      body: {
        error: {
          code: 'CONFLICT',
          message: 'stale',
          details: [{ path: 'version', code: 'stale', message: '您编辑期间已有他人修改并保存了此内容' }],
        },
      },
    });
    fireEvent.click(button('保存'));
    const table = await screen.findByTestId('conflict-table', {}, { timeout: 4000 });
    expect(writes[0]).toEqual({
      method: 'PATCH',
      path: '/api/v1/library/projects/7',
      body: { version: 3, name: '示例生物医药基地（一期）' },
    });
    const row = within(table).getByText('项目名称').closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['项目名称', '示例生物医药基地（一期）', '示例生物医药产业基地']);
    const theirsOnly = within(table).getByText('包联领导').closest('tr')!;
    expect(
      within(theirsOnly)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['包联领导', '（您未改动，已采用他人内容）', '示例领导']);
    expect(screen.getByText('保存前，他人已修改了此项目')).toBeTruthy();
    expect(name.value).toBe('示例生物医药基地（一期）');
    // What the user left alone takes the other's change.
    expect(screen.getByLabelText<HTMLInputElement>('包联领导').value).toBe('示例领导');
    answers.push({ status: 200, body: { ...DETAIL.project, version: 5, name: '示例生物医药基地（一期）' } });
    fireEvent.click(button('以我填写的为准，再次保存'));
    await waitFor(() => expect(writes).toHaveLength(2), { timeout: 5000 });
    expect(writes[1]!.body).toEqual({ version: 4, name: '示例生物医药基地（一期）' });
    expect(await screen.findByText('项目详情页', {}, { timeout: 8000 })).toBeTruthy();
  });

  it('gives up one’s own changes for the saved version when asked', async () => {
    renderAt('/library/projects/7/edit');
    const name = await screen.findByLabelText<HTMLInputElement>('项目名称', {}, { timeout: 4000 });
    fireEvent.change(name, { target: { value: '我的改名' } });
    detail = { ...DETAIL, project: { ...DETAIL.project, version: 4, name: '他人的改名' } };
    answers.push({ status: 409, body: { error: { code: 'CONFLICT', message: 'stale', details: [] } } });
    fireEvent.click(button('保存'));
    fireEvent.click(
      await screen.findByRole('button', { name: '放弃我的修改，改用已保存的内容' }, { timeout: 4000 }),
    );
    await waitFor(() => expect(name.value).toBe('他人的改名'));
    expect(screen.queryByTestId('conflict-table')).toBeNull();
    expect(writes).toHaveLength(1);
  });
});
