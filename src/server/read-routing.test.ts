/**
 * DATABASE_READ_URL (issue 16.5) against a real streaming replica of the test PostgreSQL server
 * (test/replica.ts): with the replica held at a point in time, what the public reads is the
 * replica's (the change made after the hold is not there) while staff read their own writes on
 * the primary, the public's writes still land (the standby is read-only, so they reached the
 * primary), and once the replica replays, the public sees the change.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedExamplePlan, seedJurisdiction, seedUser } from '../../test/factories.js';
import { createTestDatabase, testPostgresUrl } from '../../test/pg.js';
import { startReplica } from '../../test/replica.js';
import type { Replica } from '../../test/replica.js';
import { hashSecret } from '../commands/secrets.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';
import { isPublicRead } from './read-routing.js';

const V1 = '/api/v1';

describe('which server a request reads from', () => {
  const request = (method: string, headers: Record<string, string> = {}, query: object = {}) => ({
    method,
    headers,
    query,
  });
  it('sends the public’s reads to the replica, and everything else to the primary', () => {
    expect(isPublicRead(request('GET'), 'luoshi_session')).toBe(true);
    expect(isPublicRead(request('HEAD', { cookie: 'lang=zh' }), 'luoshi_session')).toBe(true);
    expect(isPublicRead(request('POST'), 'luoshi_session')).toBe(false);
    expect(isPublicRead(request('GET', { cookie: 'a=1; luoshi_session=abc' }), 'luoshi_session')).toBe(false);
    expect(isPublicRead(request('GET', { authorization: 'Bearer x' }), 'luoshi_session')).toBe(false);
    expect(isPublicRead(request('GET', { 'x-luoshi-kiosk': 'k' }), 'luoshi_session')).toBe(false);
    expect(isPublicRead(request('GET', {}, { api_key: 'k' }), 'luoshi_session')).toBe(false);
  });
});

describe('a streaming replica behind DATABASE_READ_URL', () => {
  let replica: Replica;
  let primary: Store;
  let standby: Store;
  let app: FastifyInstance;
  let planId: number;
  let version: number;
  const token = 'lst_read_routing_admin';

  beforeAll(async () => {
    const url = await createTestDatabase();
    primary = await openStore(url);
    await seedJurisdiction(primary);
    const admin = await seedUser(primary, 'admin');
    await primary.sessions.insertToken({
      tokenHash: hashSecret(token),
      userId: admin.id,
      name: 'tests',
      expiresAt: '2999-01-01T00:00:00.000Z',
    });
    const plan = (await seedExamplePlan(primary, { state: 'published' })).plan;
    planId = plan.id;
    version = plan.version;
    replica = await startReplica(testPostgresUrl());
    await replica.catchUp(testPostgresUrl());
    standby = await openStore(replica.urlFor(new URL(url).pathname.slice(1)), { migrate: false });
    app = await createApp({ store: primary, replica: standby, webRoot: false });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await standby?.close();
    await primary?.close();
    await replica?.stop();
  });

  const title = async (headers: Record<string, string> = {}) => {
    const answer = await app.inject({ method: 'GET', url: `${V1}/plans/${planId}`, headers });
    expect(answer.statusCode, answer.body).toBe(200);
    return (answer.json() as { plan: { title: string } }).plan.title;
  };
  const openDataTitle = async () => {
    const answer = await app.inject({ method: 'GET', url: `${V1}/public/plans/${planId}.json` });
    expect(answer.statusCode).toBe(200);
    return (JSON.parse(answer.body) as { plan: { title: string } }).plan.title;
  };

  it('answers the public from the replica and staff from the primary, and the public catches up', async () => {
    const before = await title();
    expect(await openDataTitle()).toBe(before);
    await replica.pauseReplay();
    try {
      const changed = await app.inject({
        method: 'PATCH',
        url: `${V1}/plans/${planId}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { title: '2022年北京市昌平区政府工作报告（修订）', version },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      // Staff read their own write at once, from the primary.
      expect(await title({ authorization: `Bearer ${token}` })).toBe(
        '2022年北京市昌平区政府工作报告（修订）',
      );
      // The public reads the replica, held before the write: the plan and its open data as they were.
      expect(await title()).toBe(before);
      expect(await openDataTitle()).toBe(before);
      // A write of the public goes to the primary (the standby would refuse it as read-only).
      const follow = await app.inject({
        method: 'POST',
        url: `${V1}/public/follows`,
        payload: {
          subject: { kind: 'plan', id: planId, planId },
          email: 'reader@example.com',
          cadence: 'weekly',
        },
      });
      expect(follow.statusCode, follow.body).toBe(202);
    } finally {
      await replica.resumeReplay();
    }
    await replica.catchUp(testPostgresUrl());
    expect(await title()).toBe('2022年北京市昌平区政府工作报告（修订）');
    expect(await openDataTitle()).toBe('2022年北京市昌平区政府工作报告（修订）');
  });
});
