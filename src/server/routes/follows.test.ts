/**
 * Staff follow in the app (关注) over HTTP on both engines: a user follows a task, a change of
 * its verdict shows in their 关注 list (in words) and goes by their own e-mail setting through
 * the outbox once; only their own follows, only in their jurisdiction; unfollowing ends it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedExamplePlan, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { hashSecret } from '../../commands/secrets.js';
import { tellFollowers } from '../../commands/follows.js';
import { saveSettings } from '../../commands/notify.js';
import type { FollowStatus, StaffFollowList } from '../../contract/index.js';
import { JURISDICTION_HEADER } from '../scope.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const ORIGIN = 'https://duban.example.gov.cn';
const FIXTURES = new URL('../../../test/fixtures/jurisdictions/', import.meta.url).pathname;

describe.each(DIALECTS)('staff follows on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2022-07-10T09:00:00.000Z');
  let plan: string;
  let followId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    plan = `${V1}/plans/${t.published.plan.id}`;
    const leader = t.users.leader;
    await saveSettings(
      t.store,
      leader.jurisdictionId,
      `user:${leader.id}`,
      {
        email: 'wang.quzhang@example.gov.cn',
        phone: null,
        channels: ['email'],
        digest: null,
        quietHours: 'policy',
      },
      0,
      { userId: leader.id, role: leader.role, unitIds: [] },
      clock.toISOString(),
    );
  });

  it('follows a task of the plan, once, and refuses an item the plan does not have', async () => {
    const missing = await t.request('leader', {
      method: 'POST',
      url: `${plan}/follows`,
      payload: { type: 'task', id: 999_999 },
    });
    expect(missing.statusCode).toBe(404);
    expect(
      (
        await t.request('public', {
          method: 'POST',
          url: `${plan}/follows`,
          payload: { type: 'task', id: 1 },
        })
      ).statusCode,
    ).toBe(401);
    const first = json<FollowStatus>(
      await t.request('leader', {
        method: 'POST',
        url: `${plan}/follows`,
        payload: { type: 'task', id: t.taskA.id },
      }),
    );
    const again = json<FollowStatus>(
      await t.request('leader', {
        method: 'POST',
        url: `${plan}/follows`,
        payload: { type: 'task', id: t.taskA.id },
      }),
    );
    expect(first.following).toBe(true);
    expect(again.followId).toBe(first.followId);
    followId = first.followId!;
    const status = json<FollowStatus>(
      await t.request('leader', { url: `${plan}/follows/task/${t.taskA.id}` }),
    );
    expect(status).toEqual({ following: true, followId });
    const other = json<FollowStatus>(
      await t.request('supervisor', { url: `${plan}/follows/task/${t.taskA.id}` }),
    );
    expect(other.following).toBe(false);
  });

  it('shows a change of the followed task in the 关注 list, in words', async () => {
    clock = new Date('2022-07-11T02:00:00.000Z');
    const verdict = await t.request('supervisor', {
      method: 'POST',
      url: `${plan}/items/task/${t.taskA.id}/verdict`,
      payload: { verdict: 'on_track', note: '已完成招标，按计划推进。' },
    });
    expect(verdict.statusCode).toBeLessThan(300);
    const list = json<StaffFollowList>(await t.request('leader', { url: `${V1}/follows` }));
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ type: 'task', itemId: t.taskA.id, title: t.taskA.text, recent: 1 });
    expect(list.items[0]!.changes[0]!.text).toBe('进展评估由“尚未评估”调整为“按计划推进”');
    expect(json<StaffFollowList>(await t.request('supervisor', { url: `${V1}/follows` })).items).toEqual([]);
  });

  it('tells the follower by their own e-mail setting once, however often the run repeats', async () => {
    const first = await tellFollowers(t.store, clock.toISOString(), { origin: ORIGIN });
    const second = await tellFollowers(t.store, clock.toISOString(), { origin: ORIGIN });
    expect([first, second]).toEqual([1, 0]);
    const sent = await t.store.outbox.list({ kind: 'follow.change', limit: 10 });
    expect(sent.items).toHaveLength(1);
    const message = await t.store.outbox.get(sent.items[0]!.id);
    expect(message.destinationKey).toContain('wang.quzhang@example.gov.cn');
    expect(message.notice.intro).toContain('按计划推进');
    expect(message.notice.items[0]!.link).toBe(`${ORIGIN}/plans/${t.published.plan.id}/tasks/${t.taskA.id}`);
  });

  it('lets only the follower end the follow, and then tells nothing more', async () => {
    const byOther = await t.request('supervisor', { method: 'DELETE', url: `${plan}/follows/${followId}` });
    expect(byOther.statusCode).toBe(404);
    const ended = await t.request('leader', { method: 'DELETE', url: `${plan}/follows/${followId}` });
    expect(json<FollowStatus>(ended).following).toBe(false);
    expect(json<StaffFollowList>(await t.request('leader', { url: `${V1}/follows` })).items).toEqual([]);
    clock = new Date('2022-07-12T02:00:00.000Z');
    await t.request('supervisor', {
      method: 'POST',
      url: `${plan}/items/task/${t.taskA.id}/verdict`,
      payload: { verdict: 'behind', note: '施工受阻，进度滞后。' },
    });
    expect(await tellFollowers(t.store, clock.toISOString(), { origin: ORIGIN })).toBe(0);
  });
});

describe.each(DIALECTS)('follows and comments across jurisdictions on %s', (dialect) => {
  let t: TestApp;
  const tokens: Record<'city' | 'jingan', string> = { city: '', jingan: '' };
  let huangpu: number;
  let planId: number;
  let taskId: number;
  const send = (
    who: 'city' | 'jingan',
    url: string,
    options: { method?: 'GET' | 'POST'; payload?: object; jurisdiction?: number } = {},
  ) =>
    t.app.inject({
      method: options.method ?? 'GET',
      url: `${V1}${url}`,
      ...(options.payload ? { payload: options.payload as Record<string, unknown> } : {}),
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(options.jurisdiction === undefined
          ? {}
          : { [JURISDICTION_HEADER]: String(options.jurisdiction) }),
      },
    });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2026-03-02T02:00:00.000Z') });
    const city = (await seedJurisdiction(t.store, `${FIXTURES}shanghai`)).jurisdiction.id;
    huangpu = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-huangpu`)).jurisdiction.id;
    const jingan = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-jingan`)).jurisdiction.id;
    const users = {
      city: await seedUser(t.store, 'supervisor', {
        username: 'city-inspector',
        jurisdictionId: city,
        seesDescendants: true,
      }),
      jingan: await seedUser(t.store, 'admin', { username: 'jingan-admin', jurisdictionId: jingan }),
    };
    for (const who of ['city', 'jingan'] as const) {
      tokens[who] = `lst_follow_${who}_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(tokens[who]),
        userId: users[who].id,
        expiresAt: '2999-01-01T00:00:00.000Z',
        name: 'tests',
      });
    }
    const plan = await seedExamplePlan(t.store, { state: 'published', jurisdictionId: huangpu });
    planId = plan.plan.id;
    taskId = (await t.store.plans.getItems(planId)).tasks[0]!.id;
  });

  it('lets a district’s plan be followed only by those who see the district, and lists it only there', async () => {
    const refused = await send('jingan', `/plans/${planId}/follows`, {
      method: 'POST',
      payload: { type: 'task', id: taskId },
    });
    expect(refused.statusCode).toBe(404);
    expect((await send('jingan', `/plans/${planId}/comments`)).statusCode).toBe(404);
    const followed = await send('city', `/plans/${planId}/follows`, {
      method: 'POST',
      payload: { type: 'task', id: taskId },
      jurisdiction: huangpu,
    });
    expect(json<FollowStatus>(followed).following).toBe(true);
    const inDistrict = json<StaffFollowList>(await send('city', '/follows', { jurisdiction: huangpu }));
    expect(inDistrict.items.map((f) => f.itemId)).toEqual([taskId]);
    const inCity = json<StaffFollowList>(await send('city', '/follows'));
    expect(inCity.items).toEqual([]);
  });
});
