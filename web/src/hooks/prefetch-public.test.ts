import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { keys, prefetchForPath } from './use-plan-data';

let fetchSpy: MockInstance<typeof fetch> | undefined;
const page = (items: unknown[]) => ({ items, total: items.length });

/** Answers every API path from `answers` (an empty page when not named), recording what was asked. */
function serve(answers: Record<string, unknown>): string[] {
  const asked: string[] = [];
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const url = new URL(String(input), 'http://localhost');
    asked.push(url.pathname);
    return Promise.resolve(
      new Response(JSON.stringify(answers[url.pathname] ?? page([])), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  return asked;
}

afterEach(() => fetchSpy?.mockRestore());

describe('prefetching the first page’s data (the public page, issue 15.4; the cockpit, issue 19)', () => {
  it('asks for the published plans, then the first published plan’s one answer, before the page asks', async () => {
    const asked = serve({
      '/api/v1/plans': page([
        { id: 4, state: 'draft', title: '草稿' },
        { id: 7, state: 'published', title: '2026年政府工作报告' },
      ]),
      '/api/v1/public/plans/7/page': { plan: { id: 7 }, outline: [] },
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    prefetchForPath(client, '/public');
    await vi.waitFor(() => expect(client.getQueryData(keys.publicPage(7))).toBeDefined());
    expect(asked).toEqual(['/api/v1/plans', '/api/v1/public/plans/7/page']);
    expect(client.getQueryData(keys.plans('published'))).toBeDefined();
    expect(client.getQueryData(keys.publicPage(7))).toEqual({ plan: { id: 7 }, outline: [] });
  });

  it('asks for one plan’s one answer on its own public address, no part of it apart', async () => {
    const asked = serve({ '/api/v1/public/plans/7/page': { plan: { id: 7 } } });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    prefetchForPath(client, '/public/7');
    await vi.waitFor(() => expect(client.getQueryData(keys.publicPage(7))).toBeDefined());
    expect(asked).toContain('/api/v1/public/plans/7/page');
    expect(asked.some((path) => /^\/api\/v1\/plans\/7\//.test(path))).toBe(false);
  });

  it('asks for the cockpit’s one answer with the page’s own key, before the page asks', async () => {
    const asked = serve({ '/api/v1/plans/7/cockpit': { planId: 7, title: '驾驶舱' } });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    prefetchForPath(client, '/plans/7/cockpit');
    await vi.waitFor(() =>
      expect(client.getQueryData(keys.cockpit(7))).toEqual({ planId: 7, title: '驾驶舱' }),
    );
    expect(asked).toEqual(['/api/v1/plans/7/cockpit']);
  });

  it('asks for a wall screen’s answer with the token its link carries, and nothing without one', async () => {
    const asked = serve({ '/api/v1/wall/7': { label: '大屏' } });
    const tokens: (string | null)[] = [];
    fetchSpy!.mockImplementation((input, init) => {
      tokens.push(new Headers(init?.headers).get('x-kiosk-token'));
      asked.push(new URL(String(input), 'http://localhost').pathname);
      return Promise.resolve(
        new Response(JSON.stringify({ label: '大屏' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
      );
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    prefetchForPath(client, '/wall/7', '');
    expect(asked).toEqual([]);
    prefetchForPath(client, '/wall/7', '#token=kiosk-token-of-the-screen');
    await vi.waitFor(() =>
      expect(client.getQueryData(keys.wall(7, 'kiosk-token-of-the-screen'))).toEqual({ label: '大屏' }),
    );
    expect(asked).toEqual(['/api/v1/wall/7']);
    expect(tokens).toEqual(['kiosk-token-of-the-screen']);
  });

  it('asks for nothing on an address it does not know', () => {
    const asked = serve({});
    prefetchForPath(new QueryClient(), '/requests/intake');
    expect(asked).toEqual([]);
  });
});
