import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { KioskLinks } from './kiosk-links';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const LINK = {
  id: 4,
  planId: 3,
  label: '值班室大屏',
  views: ['worst', 'units'],
  rotateSeconds: 20,
  createdAt: '2022-07-01T01:00:00.000Z',
  expiresAt: '2022-09-29T01:00:00.000Z',
  revokedAt: null,
};

function renderLinks() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <App>
        <KioskLinks planId={3} />
      </App>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('大屏链接', () => {
  it('opens a link with the chosen name and views and shows the whole link once', async () => {
    let items: unknown[] = [LINK];
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        const made = {
          ...LINK,
          id: 5,
          label: '指挥中心大屏',
          views: ['targets', 'chapters', 'worst', 'units', 'supervision', 'requests'],
        };
        items = [...items, made];
        return json({ kiosk: made, token: 'tok', path: '/wall/3#token=tok' }, 201);
      }
      return json({ items, total: items.length });
    });
    vi.stubGlobal('fetch', fetch);
    renderLinks();
    const card = await screen.findByTestId('kiosk-links');
    expect(await within(card).findByText('值班室大屏')).toBeTruthy();
    expect(within(card).getByText('有效期至 2022-09-29')).toBeTruthy();

    await act(async () => {
      fireEvent.click(within(card).getByRole('button', { name: '生成大屏链接' }));
    });
    expect(await within(card).findByText('请填写大屏名称')).toBeTruthy();
    fireEvent.change(within(card).getByLabelText('大屏名称'), { target: { value: '指挥中心大屏' } });
    await act(async () => {
      fireEvent.click(within(card).getByRole('button', { name: '生成大屏链接' }));
    });
    expect((await within(card).findByTestId('kiosk-url')).textContent).toBe(
      `${window.location.origin}/wall/3#token=tok`,
    );
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(post[0]).toContain('/plans/3/kiosks');
    expect(JSON.parse(post[1]!.body as string)).toEqual({
      label: '指挥中心大屏',
      views: ['targets', 'chapters', 'worst', 'units', 'supervision', 'requests'],
      days: 90,
      rotateSeconds: 20,
    });
    expect(await within(card).findByText('指挥中心大屏')).toBeTruthy();
  });

  it('revokes a link after asking', async () => {
    let items: unknown[] = [LINK];
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'DELETE') {
        items = [{ ...LINK, revokedAt: '2022-07-02T01:00:00.000Z' }];
        return new Response(null, { status: 204 });
      }
      return json({ items, total: items.length });
    });
    vi.stubGlobal('fetch', fetch);
    renderLinks();
    const card = await screen.findByTestId('kiosk-links');
    await act(async () => {
      fireEvent.click(await within(card).findByRole('button', { name: '撤 销' }));
    });
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /^(确\s?定|OK)$/ }));
    });
    expect(await within(card).findByText('已撤销')).toBeTruthy();
    const del = fetch.mock.calls.find(([, init]) => init?.method === 'DELETE')!;
    expect(del[0]).toContain('/plans/3/kiosks/4');
  });
});
