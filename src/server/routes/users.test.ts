import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { Unit, User } from '../../contract/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('user and unit routes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });

  it('creates a user who can then sign in; no password hash is ever returned', async () => {
    const created = await t.request('admin', {
      method: 'POST',
      url: `${V1}/users`,
      payload: {
        username: 'zhang.san',
        displayName: '张三',
        role: 'reporter',
        unitIds: [t.unitA.id],
        password: '督查室2022!',
      },
    });
    expect(created.statusCode).toBe(201);
    const user = json<User>(created);
    expect(user).toEqual({
      id: expect.any(Number),
      username: 'zhang.san',
      displayName: '张三',
      role: 'reporter',
      unitIds: [t.unitA.id],
      disabled: false,
      jurisdictionId: 1,
      seesDescendants: false,
    });
    const list = await t.request('admin', { url: `${V1}/users?role=reporter` });
    expect(list.body).not.toMatch(/argon2|passwordHash/);
    expect(json<{ items: User[] }>(list).items.map((u) => u.username)).toContain('zhang.san');
    const signIn = await t.app.inject({
      method: 'POST',
      url: `${V1}/session`,
      payload: { username: 'zhang.san', password: '督查室2022!' },
    });
    expect(signIn.statusCode).toBe(200);
  });

  it('answers 409 for a taken username and 400 naming unknown units and short passwords', async () => {
    const taken = await t.request('admin', {
      method: 'POST',
      url: `${V1}/users`,
      payload: { username: 'leader', displayName: 'x', role: 'leader', password: 'long enough' },
    });
    expect(taken.statusCode).toBe(409);
    expect(json<ErrorAnswer>(taken).error.details[0]?.path).toBe('body.username');
    const badUnits = await t.request('admin', {
      method: 'POST',
      url: `${V1}/users`,
      payload: {
        username: 'li.si',
        displayName: '李四',
        role: 'reporter',
        unitIds: [424242],
        password: 'long enough',
      },
    });
    expect(badUnits.statusCode).toBe(400);
    expect(json<ErrorAnswer>(badUnits).error.details.map((d) => d.path)).toEqual(['body.unitIds.0']);
    const shortPassword = await t.request('admin', {
      method: 'POST',
      url: `${V1}/users`,
      payload: { username: 'wang.wu', displayName: '王五', role: 'leader', password: 'short' },
    });
    expect(json<ErrorAnswer>(shortPassword).error.details.map((d) => d.path)).toEqual(['body.password']);
  });

  it("changes a user's role and units", async () => {
    const response = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/users/${t.users.otherReporter.id}`,
      payload: { unitIds: [t.unitB.id, t.unitC.id] },
    });
    expect(response.statusCode).toBe(200);
    expect(json<User>(response).unitIds.sort()).toEqual([t.unitB.id, t.unitC.id].sort());
  });

  it('disabling a user ends their sessions at once', async () => {
    const user = await t.request('admin', {
      method: 'POST',
      url: `${V1}/users`,
      payload: { username: 'temp', displayName: '临时', role: 'leader', password: 'long enough' },
    });
    const id = json<User>(user).id;
    const signIn = await t.app.inject({
      method: 'POST',
      url: `${V1}/session`,
      payload: { username: 'temp', password: 'long enough' },
    });
    const cookie = signIn.cookies.find((c) => c.name === 'luoshi_session')?.value ?? '';
    expect((await t.app.inject({ url: `${V1}/me`, cookies: { luoshi_session: cookie } })).statusCode).toBe(
      200,
    );
    const disabled = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/users/${id}`,
      payload: { disabled: true },
    });
    expect(json<User>(disabled).disabled).toBe(true);
    expect((await t.app.inject({ url: `${V1}/me`, cookies: { luoshi_session: cookie } })).statusCode).toBe(
      401,
    );
  });

  it('refuses to let an admin disable or demote themself', async () => {
    const response = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/users/${t.users.admin.id}`,
      payload: { role: 'leader' },
    });
    expect(response.statusCode).toBe(409);
    expect((await t.store.users.get(t.users.admin.id)).role).toBe('admin');
  });

  it('answers 404 for an unknown user', async () => {
    expect((await t.request('admin', { url: `${V1}/users/99999` })).statusCode).toBe(404);
    const patch = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/users/99999`,
      payload: { displayName: 'x' },
    });
    expect(patch.statusCode).toBe(404);
  });

  it('lists units to the public, filtered by kind', async () => {
    const towns = json<{ items: Unit[]; total: number }>(
      await t.request('public', { url: `${V1}/units?kind=town` }),
    );
    expect(towns.items.length).toBeGreaterThan(0);
    expect(towns.items.every((unit) => unit.kind === 'town')).toBe(true);
  });

  it('creates a unit, and answers 409 for a duplicate name', async () => {
    const first = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/units`,
      payload: { name: '区文化和旅游局', kind: 'department' },
    });
    expect(first.statusCode).toBe(201);
    const again = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/units`,
      payload: { name: '区文化和旅游局', kind: 'department' },
    });
    expect(again.statusCode).toBe(409);
    const bad = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/units`,
      payload: { name: '', kind: 'ministry' },
    });
    expect(
      json<ErrorAnswer>(bad)
        .error.details.map((d) => d.path)
        .sort(),
    ).toEqual(['body.kind', 'body.name']);
  });
});
