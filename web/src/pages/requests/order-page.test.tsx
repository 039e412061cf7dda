import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { MediaRef, WorkOrder } from '../../api/requests';
import OrderPage from './order-page';
import type { Me } from '../../api/types';
import { keys } from '../../hooks/use-plan-data';
import { SessionProvider } from '../../hooks/use-session';
import { TEST_ORDER } from '../../test-fixtures/requests';

const PHOTO = 'PhotoRefAAAAAAAAAAAAAAAA';
const SCAN = 'ScanRefBBBBBBBBBBBBBBBBB';
const NOTICE = 'NoticeRefCCCCCCCCCCCCCCC';
const CLIP = 'ClipRefDDDDDDDDDDDDDDDDD';
const VOICE = 'VoiceRefEEEEEEEEEEEEEEEE';
const LINK = 'https://open311.example/photos/42.jpg';

const MEDIA: MediaRef[] = [
  { ref: PHOTO, contentType: 'image/jpeg', bytes: 245_760 },
  { ref: SCAN, contentType: 'image/png', bytes: 10_240 },
  { ref: NOTICE, contentType: 'application/pdf', bytes: 1_310_720 },
  { ref: CLIP, contentType: 'video/mp4', bytes: 5_242_880 },
  { ref: VOICE, contentType: 'audio/mpeg', bytes: 800 },
  { ref: LINK, contentType: 'image/jpeg', bytes: 0 },
];

const ORDER: WorkOrder = {
  ...TEST_ORDER,
  media: MEDIA,
  contact: { name: '王先生', phone: '13800000000' },
};

function reply(status: number, body?: unknown, type = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': type },
  });
}
const refusal = (status: number, code: string) =>
  reply(status, { error: { code, message: code, details: [] } });

let calls: { method: string; path: string }[];
let fetchSpy: MockInstance<typeof fetch>;
/** The server's answer to HEAD of each file: 200 unless the test says otherwise. */
let mediaStatus: (ref: string) => 200 | 403 | 404;
let order: WorkOrder;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  calls.push({ method, path: url.pathname });
  const path = url.pathname;
  if (method === 'GET' && path === '/api/v1/requests/42') return Promise.resolve(reply(200, order));
  if (method === 'GET' && path === '/api/v1/requests/42/events')
    return Promise.resolve(reply(200, { items: [], total: 0 }));
  if (method === 'GET' && path === '/api/v1/units')
    return Promise.resolve(reply(200, { items: [], total: 0, limit: 100, offset: 0 }));
  const media = /^\/api\/v1\/requests\/42\/media\/([^/]+)$/.exec(path);
  if (method === 'HEAD' && media) {
    const ref = decodeURIComponent(media[1]!);
    const status = mediaStatus(ref);
    if (status === 403) return Promise.resolve(refusal(403, 'FORBIDDEN'));
    if (status === 404) return Promise.resolve(refusal(404, 'NOT_FOUND'));
    const type = MEDIA.find((m) => m.ref === ref)?.contentType ?? 'application/octet-stream';
    return Promise.resolve(new Response(null, { status: 200, headers: { 'content-type': type } }));
  }
  return Promise.resolve(refusal(404, 'NOT_FOUND'));
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // The centre's operator (the page offers the 重复件 undo to the centre only).
  const session: Me = {
    user: {
      id: 1,
      username: 'operator',
      displayName: '接线员',
      role: 'supervisor',
      unitIds: [],
      disabled: false,
      jurisdictionId: 1,
      seesDescendants: false,
    },
    csrfToken: 'csrf',
  };
  client.setQueryData(keys.me, session);
  render(
    <QueryClientProvider client={client}>
      <App>
        <SessionProvider>
          <MemoryRouter initialEntries={['/requests/orders/42']}>
            <Routes>
              <Route path="/requests/orders/:orderId" element={<OrderPage />} />
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </App>
    </QueryClientProvider>,
  );
}

const SLOW = { timeout: 4000 };
const url = (ref: string) => `/api/v1/requests/42/media/${ref}`;
const heads = () =>
  calls
    .filter((c) => c.method === 'HEAD')
    .map((c) => c.path)
    .sort();

describe('OrderPage media', () => {
  beforeEach(() => {
    calls = [];
    order = ORDER;
    mediaStatus = () => 200;
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
  });
  afterEach(() => {
    fetchSpy.mockRestore();
  });

  it('shows images the server lets the viewer read as thumbnails and other files as downloads with type and size', async () => {
    renderPage();
    const photo = await screen.findByRole('img', { name: '附件 1（JPEG 图片 · 240 kB）' }, SLOW);
    expect(photo.getAttribute('src')).toBe(url(PHOTO));
    expect(screen.getByRole('img', { name: '附件 2（PNG 图片 · 10 kB）' }).getAttribute('src')).toBe(
      url(SCAN),
    );

    const files = screen.getByTestId('order-media-files');
    const links = within(files).getAllByRole('link');
    expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['附件 3', url(NOTICE)],
      ['附件 4', url(CLIP)],
      ['附件 5', url(VOICE)],
      ['附件 6', LINK],
    ]);
    expect(links.slice(0, 3).every((a) => a.hasAttribute('download'))).toBe(true);
    const lines = within(files)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines[0]).toContain('PDF 文档 · 1.3 MB');
    expect(lines[1]).toContain('MP4 视频 · 5 MB');
    expect(lines[2]).toContain('MP3 录音 · 800字节');
    // An Open311 link is not this server's file: opened elsewhere, never asked about.
    expect(lines[3]).toContain('外部链接');
    expect(links[3]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(heads()).toEqual([PHOTO, SCAN, NOTICE, CLIP, VOICE].map(url).sort());
  });

  it('says the viewer may not see the files the server refuses, instead of showing broken images', async () => {
    mediaStatus = (ref) => (ref === NOTICE ? 404 : 403);
    renderPage();
    const files = await screen.findByTestId('order-media-files', {}, SLOW);
    await waitFor(() => expect(within(files).queryByText('正在确认能否查看…')).toBeNull(), SLOW);
    expect(screen.queryAllByRole('img', { name: /附件/ })).toEqual([]);
    expect(document.querySelector('[data-testid="order-media"] img')).toBeNull();
    const lines = within(files)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(lines).toHaveLength(6);
    for (const i of [0, 1, 3, 4]) expect(lines[i]).toContain('无权查看：服务器拒绝了访问');
    expect(lines[0]).toContain('附件 1');
    expect(lines[0]).toContain('JPEG 图片 · 240 kB');
    expect(lines[2]).toContain('PDF 文档 · 1.3 MB');
    expect(lines[2]).toContain('文件已不存在');
    // Only the outside link stays a link; none of the refused files is offered for download.
    expect(
      within(files)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual([LINK]);
  });

  it('labels the files with the names they were uploaded under', async () => {
    order = {
      ...ORDER,
      media: [
        { ...MEDIA[0]!, name: '积水现场.jpg' },
        { ...MEDIA[2]!, name: '物业通知.pdf' },
      ],
    };
    renderPage();
    const photo = await screen.findByRole('img', { name: '积水现场.jpg（JPEG 图片 · 240 kB）' }, SLOW);
    expect(photo.getAttribute('src')).toBe(url(PHOTO));
    const link = within(screen.getByTestId('order-media-files')).getByRole('link');
    expect([link.textContent?.trim(), link.getAttribute('href')]).toEqual(['物业通知.pdf', url(NOTICE)]);
  });

  it('shows no media section for an order without media, and asks nothing', async () => {
    order = { ...ORDER, media: [] };
    renderPage();
    expect(await screen.findByTestId('order-text', {}, SLOW)).toBeTruthy();
    expect(screen.queryByTestId('order-media')).toBeNull();
    expect(screen.queryByText('附件')).toBeNull();
    expect(heads()).toEqual([]);
    // The title names the order by its 工单号 (day it came in, Beijing time, and sequence).
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('工单 20260701000042');
    expect(document.title).toContain('工单 20260701000042');
  });
});
