import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StocktakePack } from './stocktake-pack';

const LEADERS = { items: [{ name: '王区长', items: 3 }] };

/** The server: the leaders as JSON, the PDF as bytes (or 503 when it cannot make one). */
function stubServer(pdf: 'ok' | 'unavailable') {
  const fetch = vi.fn(async (url: string) => {
    if (url.includes('/leaders')) {
      return new Response(JSON.stringify(LEADERS), { headers: { 'content-type': 'application/json' } });
    }
    if (pdf === 'ok') return new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } });
    return new Response(
      JSON.stringify({
        error: { code: 'UNAVAILABLE', message: 'LibreOffice is not installed', details: [] },
      }),
      { status: 503, headers: { 'content-type': 'application/json' } },
    );
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderPack() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <StocktakePack planId={7} />
      </App>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the stocktake pack on the cockpit', () => {
  it('offers the chosen leader’s pack as Word and fetches the PDF to save it', async () => {
    const fetch = stubServer('ok');
    const created = vi.fn(() => 'blob:pack');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPack();
    const word = await screen.findByRole('link', { name: /Word 版/ });
    expect(word.getAttribute('href')).toBe(
      `/api/v1/plans/7/stocktake?leader=${encodeURIComponent('王区长')}&format=docx`,
    );
    expect(screen.getByText('王区长（3项）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /打印\/下载 PDF/ }));
    await waitFor(() => expect(clicked).toHaveBeenCalled());
    const [url, init] = fetch.mock.calls.at(-1) as unknown as [string, RequestInit];
    expect(url).toBe(`/api/v1/plans/7/stocktake?leader=${encodeURIComponent('王区长')}&format=pdf`);
    expect((init.headers as Record<string, string>).accept).toBe('application/pdf');
    expect(created).toHaveBeenCalledTimes(1);
    const anchor = clicked.mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('王区长分管工作盘点材料.pdf');
  });

  it('says the PDF cannot be made and points to the Word version when the server has no converter', async () => {
    stubServer('unavailable');
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPack();
    fireEvent.click(await screen.findByRole('button', { name: /打印\/下载 PDF/ }));
    expect(await screen.findByText(/暂时无法生成 PDF.*请先下载 Word 版/)).toBeTruthy();
    expect(clicked).not.toHaveBeenCalled();
  });
});
