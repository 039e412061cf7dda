import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import ImportPage from './import-page';

/** The server answering the upload with `body`; every call is recorded. */
function stubServer(body: unknown) {
  const fetch = vi.fn(
    async () =>
      new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter initialEntries={['/import']}>
          <Routes>
            <Route path="/import" element={<ImportPage />} />
            <Route path="/plans/:planId/report" element={<p>report for review</p>} />
          </Routes>
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

async function upload() {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  const file = new File(['各位代表：'], 'report.txt', { type: 'text/plain' });
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } });
  });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /导\s?入/ }));
  });
}

const summary = {
  plan: { id: 9, title: '2026年某省政府工作报告', state: 'draft', version: 0 },
  counts: {
    outline: 3,
    targets: 2,
    achievements: 5,
    tasks: 2,
    projects: 0,
    projectLists: 0,
    tasksAssigned: 0,
  },
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ImportPage', () => {
  it('shows the reader’s warnings in Chinese, with the words they point at, before opening the draft', async () => {
    stubServer({
      ...summary,
      warnings: [
        {
          code: 'NUMBERS_BEFORE_FIRST_CHAPTER',
          message: '6 numbers stand before the first chapter',
          span: [0, 90],
          excerpt: '过去五年，全省生产总值年均增长5.5%',
        },
      ],
    });
    renderPage();
    await upload();
    expect(await screen.findByText(/第一章之前出现较多数字/)).toBeTruthy();
    expect(screen.getByText(/位置：过去五年/)).toBeTruthy();
    expect(screen.queryByText('report for review')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /打开报告审核/ }));
    });
    expect(screen.getByText('report for review')).toBeTruthy();
  });

  it('opens the draft for review at once when the reader had nothing to say', async () => {
    stubServer({ ...summary, warnings: [] });
    renderPage();
    await upload();
    await waitFor(() => expect(screen.getByText('report for review')).toBeTruthy());
  });
});
