import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import type { ReactNode } from 'react';
import { renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TEST_AREAS, TEST_CATALOGUE_ROWS } from '../test-fixtures/requests';
import { useAreaNames, useCatalogueRows } from './use-requests';

const DAY = 86_400_000;
const version = (n: number, effectiveFrom: number, rows = TEST_CATALOGUE_ROWS.slice(0, n)) => ({
  version: n,
  effectiveFrom: new Date(effectiveFrom).toISOString(),
  note: '',
  rows,
});

let fetchSpy: MockInstance<typeof fetch>;
let paths: string[];

function serve(answers: Record<string, unknown>) {
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    paths.push(path);
    const body = answers[path];
    return Promise.resolve(
      new Response(JSON.stringify(body ?? { error: { code: 'NOT_FOUND', message: path, details: [] } }), {
        status: body === undefined ? 404 : 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
}

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

beforeEach(() => {
  paths = [];
});
afterEach(() => fetchSpy.mockRestore());

describe('the deployment data of 接诉即办', () => {
  it('names the streets and towns the server holds, none before they arrive', async () => {
    serve({
      '/api/v1/requests/areas': { jurisdiction: '示范区', items: TEST_AREAS, total: TEST_AREAS.length },
    });
    const { result } = renderHook(() => useAreaNames(), { wrapper });
    expect(result.current).toEqual([]);
    await waitFor(() => expect(result.current).toEqual(TEST_AREAS.map((a) => a.name)));
  });

  it('asks nothing when not enabled', async () => {
    serve({});
    const { result } = renderHook(() => useAreaNames(false), { wrapper });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.current).toEqual([]);
    expect(paths).toEqual([]);
  });

  it('offers the rows of the catalogue version in force, not a scheduled one, and none before they arrive', async () => {
    const now = Date.now();
    serve({
      '/api/v1/requests/catalogue': {
        versions: [version(2, now - 10 * DAY), version(3, now - DAY), version(5, now + 10 * DAY)],
      },
    });
    const { result } = renderHook(() => useCatalogueRows(), { wrapper });
    expect(result.current).toEqual([]);
    await waitFor(() => expect(result.current).toEqual(TEST_CATALOGUE_ROWS.slice(0, 3)));
  });
});
