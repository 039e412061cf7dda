import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { Me, Role } from '../api/types';
import type { JurisdictionPreview } from '../api/jurisdictions';
import { keys } from '../hooks/use-plan-data';
import { SessionProvider } from '../hooks/use-session';
import JurisdictionNewPage from './jurisdiction-new-page';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const PREVIEW: JurisdictionPreview = {
  name: '上海市黄浦区',
  level: '区县',
  code: '310101',
  parentName: '上海市',
  areas: [{ name: '外滩街道', kind: 'street', communities: 3, boundary: false }],
  units: [{ name: '外滩街道办事处', kind: 'street', aliases: [], area: '外滩街道' }],
  catalogue: [
    {
      category: '噪声',
      owner: { by: 'territory' },
      designated: false,
      finish: { amount: 5, calendar: 'working_days' },
    },
  ],
  unitsCreated: 1,
  unitsKept: 0,
  unitsJoined: [],
  catalogueAdded: true,
  filledDefault: false,
};

const PROBLEMS = {
  error: {
    code: 'BAD_INPUT',
    message: '辖区「上海市黄浦区」的设置文件有 2 处问题，未建立',
    details: [
      {
        path: '单位和区域.xlsx#单位!C3',
        message: '类型「街道委员会」应为 部门、街道办事处、镇政府、乡政府、企业 或 其他',
      },
      { path: 'form.code', message: '行政区划代码应为六位数字（街乡九位）' },
    ],
  },
};

interface Sent {
  path: string;
  form: FormData | undefined;
}

/** The server: the jurisdictions the admin sees, the check answering `check`, the creation. */
function stubServer(check: () => Response) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input), 'http://localhost').pathname;
      sent.push({ path, form: init?.body instanceof FormData ? init.body : undefined });
      if (path === '/api/v1/jurisdictions' && (init?.method ?? 'GET') === 'GET')
        return reply(200, {
          items: [{ id: 2, name: '上海市', level: '省', code: '310000', parentId: null }],
          total: 1,
        });
      if (path === '/api/v1/jurisdictions/check') return check();
      if (path === '/api/v1/jurisdictions') return reply(201, { ...PREVIEW, id: 5 });
      return reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } });
    }),
  );
  return sent;
}

function renderPage(role: Role) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session: Me = {
    user: {
      id: 1,
      username: role,
      displayName: role,
      role,
      unitIds: [],
      disabled: false,
      jurisdictionId: 2,
      seesDescendants: true,
    },
    csrfToken: 'csrf',
  };
  client.setQueryData(keys.me, session);
  render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <App>
          <MemoryRouter>
            <JurisdictionNewPage />
          </MemoryRouter>
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

async function fillIn() {
  await act(async () => {
    fireEvent.change(await screen.findByLabelText('辖区名称'), { target: { value: '上海市黄浦区' } });
    fireEvent.change(screen.getByLabelText('行政区划代码'), { target: { value: '310101' } });
  });
  const input = document.querySelector<HTMLInputElement>('input[type=file][accept=".xlsx,.csv"]')!;
  const workbook = new File([new Uint8Array([0x50, 0x4b, 3, 4])], '单位和区域.xlsx');
  await act(async () => {
    fireEvent.change(input, { target: { files: [workbook] } });
  });
  await screen.findByTestId('file-units');
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('新建辖区', () => {
  it('shows every problem at its file, sheet, row and column, or form field, and does not offer to create', async () => {
    const sent = stubServer(() => reply(400, PROBLEMS));
    renderPage('admin');
    await fillIn();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /检\s*查/ }));
    });
    const table = await screen.findByTestId('setup-problems');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent))).toEqual([
      ['单位和区域.xlsx', '单位', '3', 'C', PROBLEMS.error.details[0]!.message],
      ['表单', '行政区划代码', '', '', PROBLEMS.error.details[1]!.message],
    ]);
    expect(screen.getByText('共 2 处问题，未建立。请修改文件后重新上传检查')).toBeTruthy();
    expect(screen.getByRole('button', { name: '建立辖区' }).hasAttribute('disabled')).toBe(true);
    const form = sent.find((s) => s.path === '/api/v1/jurisdictions/check')!.form!;
    expect(form.get('name')).toBe('上海市黄浦区');
    expect(form.get('code')).toBe('310101');
    expect((form.get('units') as File).name).toBe('单位和区域.xlsx');
  });

  it('previews what will be created, then creates it', async () => {
    const sent = stubServer(() => reply(200, PREVIEW));
    renderPage('admin');
    await fillIn();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /检\s*查/ }));
    });
    await screen.findByText('检查通过：将建立「上海市黄浦区」（区县，代码 310101）');
    expect(screen.getByText('街道、镇 1 个；单位新建 1 个、沿用 0 个；派单目录 1 类')).toBeTruthy();
    expect(screen.getByText('外滩街道')).toBeTruthy();
    const create = screen.getByRole('button', { name: '建立辖区' });
    expect(create.hasAttribute('disabled')).toBe(false);
    await act(async () => {
      fireEvent.click(create);
    });
    await screen.findByText('已建立「上海市黄浦区」。该辖区的用户可在“管理”中添加。');
    await waitFor(() => expect(sent.some((s) => s.path === '/api/v1/jurisdictions' && s.form)).toBe(true));
  });

  it('asks for a new check once a field changes after the preview', async () => {
    stubServer(() => reply(200, PREVIEW));
    renderPage('admin');
    await fillIn();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /检\s*查/ }));
    });
    await screen.findByText(/检查通过/);
    await act(async () => {
      fireEvent.change(screen.getByLabelText('行政区划代码'), { target: { value: '310106' } });
    });
    expect(screen.queryByText(/检查通过/)).toBeNull();
    expect(screen.getByRole('button', { name: '建立辖区' }).hasAttribute('disabled')).toBe(true);
  });

  it('is the administrator’s only', async () => {
    stubServer(() => reply(200, PREVIEW));
    renderPage('supervisor');
    await screen.findByText('您没有执行此操作的权限。');
    expect(screen.queryByLabelText('辖区名称')).toBeNull();
  });
});
