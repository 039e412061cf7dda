import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import IntakePage from './intake-page';
import { axeViolations } from '../../test-fixtures/axe';
import { TEST_CATALOGUE_ROWS } from '../../test-fixtures/requests';

/** The server as the page sees it: catalogue, areas, suggestions, uploads and the intake. */
const CATALOGUE = {
  versions: [{ version: 1, effectiveFrom: '2020-01-01T00:00:00.000Z', note: '', rows: TEST_CATALOGUE_ROWS }],
};
const AREAS = [
  { name: '东湖街道', kind: 'street', communities: ['青松社区'] },
  { name: '南岭镇', kind: 'town', communities: ['南岭村'] },
];
/** The knowledge base's entry for renovation noise (issue 20). */
const NOISE_HIT = {
  entryId: 7,
  version: 2,
  question: '装修噪声可以在什么时间施工？',
  answer: '居民住宅装修应在每日8时至12时、14时至18时进行，夜间和节假日不得进行产生噪声的施工。',
  category: '噪声',
  area: null,
  ownerUnitId: 206,
  reviewBy: '2027-06-30',
  score: 3.2,
  matched: 3,
  of: 4,
  categoryMatch: true,
  areaMatch: false,
  highlights: [[0, 4]],
};
const DISGUISED = '附件内容与声明类型不符（声明 image/png，实为 未知）';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let calls: Call[];
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const body =
    init?.body instanceof FormData
      ? (init.body.get('file') as File)
      : typeof init?.body === 'string'
        ? (JSON.parse(init.body) as unknown)
        : undefined;
  calls.push({ method, path: url.pathname, body });
  const route = `${method} ${url.pathname}`;
  if (route === 'GET /api/v1/requests/catalogue') return Promise.resolve(reply(200, CATALOGUE));
  if (route === 'GET /api/v1/requests/areas')
    return Promise.resolve(reply(200, { jurisdiction: '示范区', items: AREAS, total: AREAS.length }));
  if (route === 'POST /api/v1/requests/suggest') {
    const { area } = body as { text: string; area?: string };
    return Promise.resolve(
      reply(200, {
        items: [
          {
            category: '噪声',
            score: 0.8,
            reasons: ['与历史工单相近'],
            dispatch: area
              ? { leadUnitId: 206, unitName: '区生态环境局', designated: false, reason: '' }
              : null,
          },
        ],
      }),
    );
  }
  if (route === 'POST /api/v1/requests/media') {
    const file = body as File;
    if (file.name === 'fake.png') {
      return Promise.resolve(
        reply(400, {
          error: {
            code: 'BAD_INPUT',
            message: DISGUISED,
            details: [{ path: 'media', message: 'disguised file' }],
          },
        }),
      );
    }
    return Promise.resolve(
      reply(201, { ref: `ref-${file.name}`, contentType: file.type, bytes: file.size, name: file.name }),
    );
  }
  if (route === 'POST /api/v1/requests')
    return Promise.resolve(
      reply(201, { id: 42, status: 'received', receivedAt: '2026-03-02T01:30:00.000Z' }),
    );
  if (route === 'GET /api/v1/requests/knowledge/search')
    return Promise.resolve(
      reply(200, { items: url.searchParams.get('text')?.includes('装修') ? [NOISE_HIT] : [] }),
    );
  if (route === 'POST /api/v1/requests/answer')
    return Promise.resolve(reply(201, { id: 43, status: 'closed', receivedAt: '2026-03-02T17:30:00.000Z' }));
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: route, details: [] } }));
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>
          <IntakePage />
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

async function openSelect(label: string) {
  await act(async () => {
    fireEvent.mouseDown(screen.getByLabelText(label));
  });
}

async function choose(label: string, option: string) {
  await openSelect(label);
  const options = await screen.findAllByTitle(option);
  await act(async () => {
    fireEvent.click(options.at(-1)!);
  });
}

async function attach(file: File) {
  const input = document.querySelector('input[type=file]') as HTMLInputElement;
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } });
  });
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /登记工单/ }));
  });
}

/** jsdom renders antd slowly: the suggestion arrives after the debounce and a render or two. */
const SLOW = { timeout: 4000 };

/** The suggestion chip whose text matches (its text is split in several nodes). */
const chipText = (name: RegExp) => (_: string, element: Element | null) =>
  element?.tagName === 'BUTTON' && name.test(element.textContent ?? '');

async function findChip(name: RegExp): Promise<HTMLElement> {
  return screen.findByText(chipText(name), {}, SLOW);
}

const posted = (path: string) => calls.filter((c) => c.method === 'POST' && c.path === `/api/v1${path}`);

/** Text, a suggested category, a street of the server's list and an address. */
async function fillRequest() {
  fireEvent.change(screen.getByLabelText('诉求内容'), { target: { value: '楼上每天半夜装修太吵' } });
  // Found outside act: the debounced suggestion renders only while act does not hold updates back.
  const chip = await findChip(/噪声 80%/);
  await act(async () => {
    fireEvent.click(chip);
  });
  await choose('街道（镇）', '东湖街道');
  fireEvent.change(screen.getByLabelText('详细地址'), { target: { value: '青松小区5号楼' } });
}

describe('IntakePage', () => {
  beforeEach(() => {
    calls = [];
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
  });
  afterEach(() => {
    fetchSpy.mockRestore();
  });

  it('lists the streets and towns the server names, and only those', async () => {
    renderPage();
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/requests/areas')).toBe(true));
    await openSelect('街道（镇）');
    expect(await screen.findByTitle('南岭镇')).toBeTruthy();
    expect(screen.getByTitle('东湖街道')).toBeTruthy();
    expect(screen.queryByTitle('城关街道')).toBeNull();
  });

  it('asks the server once the typing rests and offers its suggestions as chips, with the unit for the place', async () => {
    renderPage();
    const text = screen.getByLabelText('诉求内容');
    for (const value of ['楼上', '楼上每天', '楼上每天半夜装修太吵'])
      fireEvent.change(text, { target: { value } });
    const chip = await findChip(/噪声 80%/);
    expect(posted('/requests/suggest').map((c) => c.body)).toEqual([{ text: '楼上每天半夜装修太吵' }]);
    await act(async () => {
      fireEvent.click(chip);
    });
    const category = document.getElementById('intake-category')!.closest('.ant-select');
    expect(category?.textContent).toContain('噪声（环境）');

    await choose('街道（镇）', '东湖街道');
    await waitFor(
      () =>
        expect(posted('/requests/suggest').at(-1)?.body).toEqual({
          text: '楼上每天半夜装修太吵',
          area: '东湖街道',
        }),
      SLOW,
    );
    await waitFor(
      () =>
        expect(
          screen
            .getByText(/噪声 80%/)
            .closest('button')
            ?.getAttribute('title'),
        ).toContain('按派单目录派至 区生态环境局'),
      SLOW,
    );
  });

  it('refuses a file of a type not accepted before sending anything', async () => {
    renderPage();
    await attach(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect(await screen.findByText('不支持「notes.txt」的文件类型')).toBeTruthy();
    await fillRequest();
    await submit();
    expect(posted('/requests/media')).toEqual([]);
    expect(posted('/requests')).toEqual([]);
  });

  it("shows the server's reason for a refused file and registers nothing; a good file then goes with the order", async () => {
    renderPage();
    await fillRequest();
    await attach(new File(['<html></html>'], 'fake.png', { type: 'image/png' }));
    await submit();
    expect(await screen.findByText(`「fake.png」未能上传：${DISGUISED}`, {}, SLOW)).toBeTruthy();
    expect(posted('/requests')).toEqual([]);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /remove|删除/i }));
    });
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'photo.jpg', { type: 'image/jpeg' });
    await attach(photo);
    await submit();
    expect(
      await screen.findByText('已登记工单 20260302000042', { selector: '.ant-result-title' }, SLOW),
    ).toBeTruthy();
    expect(posted('/requests/media').map((c) => (c.body as File).name)).toEqual(['fake.png', 'photo.jpg']);
    expect(posted('/requests')[0]?.body).toMatchObject({
      text: '楼上每天半夜装修太吵',
      category: '噪声',
      location: { area: '东湖街道', address: '青松小区5号楼' },
      media: [{ ref: 'ref-photo.jpg', contentType: 'image/jpeg', bytes: 4 }],
    });
  });

  it('shows the knowledge base beside the form as the operator types and answers the call from an entry in one step', async () => {
    renderPage();
    fireEvent.change(screen.getByLabelText('诉求内容'), { target: { value: '楼上装修' } });
    const region = await screen.findByRole('region', { name: '知识库参考答案' }, SLOW);
    const button = await screen.findByRole(
      'button',
      { name: '用“装修噪声可以在什么时间施工？”的答复口径直接答复并办结' },
      SLOW,
    );
    expect(region.textContent).toContain('每日8时至12时');
    expect(await axeViolations(region)).toEqual([]);
    // The form is checked first: without a category, street and address nothing is sent.
    await act(async () => {
      fireEvent.click(button);
    });
    expect(posted('/requests/answer')).toHaveLength(0);
    expect(screen.getByText('请填写详细地址')).toBeTruthy();

    await fillRequest();
    await act(async () => {
      fireEvent.click(
        screen.getByRole('button', { name: '用“装修噪声可以在什么时间施工？”的答复口径直接答复并办结' }),
      );
    });
    await waitFor(() => expect(posted('/requests/answer')).toHaveLength(1));
    expect(posted('/requests/answer')[0]?.body).toMatchObject({
      entryId: 7,
      intake: {
        text: '楼上每天半夜装修太吵',
        category: '噪声',
        location: { address: '青松小区5号楼', area: '东湖街道' },
      },
    });
    expect(posted('/requests')).toHaveLength(0);
    expect((await screen.findAllByText('已直接答复并办结，工单号 20260303000043')).length).toBeGreaterThan(0);
  });
});
