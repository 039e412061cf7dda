import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, TEST_PASSWORD } from '../../../test/factories.js';
import { SESSION_COOKIE } from '../auth/actor.js';
import { hashSecret } from '../../commands/secrets.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { createUser, updateUser } from '../../commands/users.js';

const V1 = '/api/v1';

function sessionCookie(response: LightMyRequestResponse) {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (cookie === undefined) throw new Error(`no session cookie in ${JSON.stringify(response.headers)}`);
  return cookie;
}

describe.each(DIALECTS)('sessions and tokens on %s', (dialect) => {
  let t: TestApp;
  // The store compares expiry with the real clock, so the test clock starts at real time.
  let clock = new Date();

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock, signInLimit: { max: 100, timeWindowMs: 60_000 } });
  });

  async function signIn(
    username = 'supervisor',
    password = TEST_PASSWORD,
    headers: Record<string, string> = {},
  ) {
    return t.app.inject({ method: 'POST', url: `${V1}/session`, payload: { username, password }, headers });
  }

  it('signs in with an httpOnly SameSite=Lax cookie and returns the user and a CSRF token', async () => {
    const response = await signIn();
    expect(response.statusCode).toBe(200);
    const cookie = sessionCookie(response);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const body = json<{ user: Record<string, unknown>; csrfToken: string }>(response);
    expect(body.user).toMatchObject({ username: 'supervisor', role: 'supervisor' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
  });

  it('marks the cookie Secure behind a proxy that says the request was https', async () => {
    const response = await signIn('supervisor', TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(sessionCookie(response).secure).toBe(true);
  });

  it('stores the session by the hash of its id, never the id itself', async () => {
    const id = sessionCookie(await signIn()).value;
    expect(await t.store.sessions.find(id)).toBeUndefined();
    expect(await t.store.sessions.find(hashSecret(id))).toMatchObject({ userId: t.users.supervisor.id });
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    const wrong = await signIn('supervisor', 'not the password');
    const unknown = await signIn('nobody', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(json(wrong)).toEqual(json(unknown));
    expect(wrong.cookies).toHaveLength(0);
  });

  it('refuses to sign in a disabled user', async () => {
    const user = await createUser(t.store, {
      jurisdictionId: 1,
      username: 'gone',
      displayName: 'gone',
      role: 'leader',
      unitIds: [],
      passwordHash: (await t.store.users.findByUsername('leader'))?.passwordHash ?? '',
    });
    await updateUser(t.store, user.id, { disabled: true });
    expect((await signIn('gone')).statusCode).toBe(401);
  });

  it('answers /me with the signed-in user and the same CSRF token', async () => {
    const response = await signIn('leader');
    const { csrfToken } = json<{ csrfToken: string }>(response);
    const me = await t.app.inject({
      url: `${V1}/me`,
      cookies: { [SESSION_COOKIE]: sessionCookie(response).value },
    });
    expect(me.statusCode).toBe(200);
    expect(json(me)).toMatchObject({ user: { username: 'leader', role: 'leader' }, csrfToken });
  });

  it('answers /me with 401 for the public and for an unknown cookie', async () => {
    expect((await t.app.inject({ url: `${V1}/me` })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: `${V1}/me`, cookies: { [SESSION_COOKIE]: 'forged' } })).statusCode,
    ).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token, naming the header', async () => {
    const cookie = sessionCookie(await signIn()).value;
    const response = await t.app.inject({
      method: 'POST',
      url: `${V1}/units`,
      cookies: { [SESSION_COOKIE]: cookie },
      payload: { name: '无令牌单位', kind: 'department' },
    });
    expect(response.statusCode).toBe(403);
    expect(json(response)).toMatchObject({
      error: { code: 'FORBIDDEN', details: [{ path: 'headers.x-csrf-token' }] },
    });
    expect(await t.store.units.findByName(1, '无令牌单位')).toBeUndefined();
  });

  it('refuses a CSRF token of another session', async () => {
    const mine = sessionCookie(await signIn()).value;
    const { csrfToken: theirs } = json<{ csrfToken: string }>(await signIn());
    const response = await t.app.inject({
      method: 'POST',
      url: `${V1}/units`,
      cookies: { [SESSION_COOKIE]: mine },
      headers: { 'x-csrf-token': theirs },
      payload: { name: '别人的令牌', kind: 'department' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('accepts a cookie-authenticated write with the CSRF token', async () => {
    const response = await signIn();
    const { csrfToken } = json<{ csrfToken: string }>(response);
    const created = await t.app.inject({
      method: 'POST',
      url: `${V1}/units`,
      cookies: { [SESSION_COOKIE]: sessionCookie(response).value },
      headers: { 'x-csrf-token': csrfToken },
      payload: { name: '有令牌单位', kind: 'town' },
    });
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({ name: '有令牌单位', kind: 'town' });
  });

  it('signs out: the session is deleted and its cookie cleared', async () => {
    const response = await signIn();
    const cookie = sessionCookie(response).value;
    const { csrfToken } = json<{ csrfToken: string }>(response);
    const out = await t.app.inject({
      method: 'DELETE',
      url: `${V1}/session`,
      cookies: { [SESSION_COOKIE]: cookie },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(sessionCookie(out).value).toBe('');
    expect(await t.store.sessions.find(hashSecret(cookie))).toBeUndefined();
    expect((await t.app.inject({ url: `${V1}/me`, cookies: { [SESSION_COOKIE]: cookie } })).statusCode).toBe(
      401,
    );
  });

  it('treats an expired session as signed out', async () => {
    const cookie = sessionCookie(await signIn()).value;
    const signedInAt = clock;
    clock = new Date(signedInAt.getTime() + 8 * 24 * 3600 * 1000);
    try {
      expect(
        (await t.app.inject({ url: `${V1}/me`, cookies: { [SESSION_COOKIE]: cookie } })).statusCode,
      ).toBe(401);
      expect(await t.store.sessions.find(hashSecret(cookie))).toBeUndefined();
    } finally {
      clock = signedInAt;
    }
  });

  it('marks answers to signed-in users no-store (plan reads private), and every answer nosniff', async () => {
    const staff = await t.request('leader', { url: `${V1}/plans` });
    expect(staff.headers['cache-control']).toBe('no-store');
    expect(staff.headers['x-content-type-options']).toBe('nosniff');
    // A plan read is validated by its ETag, in the caller's own browser only (plan-reads.ts).
    const read = await t.request('leader', { url: `${V1}/plans/${t.draft.plan.id}` });
    expect(read.headers['cache-control']).toBe('private, no-cache');
    const anyone = await t.request('public', { url: `${V1}/plans` });
    expect(anyone.headers['cache-control']).toBeUndefined();
    expect(anyone.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets an API token write without a CSRF token', async () => {
    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/units`,
      payload: { name: '脚本单位', kind: 'other' },
    });
    expect(response.statusCode).toBe(201);
  });

  it('creates an API token that authenticates later requests, stored only as a hash', async () => {
    const session = await signIn('leader');
    const created = await t.app.inject({
      method: 'POST',
      url: `${V1}/tokens`,
      cookies: { [SESSION_COOKIE]: sessionCookie(session).value },
      headers: { 'x-csrf-token': json<{ csrfToken: string }>(session).csrfToken },
      payload: { name: 'dashboard' },
    });
    expect(created.statusCode).toBe(201);
    const { token, name } = json<{ token: string; name: string }>(created);
    expect(name).toBe('dashboard');
    expect(await t.store.sessions.findToken(token)).toBeUndefined();
    const me = await t.app.inject({ url: `${V1}/me`, headers: { authorization: `Bearer ${token}` } });
    expect(json(me)).toMatchObject({ user: { username: 'leader' }, csrfToken: null });
  });

  it('answers 401 for an unknown token and a malformed Authorization header', async () => {
    const unknown = await t.app.inject({ url: `${V1}/plans`, headers: { authorization: 'Bearer lst_nope' } });
    expect(unknown.statusCode).toBe(401);
    const malformed = await t.app.inject({ url: `${V1}/plans`, headers: { authorization: 'Basic abc' } });
    expect(json(malformed)).toMatchObject({
      error: { code: 'UNAUTHENTICATED', details: [{ path: 'headers.authorization' }] },
    });
  });

  it('answers 400 naming each missing sign-in field', async () => {
    const response = await t.app.inject({ method: 'POST', url: `${V1}/session`, payload: {} });
    expect(response.statusCode).toBe(400);
    const paths = json<{ error: { details: { path: string }[] } }>(response).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 RATE_LIMITED once a client has used its attempts', async () => {
    const t = await createTestApp('sqlite', { signInLimit: { max: 2, timeWindowMs: 60_000 } });
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: `${V1}/session`,
        payload: { username: 'admin', password: 'guess' },
      });
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(json(limited)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Other endpoints are not counted against the limit.
    expect((await t.app.inject({ url: `${V1}/plans` })).statusCode).toBe(200);
  });
});

describe('sign-in rate limit behind a trusted proxy', () => {
  it('counts attempts per client address from X-Forwarded-For', async () => {
    const t = await createTestApp('sqlite', {
      signInLimit: { max: 1, timeWindowMs: 60_000 },
      trustProxy: true,
    });
    const attempt = (ip: string) =>
      t.app.inject({
        method: 'POST',
        url: `${V1}/session`,
        headers: { 'x-forwarded-for': ip },
        payload: { username: 'admin', password: 'guess' },
      });
    expect((await attempt('203.0.113.7')).statusCode).toBe(401);
    expect((await attempt('203.0.113.7')).statusCode).toBe(429);
    expect((await attempt('198.51.100.9')).statusCode).toBe(401);
  });
});
