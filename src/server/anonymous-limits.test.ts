/**
 * Anonymous writes against the limits (issue 12.5), through the API as the probe sent them:
 * intakes per client address and per contact phone (whatever its spelling), uploads per
 * address and the quota of uploads no request took; signed-in staff are not counted; the
 * windows reopen with time; unclaimed uploads are purged an hour after they came.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { purgeUnclaimedMedia } from '../commands/requests.js';
import { ANONYMOUS_LIMITS } from '../requests/index.js';
import { JPEG } from './testing/pictures.js';
import { createTestApp, json, multipart } from './testing/test-app.js';
import type { TestApp } from './testing/test-app.js';

const V1 = '/api/v1';

describe.each(DIALECTS)('anonymous write limits on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2024-07-01T02:00:00.000Z');
  let sent = 0;
  const intake = (phone: string, extra: Record<string, unknown> = {}) => ({
    source: 'web',
    text: `回龙观西大街路口积水很深，车辆无法通行（第${(sent += 1)}次）`,
    category: '积水',
    location: { address: '回龙观西大街路口18号', area: '回龙观街道' },
    contact: { name: '市民', phone },
    ...extra,
  });
  const file = (address: string, phone: string) =>
    t.app.inject({ method: 'POST', url: `${V1}/requests`, remoteAddress: address, payload: intake(phone) });
  const upload = (address: string) =>
    t.app.inject({
      method: 'POST',
      url: `${V1}/requests/media`,
      remoteAddress: address,
      ...multipart({ name: 'photo.jpg', content: JPEG, type: 'image/jpeg' }),
    });
  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
  });

  it('takes 10 intakes a minute from one address, then answers 429 in words; other addresses and staff go on', async () => {
    const { max } = ANONYMOUS_LIMITS.intakePerAddress;
    for (let i = 0; i < max; i += 1)
      expect((await file('203.0.113.1', `1380000${1000 + i}`)).statusCode).toBe(201);
    const refused = await file('203.0.113.1', '13900009999');
    expect(refused.statusCode).toBe(429);
    expect(json<{ error: { code: string; message: string } }>(refused).error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('本机提交诉求过于频繁'),
    });
    expect((await file('203.0.113.2', '13900009999')).statusCode).toBe(201);
    const staff = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/requests`,
      payload: intake('13900009998', { source: 'hotline' }),
    });
    expect(staff.statusCode).toBe(201);
    later(ANONYMOUS_LIMITS.intakePerAddress.windowMs + 1000);
    expect((await file('203.0.113.1', '13900009997')).statusCode).toBe(201);
  });

  it('takes 5 intakes a day naming one phone, however it is spelled, from any address', async () => {
    const spellings = [
      '13712345678',
      '137-1234-5678',
      '+86 137 1234 5678',
      '8613712345678',
      '0086 13712345678',
    ];
    for (const [i, phone] of spellings.entries())
      expect((await file(`198.51.100.${i + 1}`, phone)).statusCode, phone).toBe(201);
    const sixth = await file('198.51.100.99', '137 1234 5678');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain('body.contact.phone');
    later(ANONYMOUS_LIMITS.intakePerPhone.windowMs + 1000);
    expect((await file('198.51.100.99', '137 1234 5678')).statusCode).toBe(201);
  });

  it('takes 20 uploads a minute from one address, and at most 18 a request has not taken yet', async () => {
    const { max } = ANONYMOUS_LIMITS.uploadsPerAddress;
    for (let i = 0; i < max; i += 1) {
      const answer = await upload('192.0.2.1');
      expect(answer.statusCode, `${i}: ${answer.body}`).toBe(
        i < ANONYMOUS_LIMITS.unclaimedFilesPerAddress ? 201 : 429,
      );
    }
    const tooFast = await upload('192.0.2.1');
    expect(tooFast.statusCode).toBe(429);
    expect(tooFast.body).toContain('本机上传附件过于频繁');
    later(61_000);
    const overQuota = await upload('192.0.2.1');
    expect(overQuota.statusCode).toBe(429);
    expect(overQuota.body).toContain('尚未提交的附件');
    expect((await upload('192.0.2.2')).statusCode).toBe(201);
    // An intake taking its uploads frees the address's quota.
    later(61_000);
    const photo = json<{ ref: string }>(await upload('192.0.2.3'));
    const taken = await t.app.inject({
      method: 'POST',
      url: `${V1}/requests`,
      remoteAddress: '192.0.2.3',
      payload: intake('13600000001', {
        media: [{ ref: photo.ref, contentType: 'image/jpeg', bytes: JPEG.length }],
      }),
    });
    expect(taken.statusCode, taken.body).toBe(201);
  });

  it('purges the uploads no request took an hour after they came, and keeps those taken', async () => {
    const before = await t.store.media.unclaimedPublicBytes();
    expect(before).toBeGreaterThan(0);
    later(ANONYMOUS_LIMITS.unclaimedTtlMs + 1000);
    expect(await purgeUnclaimedMedia(t.store, clock)).toBeGreaterThan(0);
    expect(await t.store.media.unclaimedPublicBytes()).toBe(0);
    const orders = json<{ items: { id: number; media: unknown[] }[] }>(
      await t.request('admin', { url: `${V1}/requests?limit=100` }),
    );
    expect(orders.items.some((o) => o.media.length === 1)).toBe(true);
  });
});
