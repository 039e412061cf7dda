/**
 * The public plan page's one answer (routes/public-page.ts) on both engines: the same parts the
 * page's own requests answer the public, held by version (ETag, 304, brotli), nothing personal,
 * drafts missing for everyone, and a write seen on the next read.
 */
import { brotliDecompressSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { defaultAsOf } from './public-page.js';

const V1 = '/api/v1';

interface PageAnswer {
  summary: { plan: { id: number; year: number; title: string } };
  outline: unknown[];
  targets: unknown[];
  tasks: { id: number; weight: number }[];
  projects: unknown[];
  achievements: unknown[];
  units: { id: number }[];
  text: string;
  health: { asOf: string; items: unknown[]; total: number };
}

describe.each(DIALECTS)('the public plan page in one answer on %s', (dialect) => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    url = `${V1}/public/plans/${t.published.plan.id}/page`;
  });

  it('answers the parts the page asked for one by one, as the public gets them', async () => {
    const response = await t.request('public', { url });
    expect(response.statusCode).toBe(200);
    const page = json<PageAnswer>(response);
    const plan = `${V1}/plans/${t.published.plan.id}`;
    const part = async <T>(path: string) => json<T>(await t.request('public', { url: path }));
    expect(page.summary).toEqual(await part(plan));
    expect(page.outline).toEqual((await part<{ items: unknown[] }>(`${plan}/outline`)).items);
    const tasks = await part<{ items: unknown[]; total: number }>(`${plan}/tasks?limit=500`);
    expect(page.tasks).toEqual(tasks.items);
    expect(page.tasks.length).toBe(tasks.total);
    expect(page.targets).toEqual((await part<{ items: unknown[] }>(`${plan}/targets?limit=500`)).items);
    expect(page.projects.length).toBe((await part<{ total: number }>(`${plan}/projects`)).total);
    expect(page.achievements.length).toBe((await part<{ total: number }>(`${plan}/achievements`)).total);
    expect(page.units.length).toBe((await part<{ total: number }>(`${V1}/units`)).total);
    expect(page.text).toBe((await part<{ text: string }>(`${plan}/text`)).text);
    const asOf = defaultAsOf(page.summary.plan.year, new Date().toISOString().slice(0, 10));
    expect(page.health).toEqual(await part(`${plan}/health/items?date=${asOf}`));
    // 责任领导 are personal: the page's answer is the public's, whoever asks.
    expect(response.body).not.toContain('王区长');
    expect((await t.request('leader', { url })).body).not.toContain('王区长');
  });

  it('takes the as-of date of the health it carries, and refuses one that is no date', async () => {
    const page = json<PageAnswer>(await t.request('public', { url: `${url}?date=2022-06-30` }));
    expect(page.health.asOf).toBe('2022-06-30');
    const bad = await t.request('public', { url: `${url}?date=June` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('date');
  });

  it('is held by version: ETag and 304, brotli, and the next read after a write is new', async () => {
    const first = await t.request('public', { url });
    const etag = first.headers.etag as string;
    expect(first.headers['cache-control']).toBe('public, no-cache');
    expect((await t.request('public', { url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const br = await t.request('public', { url, headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);

    const taskUrl = `${V1}/plans/${t.published.plan.id}/tasks/${t.taskB.id}`;
    const task = json<{ version: number; weight: number }>(await t.request('supervisor', { url: taskUrl }));
    const patched = await t.request('supervisor', {
      method: 'PATCH',
      url: taskUrl,
      payload: { weight: task.weight + 1, version: task.version },
    });
    expect(patched.statusCode).toBe(200);
    const after = await t.request('public', { url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(json<PageAnswer>(after).tasks.find((row) => row.id === t.taskB.id)?.weight).toBe(task.weight + 1);
  });

  it('answers NOT_FOUND for a draft plan, to the public and to staff alike', async () => {
    const draft = `${V1}/public/plans/${t.draft.plan.id}/page`;
    expect((await t.request('public', { url: draft })).statusCode).toBe(404);
    expect((await t.request('supervisor', { url: draft })).statusCode).toBe(404);
    expect((await t.request('public', { url: `${V1}/public/plans/999999/page` })).statusCode).toBe(404);
  });
});
