import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { checkKioskAccess, issueKioskToken, revokeKioskToken } from './kiosk.js';
import { leader, supervisor, token } from './test-fixtures.js';

const T0 = '2022-06-01T08:00:00.000Z';
const secret = token('kiosk');

function errorOf(fn: () => unknown): { code: string; paths: string[] } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, paths: error.details.map((d) => d.path) };
    throw error;
  }
  return { code: 'none', paths: [] };
}

function issued(days = 30) {
  return issueKioskToken(
    { id: 1, planId: 1, label: '区政府三楼会议室大屏', views: ['targets', 'worst', 'targets'], days },
    secret,
    supervisor,
    T0,
  ).kiosk;
}

describe('kiosk links', () => {
  it('open one plan’s chosen views until they expire, keeping only the hash', () => {
    const kiosk = issued();
    expect(kiosk).toMatchObject({
      views: ['targets', 'worst'],
      rotateSeconds: 30,
      expiresAt: '2022-07-01T08:00:00.000Z',
    });
    expect(JSON.stringify(kiosk)).not.toContain(secret);
    expect(checkKioskAccess(kiosk, secret, '2022-06-30T08:00:00.000Z', { planId: 1, view: 'worst' })).toBe(
      kiosk,
    );
  });

  it('refuse a wrong token, an expired or revoked link, another plan and a view out of scope', () => {
    const kiosk = issued();
    expect(errorOf(() => checkKioskAccess(kiosk, token('guess'), T0, { planId: 1 })).code).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorOf(() => checkKioskAccess(undefined, secret, T0, { planId: 1 })).code).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      errorOf(() => checkKioskAccess(kiosk, secret, '2022-07-01T08:00:00.000Z', { planId: 1 })).code,
    ).toBe('UNAUTHENTICATED');
    expect(errorOf(() => checkKioskAccess(kiosk, secret, T0, { planId: 2 })).code).toBe('FORBIDDEN');
    expect(errorOf(() => checkKioskAccess(kiosk, secret, T0, { planId: 1, view: 'units' })).code).toBe(
      'FORBIDDEN',
    );
    const { kiosk: revoked, event } = revokeKioskToken(kiosk, supervisor, '2022-06-02T08:00:00.000Z');
    expect(event?.action).toBe('kiosk.revoke');
    expect(
      errorOf(() => checkKioskAccess(revoked, secret, '2022-06-02T09:00:00.000Z', { planId: 1 })).code,
    ).toBe('UNAUTHENTICATED');
    expect(revokeKioskToken(revoked, supervisor, '2022-06-03T08:00:00.000Z').event).toBeNull();
  });

  it('only the plan office opens one, and every bad field is named', () => {
    expect(
      errorOf(() => issueKioskToken({ id: 1, planId: 1, label: 'x', views: ['targets'] }, secret, leader, T0))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      errorOf(() =>
        issueKioskToken(
          { id: 1, planId: 1, label: ' ', views: ['clock' as never], days: 400, rotateSeconds: 5 },
          secret,
          supervisor,
          T0,
        ),
      ),
    ).toEqual({ code: 'BAD_INPUT', paths: ['label', 'views.0', 'days', 'rotateSeconds'] });
  });
});
