/**
 * Plan reads held by the plan's read version (plan-reads.ts), over HTTP on both engines:
 * ETags and 304, Cache-Control for the public and for signed-in callers, personal data kept
 * to its scope, compression by Accept-Encoding, and no old answer after a write commits.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { updateTask } from '../commands/items.js';
import { updatePlan } from '../commands/plans.js';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';
import { PlanStamps } from './plan-reads.js';
import { createTestApp, json } from './testing/test-app.js';
import type { TestApp } from './testing/test-app.js';

const V1 = '/api/v1';

interface TaskAnswer {
  id: number;
  progress: number | null;
  leader?: string | null;
  version: number;
}

/** The store as an app sees it when another process writes: it hears no change. */
function deaf(store: Store): Store {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'onPlanChange') return () => () => undefined;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe.each(DIALECTS)('plan reads held by version on %s', (dialect) => {
  let t: TestApp;
  let plan: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    plan = `${V1}/plans/${t.published.plan.id}`;
  });

  it('answers the public with an ETag, shared-cache headers, and 304 for the same version', async () => {
    const first = await t.request('public', { url: plan });
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    expect(String(first.headers.vary)).toMatch(/Authorization/);
    expect(String(first.headers.vary)).toMatch(/Cookie/);

    const again = await t.request('public', { url: plan, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);

    const held = await t.request('public', { url: plan });
    expect(held.statusCode).toBe(200);
    expect(held.body).toBe(first.body);
  });

  it('never lets a shared cache keep a signed-in answer', async () => {
    for (const url of [plan, `${plan}/tasks/${t.taskA.id}`, `${V1}/plans/${t.draft.plan.id}`]) {
      const response = await t.request('leader', { url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('private, no-cache');
      expect(response.headers.etag, url).toBeDefined();
    }
    // Answers that are not plan reads keep no-store for a signed-in caller.
    const list = await t.request('leader', { url: `${V1}/plans` });
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
  });

  it('keeps personal data to callers with the right to it, whoever asked first', async () => {
    const url = `${plan}/tasks/${t.taskA.id}`;
    const publicFirst = await t.request('public', { url });
    const leader = await t.request('leader', { url });
    const publicAgain = await t.request('public', { url });
    expect(json<TaskAnswer>(publicFirst).leader).toBeUndefined();
    expect(json<TaskAnswer>(leader).leader).toBe('王区长');
    expect(json<TaskAnswer>(publicAgain).leader).toBeUndefined();
    expect(publicAgain.body).not.toContain('王区长');
    // The public's ETag never validates the signed-in answer, nor the other way round.
    expect(leader.headers.etag).not.toBe(publicFirst.headers.etag);
    const crossed = await t.request('public', {
      url,
      headers: { 'if-none-match': leader.headers.etag as string },
    });
    expect(crossed.statusCode).toBe(200);
    expect(crossed.body).not.toContain('王区长');

    const list = `${plan}/tasks?unitId=${t.unitA.id}&limit=50`;
    await t.request('leader', { url: list });
    expect((await t.request('public', { url: list })).body).not.toContain('王区长');
    expect((await t.request('leader', { url: list })).body).toContain('王区长');
  });

  it('answers NOT_FOUND for a draft or a missing plan to the public, and holds nothing for it', async () => {
    const draft = `${V1}/plans/${t.draft.plan.id}`;
    expect((await t.request('supervisor', { url: draft })).statusCode).toBe(200);
    const refused = await t.request('public', { url: draft });
    expect(refused.statusCode).toBe(404);
    expect(refused.headers.etag).toBeUndefined();
    expect((await t.request('public', { url: `${V1}/plans/999999` })).statusCode).toBe(404);
  });

  it('compresses by Accept-Encoding, the first answer and the held one alike', async () => {
    const url = `${V1}/public/plans/${t.published.plan.id}.json`;
    const plain = await t.request('public', { url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const response = await t.request('public', { url, headers: { 'accept-encoding': `${encoding}` } });
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(decode(response.rawPayload).toString()).toBe(plain.body);
    }
    // A read that was never held (another plan's CSV, first time) is compressed on its way out.
    const csvUrl = `${V1}/public/plans/${t.published.plan.id}/tasks.csv`;
    const csv = await t.request('public', { url: csvUrl, headers: { 'accept-encoding': 'gzip, br' } });
    expect(csv.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(csv.rawPayload).toString()).toContain('推进');
    // Answers that are not plan reads are compressed by the server too.
    const units = await t.request('supervisor', {
      url: `${V1}/plans`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(units.statusCode).toBe(200);
    expect(['gzip', undefined]).toContain(units.headers['content-encoding']);
    if (units.rawPayload.length > 1024) expect(units.headers['content-encoding']).toBe('gzip');
  });

  it('never answers an old version after a write commits, in a tight loop of writes and reads', async () => {
    const url = `${plan}/tasks/${t.taskB.id}`;
    const health = `${plan}/health`;
    // PostgreSQL: stamps from memory (the app's revision watch), moved by its own commits.
    await t.store.watchRevisions()?.whenLive();
    let etag = (await t.request('public', { url })).headers.etag as string;
    for (let i = 1; i <= 12; i++) {
      // Held before the write: the next read must not take it.
      await t.request('public', { url });
      await t.request('public', { url: health });
      const current = json<TaskAnswer>(await t.request('supervisor', { url }));
      const patched = await t.request('supervisor', {
        method: 'PATCH',
        url,
        payload: { weight: i + 1, version: current.version },
      });
      expect(patched.statusCode).toBe(200);
      const read = await t.request('public', { url, headers: { 'if-none-match': etag } });
      expect(read.statusCode).toBe(200);
      expect(json<{ weight: number }>(read).weight).toBe(i + 1);
      expect(read.headers.etag).not.toBe(etag);
      etag = read.headers.etag as string;
    }
  });

  it('sees a write made elsewhere (another process: no change heard) by the revision it reads', async () => {
    const app = await createApp({ store: deaf(t.store), webRoot: false });
    try {
      const url = `${plan}/tasks/${t.taskB.id}`;
      for (let i = 0; i < 4; i++) {
        const before = json<TaskAnswer & { weight: number }>(await app.inject({ url }));
        expect((await app.inject({ url })).body).toBe(JSON.stringify(before));
        await updateTask(
          t.store,
          t.published.plan.id,
          t.taskB.id,
          { weight: before.weight + 1 },
          before.version,
        );
        const after = json<{ weight: number }>(await app.inject({ url }));
        expect(after.weight).toBe(before.weight + 1);
      }
    } finally {
      await app.close();
    }
  });

  it('answers the public its held reads before authentication, and never a caller who is not the public', async () => {
    const url = `${plan}/outline`;
    const first = await t.request('public', { url });
    const hits = t.app.readCache.stats().hits;
    // The second read is the early one: the same bytes, ETag and shared-cache headers.
    const second = await t.request('public', { url });
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['cache-control']).toBe('public, no-cache');
    expect(second.headers['x-content-type-options']).toBe('nosniff');
    expect(t.app.readCache.stats().hits).toBeGreaterThan(hits);
    const etag = first.headers.etag as string;
    expect((await t.request('public', { url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    // A token, a session or a jurisdiction named: the usual way, with its own answer.
    const token = await t.app.inject({ url, headers: { authorization: 'Bearer not-a-token' } });
    expect(token.statusCode).toBe(401);
    const named = await t.app.inject({ url, headers: { 'x-luoshi-jurisdiction': '999999' } });
    expect(named.statusCode).toBe(404);
    const staff = await t.request('supervisor', { url });
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['cache-control']).toBe('private, no-cache');
  });

  it('stops answering the public a plan it held once the plan is unpublished, and again when published', async () => {
    const own = await createTestApp(dialect);
    try {
      const id = own.published.plan.id;
      const url = `${V1}/public/plans/${id}.json`;
      const held = await own.request('public', { url });
      expect(held.statusCode).toBe(200);
      expect((await own.request('public', { url })).body).toBe(held.body);
      const draft = await updatePlan(own.store, id, { state: 'draft' }, own.published.plan.version);
      expect((await own.request('public', { url })).statusCode).toBe(404);
      expect((await own.request('public', { url: `${V1}/plans/${id}` })).statusCode).toBe(404);
      await updatePlan(own.store, id, { state: 'published' }, draft.version);
      const again = await own.request('public', { url });
      expect(again.statusCode).toBe(200);
      expect(again.headers.etag).not.toBe(held.headers.etag);
    } finally {
      await own.app.close();
    }
  });

  it('holds answers within the bound it is given, and says how full it is', async () => {
    const small = await createTestApp(dialect, { readCacheBytes: 8192 });
    const id = small.published.plan.id;
    const urls = [`${V1}/plans/${id}`, `${V1}/plans/${id}/outline`, `${V1}/plans/${id}/health`];
    for (const url of urls) await small.request('public', { url });
    const open = `${V1}/public/plans/${id}.json`;
    const first = await small.request('public', { url: open });
    expect(first.rawPayload.length).toBeGreaterThan(8192);
    // Too large to hold: built again, the same each time.
    expect((await small.request('public', { url: open })).body).toBe(first.body);
    const stats = small.app.readCache.stats();
    expect(stats.maxBytes).toBe(8192);
    expect(stats.bytes).toBeGreaterThan(0);
    expect(stats.bytes).toBeLessThanOrEqual(8192);
    expect(stats.misses).toBeGreaterThanOrEqual(urls.length);
  });
});

describe('plan stamps read for concurrent callers', () => {
  it("shares a read among callers of one server, never a replica's with a caller of the primary", async () => {
    const asked: string[] = [];
    let lane = 'primary';
    const store = {
      plans: {
        findReadStampNow: () => undefined,
        findReadStamp: async (id: number) => {
          asked.push(lane);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { id, state: 'published' as const, revision: asked.length, createdAt: 'x' };
        },
      },
    } as unknown as Store;
    const stamps = new PlanStamps(store, () => lane);
    const first = stamps.read(1);
    // Arrived while the first read runs: the next read, shared by both.
    const second = stamps.read(1);
    const third = stamps.read(1);
    lane = 'replica';
    const fromReplica = stamps.read(1);
    const results = await Promise.all([first, second, third, fromReplica]);
    expect(asked).toEqual(['primary', 'replica', 'replica']);
    expect(results[1]).toBe(results[2]);
    expect(results[1]).not.toBe(results[0]);
    expect(results[3]).not.toBe(results[0]);
  });
});
