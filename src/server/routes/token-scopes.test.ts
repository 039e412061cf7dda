/**
 * API tokens carry scopes (issue 12.4): a token made with `read` reads what its role reads and
 * writes nothing; a route needing a scope the token lacks answers 403 naming it, whatever the
 * role allows; the scopes a token has are listed; Open311's POST needs `requests`; a token
 * with a scope still meets its role's refusals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, TEST_PASSWORD } from '../../../test/factories.js';
import { SESSION_COOKIE } from '../auth/actor.js';
import { requiredScope } from '../auth/scopes.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';

describe('the scope a route needs', () => {
  it('is read for reads, requests for 接诉即办, report for a unit’s reporting, manage for the rest', () => {
    expect(requiredScope('GET', `${V1}/plans/:planId`)).toBe('read');
    expect(requiredScope('POST', `${V1}/requests`)).toBe('requests');
    expect(requiredScope('POST', '/open311/v2/requests.json')).toBe('requests');
    expect(requiredScope('POST', `${V1}/plans/:planId/reports`)).toBe('report');
    expect(requiredScope('PATCH', `${V1}/plans/:planId/tasks/:taskId`)).toBe('report');
    expect(requiredScope('POST', `${V1}/units`)).toBe('manage');
    expect(requiredScope('DELETE', `${V1}/plans/:planId`)).toBe('manage');
    expect(requiredScope('DELETE', `${V1}/tokens/:id`)).toBeNull();
    expect(requiredScope('GET', undefined)).toBeNull();
  });
});

describe.each(DIALECTS)('API token scopes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });

  async function mint(username: string, scopes?: string[]) {
    const signedIn = await t.app.inject({
      method: 'POST',
      url: `${V1}/session`,
      payload: { username, password: TEST_PASSWORD },
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const answer = await t.app.inject({
      method: 'POST',
      url: `${V1}/tokens`,
      cookies: { [SESSION_COOKIE]: signedIn.cookies.find((c) => c.name === SESSION_COOKIE)!.value },
      headers: { 'x-csrf-token': json<{ csrfToken: string }>(signedIn).csrfToken },
      payload: { name: `scopes ${scopes?.join(' ') ?? 'default'}`, ...(scopes && { scopes }) },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return json<{ id: number; token: string; scopes: string[] }>(answer);
  }
  const as = (token: string, options: { method?: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object }) =>
    t.app.inject({ ...options, headers: { authorization: `Bearer ${token}` } });

  it('makes a read-only token by default: it reads, and a write answers 403 naming the scope', async () => {
    const made = await mint('supervisor');
    expect(made.scopes).toEqual(['read']);
    expect((await as(made.token, { url: `${V1}/plans/${t.draft.plan.id}` })).statusCode).toBe(200);
    const refused = await as(made.token, {
      method: 'POST',
      url: `${V1}/units`,
      payload: { name: '只读令牌建的单位', kind: 'department' },
    });
    expect(refused.statusCode).toBe(403);
    expect(
      json<{ error: { code: string; message: string; details: { message: string }[] } }>(refused).error,
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('管理'),
      details: [{ message: 'the token lacks the scope "manage"' }],
    });
    expect((await t.store.units.list()).map((u) => u.name)).not.toContain('只读令牌建的单位');
  });

  it('lets a report token report on its unit’s task but not read, nor take requests in', async () => {
    const made = await mint('reporter', ['report']);
    const task = await t.store.tasks.get(t.published.plan.id, t.taskA.id);
    const progress = await as(made.token, {
      method: 'PATCH',
      url: `${V1}/plans/${t.published.plan.id}/tasks/${t.taskA.id}`,
      payload: { progress: 35, version: task.version },
    });
    expect(progress.statusCode, progress.body).toBe(200);
    const read = await as(made.token, { url: `${V1}/plans/${t.published.plan.id}` });
    expect(read.statusCode).toBe(403);
    expect(read.body).toContain('scope \\"read\\"');
    // The scope does not widen the role: unit B's task stays refused by the role's rule.
    const other = await t.store.tasks.get(t.published.plan.id, t.taskB.id);
    const theirs = await as(made.token, {
      method: 'PATCH',
      url: `${V1}/plans/${t.published.plan.id}/tasks/${t.taskB.id}`,
      payload: { progress: 35, version: other.version },
    });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.body).not.toContain('scope');
  });

  it('lists each token with its scopes, and refuses a scope it does not know', async () => {
    const made = await mint('admin', ['read', 'manage', 'read']);
    expect(made.scopes).toEqual(['read', 'manage']);
    const listed = json<{ items: { id: number; scopes: string[] }[] }>(
      await t.request('admin', { url: `${V1}/tokens` }),
    );
    expect(listed.items.find((i) => i.id === made.id)?.scopes).toEqual(['read', 'manage']);
    const signedIn = await t.app.inject({
      method: 'POST',
      url: `${V1}/session`,
      payload: { username: 'admin', password: TEST_PASSWORD },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: `${V1}/tokens`,
      cookies: { [SESSION_COOKIE]: signedIn.cookies.find((c) => c.name === SESSION_COOKIE)!.value },
      headers: { 'x-csrf-token': json<{ csrfToken: string }>(signedIn).csrfToken },
      payload: { name: 'everything', scopes: ['root'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('body.scopes');
  });

  it('refuses an Open311 POST through a key without the requests scope', async () => {
    const made = await mint('supervisor', ['read', 'report']);
    const answer = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: {
        api_key: made.token,
        service_code: 'any',
        description: '回龙观西大街路口积水',
        lat: 40.07,
        long: 116.33,
      },
    });
    expect(answer.statusCode).toBe(403);
    expect(answer.body).toContain('接诉即办');
  });
});
