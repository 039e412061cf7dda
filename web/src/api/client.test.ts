import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, buildUrl, isApiError } from './client';

function fakeFetch(status: number, body: unknown, type = 'application/json') {
  return vi.fn(
    async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: { 'content-type': type },
      }),
  );
}

describe('ApiClient', () => {
  it('sends cookies, and the CSRF token on writes only', async () => {
    const fetch = fakeFetch(200, { ok: true });
    const client = new ApiClient('/api/v1', fetch);
    client.csrfToken = 'tok';
    await client.get('/plans');
    await client.patch('/plans/1/tasks/2', { leader: '张三', version: 3 });
    const [getUrl, getInit] = fetch.mock.calls[0]!;
    const [patchUrl, patchInit] = fetch.mock.calls[1]!;
    expect(getUrl).toBe('/api/v1/plans');
    expect(getInit!.credentials).toBe('include');
    expect((getInit!.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    expect(patchUrl).toBe('/api/v1/plans/1/tasks/2');
    expect((patchInit!.headers as Record<string, string>)['x-csrf-token']).toBe('tok');
    expect(JSON.parse(patchInit!.body as string)).toEqual({ leader: '张三', version: 3 });
  });

  it('turns an error body into a typed ApiError with its details', async () => {
    const client = new ApiClient(
      '/api/v1',
      fakeFetch(400, {
        error: {
          code: 'BAD_INPUT',
          message: 'invalid',
          details: [{ path: 'deadline', message: 'bad date' }],
        },
      }),
    );
    const error = await client.post('/x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(isApiError(error, 'BAD_INPUT')).toBe(true);
    expect((error as ApiError).details).toEqual([{ path: 'deadline', message: 'bad date' }]);
  });

  it('falls back to the status when the body is not the error shape', async () => {
    const client = new ApiClient('/api/v1', fakeFetch(409, '<html>conflict</html>', 'text/html'));
    const error = await client.patch('/x', {}).catch((e: unknown) => e);
    expect(isApiError(error, 'CONFLICT')).toBe(true);
  });

  it('calls onUnauthenticated on 401', async () => {
    const client = new ApiClient(
      '/api/v1',
      fakeFetch(401, { error: { code: 'UNAUTHENTICATED', message: 'no' } }),
    );
    const onUnauthenticated = vi.fn();
    client.onUnauthenticated = onUnauthenticated;
    await expect(client.get('/plans')).rejects.toThrow(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('reports an unreachable server as NETWORK', async () => {
    const client = new ApiClient(
      '/api/v1',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    const error = await client.get('/plans').catch((e: unknown) => e);
    expect(isApiError(error, 'NETWORK')).toBe(true);
  });
});

describe('buildUrl', () => {
  it('leaves out empty query values', () => {
    expect(
      buildUrl('/api/v1', '/plans/1/tasks', { state: 'done', unitId: undefined, q: '', limit: 100 }),
    ).toBe('/api/v1/plans/1/tasks?state=done&limit=100');
  });
});
