/**
 * Wall screen links over HTTP on both engines: the plan office opens a link, a screen reads
 * the wall with its token and nothing else, a revoked link stops working, and the link's
 * token is never shown again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { KioskIssued, Wall } from '../../contract/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

describe.each(DIALECTS)('wall screen links on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  let issued: KioskIssued;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2022-07-10T09:00:00.000Z') });
    plan = `/api/v1/plans/${t.published.plan.id}`;
  });

  it('opens a link for the plan office only, the token shown once', async () => {
    const body = { label: '区政府三楼会议室大屏', views: ['targets', 'worst'], rotateSeconds: 30 };
    expect(
      (await t.request('leader', { method: 'POST', url: `${plan}/kiosks`, payload: body })).statusCode,
    ).toBe(403);
    const bad = await t.request('supervisor', {
      method: 'POST',
      url: `${plan}/kiosks`,
      payload: { ...body, views: [] },
    });
    expect(bad.statusCode).toBe(400);
    const response = await t.request('supervisor', { method: 'POST', url: `${plan}/kiosks`, payload: body });
    expect(response.statusCode).toBe(201);
    issued = json<KioskIssued>(response);
    expect(issued.kiosk).toMatchObject({
      label: body.label,
      views: body.views,
      rotateSeconds: 30,
      revokedAt: null,
    });
    expect(issued.path).toBe(`/wall/${t.published.plan.id}#token=${issued.token}`);
    const list = await t.request('supervisor', { url: `${plan}/kiosks` });
    expect(list.body).not.toContain(issued.token);
    expect(json<{ total: number }>(list).total).toBe(1);
  });

  it('lets a screen with the token read the wall, and nobody without it', async () => {
    const url = `/api/v1/wall/${t.published.plan.id}`;
    expect((await t.request('public', { url })).statusCode).toBe(401);
    expect(
      (await t.request('public', { url, headers: { 'x-kiosk-token': 'x'.repeat(43) } })).statusCode,
    ).toBe(401);
    const response = await t.request('public', { url, headers: { 'x-kiosk-token': issued.token } });
    expect(response.statusCode).toBe(200);
    const wall = json<Wall>(response);
    expect(wall).toMatchObject({
      label: '区政府三楼会议室大屏',
      views: ['targets', 'worst'],
      rotateSeconds: 30,
    });
    expect(wall.cockpit.planId).toBe(t.published.plan.id);
    // Another plan's wall is not opened by this plan's link.
    const other = await t.request('public', {
      url: `/api/v1/wall/${t.draft.plan.id}`,
      headers: { 'x-kiosk-token': issued.token },
    });
    expect(other.statusCode).not.toBe(200);
  });

  it('stops a revoked link', async () => {
    const revoked = await t.request('supervisor', {
      method: 'DELETE',
      url: `${plan}/kiosks/${issued.kiosk.id}`,
    });
    expect(revoked.statusCode).toBe(200);
    const response = await t.request('public', {
      url: `/api/v1/wall/${t.published.plan.id}`,
      headers: { 'x-kiosk-token': issued.token },
    });
    expect(response.statusCode).toBe(401);
  });
});
