import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { exampleReport } from '../../../test/fixtures/example.js';
import type { Plan, PlanSummary } from '../../contract/index.js';
import { createTestApp, json, multipart } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { importPlan } from '../../commands/plans.js';

const V1 = '/api/v1';
const exampleBytes = readFileSync(new URL('../../../examples/2022-beijing-changping.txt', import.meta.url));

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('plan routes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { uploadLimitBytes: 1024 * 1024 });
  });

  async function planCount(): Promise<number> {
    return (await t.store.plans.list({ limit: 1000 })).total;
  }

  it('lists only published plans to the public, even when it asks for drafts', async () => {
    const all = json<{ items: Plan[]; total: number }>(await t.request('public', { url: `${V1}/plans` }));
    expect(all.items.every((plan) => plan.state === 'published')).toBe(true);
    expect(all.items.map((plan) => plan.id)).toContain(t.published.plan.id);
    const drafts = json<{ items: Plan[]; total: number }>(
      await t.request('public', { url: `${V1}/plans?state=draft` }),
    );
    expect(drafts).toEqual({ items: [], total: 0 });
  });

  it('lists drafts to staff when filtered by state', async () => {
    const drafts = json<{ items: Plan[] }>(await t.request('leader', { url: `${V1}/plans?state=draft` }));
    expect(drafts.items.map((plan) => plan.id)).toContain(t.draft.plan.id);
    expect(drafts.items.every((plan) => plan.state === 'draft')).toBe(true);
  });

  it('pages with limit and offset and reports the total', async () => {
    const first = json<{ items: Plan[]; total: number }>(
      await t.request('admin', { url: `${V1}/plans?limit=1` }),
    );
    const second = json<{ items: Plan[]; total: number }>(
      await t.request('admin', { url: `${V1}/plans?limit=1&offset=1` }),
    );
    expect(first.items).toHaveLength(1);
    expect(second.items).toHaveLength(1);
    expect(first.total).toBeGreaterThanOrEqual(2);
    expect(first.items[0]?.id).not.toBe(second.items[0]?.id);
  });

  it('answers 400 naming each bad query field', async () => {
    const response = await t.request('admin', { url: `${V1}/plans?limit=0&state=lost` });
    expect(response.statusCode).toBe(400);
    const paths = json<ErrorAnswer>(response).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['query.limit', 'query.state']));
  });

  it('answers a plan with its counts', async () => {
    const summary = json<PlanSummary>(
      await t.request('public', { url: `${V1}/plans/${t.published.plan.id}` }),
    );
    expect(summary.plan).toMatchObject({ id: t.published.plan.id, state: 'published', year: 2022 });
    // The fixture assigned two tasks after the import.
    expect(summary.counts).toEqual({ ...t.published.counts, tasksAssigned: 2 });
  });

  it("answers the plan's text, which spans index", async () => {
    const { text } = json<{ text: string }>(
      await t.request('public', { url: `${V1}/plans/${t.published.plan.id}/text` }),
    );
    const task = t.taskA;
    expect(text.slice(task.span[0], task.span[1])).toBe(task.text);
  });

  it('answers 404 for an unknown plan and its parts', async () => {
    for (const url of [`${V1}/plans/999999`, `${V1}/plans/999999/tasks`, `${V1}/plans/999999/text`]) {
      const response = await t.request('admin', { url });
      expect(response.statusCode, url).toBe(404);
      expect(json<ErrorAnswer>(response).error.code).toBe('NOT_FOUND');
    }
  });

  it('imports an uploaded report as a draft plan with its counts', async () => {
    const before = await planCount();
    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart({ name: 'changping-2022.txt', content: exampleBytes }, { place: '北京市昌平区' }),
    });
    expect(response.statusCode, response.body).toBe(201);
    const summary = json<PlanSummary>(response);
    expect(summary.plan).toMatchObject({
      state: 'draft',
      year: 2022,
      place: '北京市昌平区',
      sourceName: 'changping-2022.txt',
    });
    expect(summary.counts.tasks).toBeGreaterThan(50);
    expect(summary.counts.targets).toBeGreaterThan(10);
    expect(await planCount()).toBe(before + 1);
  });

  it('answers 422 with the reason for a file that is not a work report, storing nothing', async () => {
    const before = await planCount();
    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart({ name: 'menu.txt', content: '今日菜单：米饭、青菜、豆腐汤。欢迎品尝。' }),
    });
    expect(response.statusCode).toBe(422);
    const body = json<ErrorAnswer>(response);
    expect(body.error.code).toBe('UNPROCESSABLE');
    expect(body.error.message).toMatch(/work report/);
    expect(body.error.details[0]?.path).toBe('body.file');
    expect(await planCount()).toBe(before);
  });

  it('answers 413 for a file over the upload limit, storing nothing', async () => {
    const before = await planCount();
    const big = Buffer.concat([exampleBytes, Buffer.alloc(1024 * 1024, 0x20)]);
    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart({ name: 'big.txt', content: big }),
    });
    expect(response.statusCode).toBe(413);
    expect(json<ErrorAnswer>(response).error.code).toBe('TOO_LARGE');
    expect(await planCount()).toBe(before);
  });

  it('answers 415 for a binary file, with the reader’s reason', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart({ name: 'photo.png', content: png, type: 'image/png' }),
    });
    expect(response.statusCode).toBe(415);
    expect(json<ErrorAnswer>(response).error.details[0]?.path).toBe('body.file');
  });

  it('answers 400 when the upload has no file, and 415 when it is not multipart', async () => {
    const empty = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart(undefined, { year: '2022' }),
    });
    expect(empty.statusCode).toBe(400);
    expect(json<ErrorAnswer>(empty).error.details[0]?.path).toBe('body.file');
    const asJson = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans`,
      payload: { text: '一、' },
    });
    expect(asJson.statusCode).toBe(415);
  });

  it('answers 400 naming a bad form field of an upload', async () => {
    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart({ name: 'r.txt', content: exampleBytes }, { year: 'last year' }),
    });
    expect(response.statusCode).toBe(400);
    expect(json<ErrorAnswer>(response).error.details.map((d) => d.path)).toEqual(['body.year']);
  });

  it('replaces a plan’s report with a new version, keeping what was assigned', async () => {
    const upload = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart({ name: 'v1.txt', content: exampleBytes }),
    });
    const planId = json<PlanSummary>(upload).plan.id;
    const task = (await t.store.tasks.list(planId, { limit: 1, offset: 10 })).items[0];
    if (task === undefined) throw new Error('no task');
    await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/plans/${planId}/tasks/${task.id}`,
      payload: { leadUnitId: t.unitC.id, deadline: '2022-09-30', version: task.version },
    });
    const version = (await t.store.plans.get(planId)).version;
    const replaced = await t.request('supervisor', {
      method: 'PUT',
      url: `${V1}/plans/${planId}/report`,
      ...multipart({ name: 'v2.txt', content: exampleBytes }, { version: String(version) }),
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(json<PlanSummary>(replaced).plan).toMatchObject({
      id: planId,
      version: version + 1,
      sourceName: 'v2.txt',
    });
    const kept = (await t.store.tasks.list(planId, { unitId: t.unitC.id })).items;
    expect(kept.map((k) => [k.text, k.deadline])).toEqual([[task.text, '2022-09-30']]);
    const stale = await t.request('supervisor', {
      method: 'PUT',
      url: `${V1}/plans/${planId}/report`,
      ...multipart({ name: 'v3.txt', content: exampleBytes }, { version: String(version) }),
    });
    expect(stale.statusCode).toBe(409);
    expect((await t.store.plans.get(planId)).sourceName).toBe('v2.txt');
  });

  it('answers 400 when a new version of a report does not name the plan version', async () => {
    const response = await t.request('supervisor', {
      method: 'PUT',
      url: `${V1}/plans/${t.draft.plan.id}/report`,
      ...multipart({ name: 'v2.txt', content: exampleBytes }),
    });
    expect(response.statusCode).toBe(400);
    expect(json<ErrorAnswer>(response).error.details.map((d) => d.path)).toEqual(['body.version']);
  });

  it('publishes a draft: the public then sees it', async () => {
    const draft = (await importPlan(t.store, { jurisdictionId: 1, ...exampleReport(), state: 'draft' })).plan;
    expect((await t.request('public', { url: `${V1}/plans/${draft.id}` })).statusCode).toBe(404);
    const response = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/plans/${draft.id}`,
      payload: { state: 'published', version: draft.version },
    });
    expect(response.statusCode).toBe(200);
    expect(json<Plan>(response)).toMatchObject({ state: 'published', version: draft.version + 1 });
    expect(json<Plan>(response).publishedAt).not.toBeNull();
    expect((await t.request('public', { url: `${V1}/plans/${draft.id}` })).statusCode).toBe(200);
  });

  it('answers 409 for a stale version and overwrites nothing', async () => {
    const plan = await t.store.plans.get(t.draft.plan.id);
    const first = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/plans/${plan.id}`,
      payload: { title: '第一次改名', version: plan.version },
    });
    expect(first.statusCode).toBe(200);
    const stale = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/plans/${plan.id}`,
      payload: { title: '过时的改名', version: plan.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorAnswer>(stale).error.code).toBe('CONFLICT');
    expect((await t.store.plans.get(plan.id)).title).toBe('第一次改名');
  });

  it('answers 400 naming each bad field of a plan update', async () => {
    const response = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/plans/${t.draft.plan.id}`,
      payload: { state: 'archived', colour: 'red' },
    });
    expect(response.statusCode).toBe(400);
    const paths = json<ErrorAnswer>(response).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.state', 'body.version', 'body.colour']));
  });

  it('deletes a plan, after which it is 404', async () => {
    const doomed = (await importPlan(t.store, { jurisdictionId: 1, ...exampleReport(), state: 'draft' }))
      .plan;
    expect((await t.request('admin', { method: 'DELETE', url: `${V1}/plans/${doomed.id}` })).statusCode).toBe(
      204,
    );
    expect((await t.request('admin', { url: `${V1}/plans/${doomed.id}` })).statusCode).toBe(404);
    expect((await t.request('admin', { method: 'DELETE', url: `${V1}/plans/${doomed.id}` })).statusCode).toBe(
      404,
    );
  });
});
