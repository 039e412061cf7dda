/**
 * Two server processes on one database count the same limits (issue 12.4, 12.5): two apps, each
 * with its own connection to one database (a file for SQLite, one PostgreSQL database), share
 * the anonymous intake and upload counts and the failed sign-ins of an account; old counts are
 * pruned.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, TEST_PASSWORD, seedJurisdiction, seedUser } from '../../test/factories.js';
import { createTestDatabase } from '../../test/pg.js';
import { ANONYMOUS_LIMITS } from '../requests/index.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { createAnonymousGuard } from './anonymous-limits.js';
import { createApp } from './app.js';
import { JPEG } from './testing/pictures.js';
import { multipart } from './testing/test-app.js';

const V1 = '/api/v1';

describe.each(DIALECTS)('limits shared by two server processes on %s', (dialect) => {
  const stores: Store[] = [];
  const apps: FastifyInstance[] = [];
  let clock = new Date('2026-03-02T06:00:00.000Z');
  beforeAll(async () => {
    const url =
      dialect === 'sqlite'
        ? join(mkdtempSync(join(tmpdir(), 'luoshi-limits-')), 'shared.sqlite')
        : await createTestDatabase();
    for (let i = 0; i < 2; i += 1) stores.push(await openStore(url));
    await seedJurisdiction(stores[0]!);
    await seedUser(stores[0]!, 'supervisor', { username: 'shared-account' });
    for (const store of stores) apps.push(await createApp({ store, webRoot: false, now: () => clock }));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
  });
  const on = (i: number) => apps[i % 2]!;
  const intake = (n: number) => ({
    source: 'web',
    text: `回龙观西大街路口积水很深，车辆无法通行（第${n}次）`,
    category: '积水',
    location: { address: '回龙观西大街路口18号', area: '回龙观街道' },
    contact: { name: '市民', phone: `1370000${1000 + n}` },
  });

  it('counts an address’s intakes across both: the eleventh in a minute is refused by either', async () => {
    const { max } = ANONYMOUS_LIMITS.intakePerAddress;
    for (let i = 0; i < max; i += 1) {
      const answer = await on(i).inject({
        method: 'POST',
        url: `${V1}/requests`,
        remoteAddress: '203.0.113.50',
        payload: intake(i),
      });
      expect(answer.statusCode, answer.body).toBe(201);
    }
    for (const app of apps) {
      const refused = await app.inject({
        method: 'POST',
        url: `${V1}/requests`,
        remoteAddress: '203.0.113.50',
        payload: intake(max + 1),
      });
      expect(refused.statusCode).toBe(429);
    }
  });

  it('counts an address’s uploads across both', async () => {
    const { max } = ANONYMOUS_LIMITS.uploadsPerAddress;
    const upload = (i: number) =>
      on(i).inject({
        method: 'POST',
        url: `${V1}/requests/media`,
        remoteAddress: '203.0.113.60',
        ...multipart({ name: 'photo.jpg', content: JPEG, type: 'image/jpeg' }),
      });
    const answers = [];
    // Each process alone would take `max` a minute; together they take `max` only.
    for (let i = 0; i < max + 2; i += 1) answers.push((await upload(i)).statusCode);
    expect(answers.filter((s) => s === 201).length).toBeLessThanOrEqual(
      Math.min(max, ANONYMOUS_LIMITS.unclaimedFilesPerAddress),
    );
    expect(answers.at(-1)).toBe(429);
  });

  it('counts a route’s flood guard across both: the sixth comment code from one address is refused by either', async () => {
    const address = '203.0.113.70';
    const ask = (i: number) =>
      on(i).inject({
        method: 'POST',
        url: `${V1}/public/comment-codes`,
        remoteAddress: address,
        payload: { kind: 'phone', contact: `1390000${2000 + i}` },
      });
    const answers = [];
    // The route takes 5 a minute per address; each process alone would take 5.
    for (let i = 0; i < 5; i += 1) answers.push((await ask(i)).statusCode);
    expect(answers).toEqual([202, 202, 202, 202, 202]);
    const refused = [await ask(5), await ask(6)];
    expect(refused.map((r) => r.statusCode)).toEqual([429, 429]);
    expect(refused[0]!.body).toContain('RATE_LIMITED');
    const bucket = `route:POST ${V1}/public/comment-codes`;
    // Refused attempts are not counted: a flood leaves `max` rows.
    expect((await stores[1]!.limits.count(bucket, address, 0)).hits).toBe(5);
    // A minute later (by the app's clock) the address may ask again.
    clock = new Date(clock.getTime() + 61_000);
    expect((await ask(7)).statusCode).toBe(202);
  });

  it('locks an account failing on both, for both', async () => {
    const attempt = (i: number, password: string) =>
      on(i).inject({
        method: 'POST',
        url: `${V1}/session`,
        remoteAddress: `198.51.100.${i + 1}`,
        payload: { username: 'shared-account', password },
      });
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push((await attempt(i, 'wrong')).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 429]);
    expect((await attempt(0, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await attempt(1, TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('prunes each count once out of its window, from whichever process sweeps', async () => {
    const count = (bucket: string, key: string) => stores[0]!.limits.count(bucket, key, 0);
    expect((await count('intake-address', '203.0.113.50')).hits).toBe(ANONYMOUS_LIMITS.intakePerAddress.max);
    const phones = (await count('intake-phone', '13700001000')).hits;
    expect(phones).toBe(1);
    const guard = createAnonymousGuard(stores[1]!, () => clock);
    // Two minutes on: the address's minute has passed, the phone's day has not.
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect(await guard.sweep()).toBeGreaterThanOrEqual(ANONYMOUS_LIMITS.intakePerAddress.max);
    expect((await count('intake-address', '203.0.113.50')).hits).toBe(0);
    expect((await count('intake-phone', '13700001000')).hits).toBe(1);
    clock = new Date(clock.getTime() + ANONYMOUS_LIMITS.intakePerPhone.windowMs);
    await guard.sweep();
    expect((await count('intake-phone', '13700001000')).hits).toBe(0);
  });
});
