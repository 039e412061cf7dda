/**
 * Failed sign-ins (issue 12.4): five failures lock an account for a minute whatever address
 * they come from, each failure after a lock doubles it; the refusal says in words when to try
 * again, holds even for the right password, and is audited; a success clears the failures; an
 * address failing across accounts is stopped while others go on.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, TEST_PASSWORD, seedUser } from '../../../test/factories.js';
import { SIGN_IN_LIMITS, accountLockedUntil } from '../../commands/sign-in-limits.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const MINUTE = 60_000;

describe('the lock of an account', () => {
  it('starts at the fifth failure and doubles with each after it, an hour at most', () => {
    expect(accountLockedUntil(4, 0, SIGN_IN_LIMITS)).toBeNull();
    expect(accountLockedUntil(5, 0, SIGN_IN_LIMITS)).toBe(MINUTE);
    expect(accountLockedUntil(6, 0, SIGN_IN_LIMITS)).toBe(2 * MINUTE);
    expect(accountLockedUntil(8, 1000, SIGN_IN_LIMITS)).toBe(1000 + 8 * MINUTE);
    expect(accountLockedUntil(40, 0, SIGN_IN_LIMITS)).toBe(60 * MINUTE);
  });
});

describe.each(DIALECTS)('sign-in limits on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2026-03-02T06:00:00.000Z');
  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      now: () => clock,
      signInLimit: { max: 8, timeWindowMs: 10 * MINUTE },
    });
  });
  const signIn = (username: string, password: string, address: string) =>
    t.app.inject({
      method: 'POST',
      url: `${V1}/session`,
      remoteAddress: address,
      payload: { username, password },
    });
  const message = (response: LightMyRequestResponse) =>
    json<{ error: { message: string } }>(response).error.message;

  it('locks an account after five failures from any addresses, saying when, and doubles the lock', async () => {
    const user = await seedUser(t.store, 'supervisor', { username: 'locked-one' });
    // However the name is typed, the failures count for the one account.
    for (const [i, name] of ['locked-one', 'Locked-One', ' LOCKED-ONE', 'locked-one'].entries())
      expect((await signIn(name, 'wrong guess', `203.0.113.${i + 1}`)).statusCode).toBe(401);
    const fifth = await signIn('locked-one', 'wrong guess', '203.0.113.5');
    expect(fifth.statusCode).toBe(429);
    // 06:00 UTC is 14:00 in China: a minute later is 14:01.
    expect(message(fifth)).toBe('该账号已连续 5 次登录失败，暂停登录，请于 14:01（约 1 分钟后）再试');
    const rightPassword = await signIn('locked-one', TEST_PASSWORD, '198.51.100.77');
    expect(rightPassword.statusCode).toBe(429);
    expect(rightPassword.cookies).toEqual([]);

    const events = await t.store.audit.listUnplanned('user');
    expect(
      events.find((e) => e.action === 'user.sign-in-lock' && e.entityId === String(user.id)),
    ).toMatchObject({
      actorUserId: null,
      after: { failures: 5, lockedUntil: '2026-03-02T06:01:00.000Z', address: '203.0.113.5' },
    });

    later(MINUTE + 1000);
    const sixth = await signIn('locked-one', 'wrong again', '203.0.113.6');
    expect(sixth.statusCode).toBe(429);
    expect(message(sixth)).toContain('约 2 分钟后');
    later(2 * MINUTE + 1000);
    expect((await signIn('locked-one', TEST_PASSWORD, '203.0.113.6')).statusCode).toBe(200);
    // The success cleared the failures: one more wrong password is a plain 401 again.
    expect((await signIn('locked-one', 'wrong once', '203.0.113.6')).statusCode).toBe(401);
  });

  it('locks an account nobody has, as one that exists (no account is told apart)', async () => {
    for (let i = 1; i <= 4; i += 1)
      expect((await signIn('no-such-user', 'guess', `192.0.2.${i}`)).statusCode).toBe(401);
    expect((await signIn('no-such-user', 'guess', '192.0.2.9')).statusCode).toBe(429);
  });

  it('stops an address failing across accounts, while other addresses and accounts go on', async () => {
    later(60 * MINUTE);
    const address = '198.51.100.200';
    for (let i = 0; i < 8; i += 1)
      expect((await signIn(`sprayed-${i}`, 'Spring2026!', address)).statusCode).toBe(401);
    const stopped = await signIn('supervisor', TEST_PASSWORD, address);
    expect(stopped.statusCode).toBe(429);
    expect(message(stopped)).toMatch(/^本机登录失败次数过多，暂停登录，请于 \d\d:\d\d（约 10 分钟后）再试$/);
    expect((await signIn('supervisor', TEST_PASSWORD, '198.51.100.201')).statusCode).toBe(200);
    later(10 * MINUTE + 1000);
    expect((await signIn('supervisor', TEST_PASSWORD, address)).statusCode).toBe(200);
  });
});
