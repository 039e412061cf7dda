import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  deriveCommenterKey,
  issueChallenge,
  parseContact,
  parseMobile,
  verifyChallenge,
} from './verification.js';

const SECRET = 'a-deployment-secret-of-enough-length';
const T0 = '2022-06-01T08:00:00.000Z';
const key = deriveCommenterKey('phone', '13800138000', SECRET);

function later(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000).toISOString();
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return 'none';
}

describe('contacts', () => {
  it('normalises a mainland mobile from what people type', () => {
    expect(parseMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(parseMobile('0086 13800138000')).toBe('13800138000');
    for (const bad of ['12800138000', '1380013800', '010-69741234', ''])
      expect(parseMobile(bad)).toBeUndefined();
  });

  it('refuses a bad contact at its path', () => {
    try {
      parseContact('phone', '12345');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'BAD_INPUT')).toBe(true);
      expect((error as { details: { path: string }[] }).details[0]!.path).toBe('contact');
    }
    expect(parseContact('email', ' Li@Example.CN ')).toBe('li@example.cn');
  });

  it('a commenter key is keyed by the secret: the number alone cannot give it', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toBe(deriveCommenterKey('phone', '13800138000', 'another-secret-of-enough-length'));
    expect(key).not.toBe(deriveCommenterKey('email', '13800138000', SECRET));
    expect(codeOf(() => deriveCommenterKey('phone', '13800138000', 'short'))).toBe('INTERNAL');
  });
});

describe('codes', () => {
  const issue = (at = T0, recent: { createdAt: string }[] = []) =>
    issueChallenge({ id: 1, kind: 'phone', commenterKey: key }, '482913', at, recent);

  it('keeps only the hash of the code, good for ten minutes', () => {
    const challenge = issue();
    expect(JSON.stringify(challenge)).not.toContain('482913');
    expect(challenge.expiresAt).toBe('2022-06-01T08:10:00.000Z');
  });

  it('the right code signs in once; a used challenge is spent', () => {
    const outcome = verifyChallenge(issue(), ' 482913 ', later(60));
    expect(outcome.ok).toBe(true);
    expect(verifyChallenge(outcome.challenge, '482913', later(70))).toMatchObject({
      ok: false,
      reason: 'spent',
    });
  });

  it('a wrong code counts an attempt; five wrong and the right one no longer works', () => {
    let challenge = issue();
    for (let i = 0; i < 5; i++) {
      const outcome = verifyChallenge(challenge, '000000', later(10 + i));
      expect(outcome).toMatchObject({ ok: false, reason: 'wrong' });
      challenge = outcome.challenge;
    }
    expect(challenge.attempts).toBe(5);
    expect(verifyChallenge(challenge, '482913', later(30))).toMatchObject({ ok: false, reason: 'spent' });
  });

  it('an expired code is refused', () => {
    expect(verifyChallenge(issue(), '482913', later(601))).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('one code a minute and five a day to one contact', () => {
    expect(codeOf(() => issue(later(30), [{ createdAt: T0 }]))).toBe('RATE_LIMITED');
    const five = [0, 1, 2, 3, 4].map((h) => ({ createdAt: later(h * 3600) }));
    expect(codeOf(() => issue(later(5 * 3600), five))).toBe('RATE_LIMITED');
    expect(issue(later(24 * 3600 + 1), five).attempts).toBe(0);
  });
});
