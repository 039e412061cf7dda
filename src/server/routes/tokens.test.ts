/**
 * Sessions and API tokens as an attacker with a stolen one meets them (issue 12.4): a new
 * password or a disabled account ends every session and token (re-enabling revives none); a
 * token expires, is listed without its secret and revoked by its owner; a token never mints
 * another; the request log never keeps an api_key sent in a query string.
 */
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, TEST_PASSWORD, createTestStore, seedUser } from '../../../test/factories.js';
import { SESSION_COOKIE } from '../auth/actor.js';
import { createApp } from '../app.js';
import { redactUrl } from '../log.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const DAY = 24 * 3600 * 1000;

describe.each(DIALECTS)('API tokens and sessions on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date();

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock, signInLimit: { max: 100, timeWindowMs: 60_000 } });
  });

  /** Signs `username` in: the cookie and CSRF token of the new session. */
  async function session(username: string, password = TEST_PASSWORD) {
    const answer = await t.app.inject({
      method: 'POST',
      url: `${V1}/session`,
      payload: { username, password },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const cookie = answer.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    return {
      cookies: { [SESSION_COOKIE]: cookie },
      headers: { 'x-csrf-token': json<{ csrfToken: string }>(answer).csrfToken },
    };
  }
  async function mint(username: string, payload: object = { name: 'script' }) {
    const answer = await t.app.inject({
      method: 'POST',
      url: `${V1}/tokens`,
      ...(await session(username)),
      payload,
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return json<{ id: number; token: string; expiresAt: string }>(answer);
  }
  const asToken = (token: string, url = `${V1}/me`): Promise<LightMyRequestResponse> =>
    t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

  it('refuses a token that mints a token, whoever holds it', async () => {
    for (const caller of ['leader', 'admin', 'reporter'] as const) {
      const answer = await t.request(caller, {
        method: 'POST',
        url: `${V1}/tokens`,
        payload: { name: 'again' },
      });
      expect(answer.statusCode, caller).toBe(403);
    }
    const made = await mint('leader');
    const again = await t.app.inject({
      method: 'POST',
      url: `${V1}/tokens`,
      headers: { authorization: `Bearer ${made.token}` },
      payload: { name: 'child' },
    });
    expect(again.statusCode).toBe(403);
  });

  it('expires a token after its days (90 by default), and refuses more than 365', async () => {
    const made = await mint('supervisor', { name: 'nightly', expiresInDays: 2 });
    expect(Date.parse(made.expiresAt) - clock.getTime()).toBe(2 * DAY);
    const byDefault = await mint('supervisor');
    expect(Date.parse(byDefault.expiresAt) - clock.getTime()).toBe(90 * DAY);
    const tooLong = await t.app.inject({
      method: 'POST',
      url: `${V1}/tokens`,
      ...(await session('supervisor')),
      payload: { name: 'forever', expiresInDays: 366 },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('body.expiresInDays');
    expect((await asToken(made.token)).statusCode).toBe(200);
    const madeAt = clock;
    clock = new Date(madeAt.getTime() + 2 * DAY + 1000);
    try {
      const expired = await asToken(made.token);
      expect(expired.statusCode).toBe(401);
      expect(expired.body).toContain('expired');
      expect((await asToken(byDefault.token)).statusCode).toBe(200);
    } finally {
      clock = madeAt;
    }
  });

  it('lists the caller’s own tokens without secrets, and revokes only its own', async () => {
    const mine = await mint('reporter', { name: '报送脚本' });
    const theirs = await mint('other-reporter', { name: '别人的脚本' });
    const listed = await t.request('reporter', { url: `${V1}/tokens` });
    const items = json<{ items: { id: number; name: string }[] }>(listed).items;
    expect(items.map((i) => i.name)).toContain('报送脚本');
    expect(items.map((i) => i.name)).not.toContain('别人的脚本');
    expect(listed.body).not.toContain(mine.token);
    expect(items[0]).toEqual({
      id: mine.id,
      name: '报送脚本',
      scopes: ['read'],
      createdAt: expect.any(String),
      expiresAt: mine.expiresAt,
    });
    const other = await t.request('reporter', { method: 'DELETE', url: `${V1}/tokens/${theirs.id}` });
    expect(other.statusCode).toBe(404);
    expect((await asToken(theirs.token)).statusCode).toBe(200);
    const revoked = await t.request('reporter', { method: 'DELETE', url: `${V1}/tokens/${mine.id}` });
    expect(revoked.statusCode).toBe(204);
    expect((await asToken(mine.token)).statusCode).toBe(401);
  });

  it('ends every session and token on a new password', async () => {
    const user = await seedUser(t.store, 'supervisor', { username: 'pw-change' });
    const old = await session(user.username);
    const made = await mint(user.username);
    const changed = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/users/${user.id}`,
      payload: { password: 'a new long password 2026' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await t.app.inject({ url: `${V1}/me`, cookies: old.cookies })).statusCode).toBe(401);
    expect((await asToken(made.token)).statusCode).toBe(401);
    expect((await asToken(t.tokens.admin)).statusCode).toBe(200);
  });

  it('revives no token when a disabled account is enabled again', async () => {
    const user = await seedUser(t.store, 'leader', { username: 'disabled-once' });
    const made = await mint(user.username);
    const patch = async (disabled: boolean) => {
      const answer = await t.request('admin', {
        method: 'PATCH',
        url: `${V1}/users/${user.id}`,
        payload: { disabled },
      });
      expect(answer.statusCode, answer.body).toBe(200);
    };
    await patch(true);
    expect((await asToken(made.token)).statusCode).toBe(401);
    await patch(false);
    expect((await asToken(made.token)).statusCode).toBe(401);
  });
});

describe('the request log', () => {
  it('never keeps an api_key or token sent in a query string', async () => {
    expect(redactUrl('/open311/v2/requests.json?api_key=lst_abc&jurisdiction_id=x')).toBe(
      '/open311/v2/requests.json?api_key=[redacted]&jurisdiction_id=x',
    );
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const store = await createTestStore('sqlite');
    const app = await createApp({ store, webRoot: false, logger: pino({ level: 'info' }, sink) });
    try {
      await app.inject({ url: '/open311/v2/requests.json?api_key=lst_secret_in_query&status=open' });
      await app.inject({ url: `${V1}/plans?token=lst_other_secret` });
    } finally {
      await app.close();
      await store.close();
    }
    const log = lines.join('');
    expect(log).toContain('api_key=[redacted]');
    expect(log).not.toContain('lst_secret_in_query');
    expect(log).not.toContain('lst_other_secret');
  });
});
