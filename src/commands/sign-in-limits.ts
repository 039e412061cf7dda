/**
 * Limits on failed sign-ins (issue 12.4), pure: an account that fails again and again locks for
 * a time that doubles with each further failure, whatever address the attempts come from; an
 * address that fails across accounts is stopped for the rest of its window. The counts live in
 * the database (store.limits, commands/sessions.ts), so every server process sees the same.
 */
import { AppError } from '../errors.js';

export interface SignInLimits {
  /** Failures of one account (since its last success, within `accountWindowMs`) before it locks. */
  accountFailures: number;
  /** The lock after `accountFailures` failures; each failure after that doubles it. */
  firstLockMs: number;
  /** The longest lock. */
  longestLockMs: number;
  /** How far back an account's failures count. */
  accountWindowMs: number;
  /** Failures from one client address, across accounts, within a window. */
  perAddress: { max: number; windowMs: number };
}

const MINUTE = 60_000;

/** Five failures lock an account for a minute, then 2, 4, 8… minutes, an hour at most. */
export const SIGN_IN_LIMITS: SignInLimits = {
  accountFailures: 5,
  firstLockMs: MINUTE,
  longestLockMs: 60 * MINUTE,
  accountWindowMs: 24 * 60 * MINUTE,
  perAddress: { max: 10, windowMs: MINUTE },
};

/** The buckets of store.limits the failures count in. */
export const SIGN_IN_BUCKETS = { account: 'sign-in-account', address: 'sign-in-address' } as const;

/**
 * When an account with `failures` failures, the last at `lastAt` (epoch ms), may sign in again:
 * null while it is under the threshold.
 * @example accountLockedUntil(6, 0, SIGN_IN_LIMITS) // 120000 (two minutes after the sixth)
 */
export function accountLockedUntil(failures: number, lastAt: number, limits: SignInLimits): number | null {
  if (failures < limits.accountFailures) return null;
  const doublings = Math.min(failures - limits.accountFailures, 30);
  return lastAt + Math.min(limits.longestLockMs, limits.firstLockMs * 2 ** doublings);
}

/** The key an account's failures count under: its username as typed, without case or spaces. */
export function accountKey(username: string): string {
  return username.trim().toLowerCase();
}

/** "14:05" in China Standard Time (UTC+8, the whole country's), for a message. */
function clockTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
}

function wait(until: number, at: number): string {
  return `请于 ${clockTime(until)}（约 ${Math.max(1, Math.ceil((until - at) / MINUTE))} 分钟后）再试`;
}

/** RATE_LIMITED for a locked account, saying when to retry. */
export function accountLocked(failures: number, until: number, at: number): AppError {
  return new AppError('RATE_LIMITED', `该账号已连续 ${failures} 次登录失败，暂停登录，${wait(until, at)}`, [
    { path: 'body.username', message: `locked until ${new Date(until).toISOString()}` },
  ]);
}

/** RATE_LIMITED for an address that failed too often across accounts, saying when to retry. */
export function addressLocked(until: number, at: number): AppError {
  return new AppError('RATE_LIMITED', `本机登录失败次数过多，暂停登录，${wait(until, at)}`, [
    { path: 'body', message: `locked until ${new Date(until).toISOString()}` },
  ]);
}
