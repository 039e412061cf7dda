/**
 * Limits on what anyone may send without signing in (issue 12.5): how many requests an address
 * or a phone number may file, and how much an address may upload before an intake takes the
 * files. A probe filed 100 anonymous requests in 0.7 s and grew the database by 55 MB with 52
 * uploads no request ever named; these are the numbers that stop it, and the rules that apply them.
 */
import { AppError } from '../errors.js';
import { MAX_MEDIA, MAX_MEDIA_BYTES } from './limits.js';
import { normalizeForRedaction } from './redact.js';

export interface WindowLimit {
  max: number;
  windowMs: number;
}

export interface AnonymousLimits {
  /** Intakes from one client address (the public web form and Open311 without a key). */
  intakePerAddress: WindowLimit;
  /** Intakes naming one contact phone, whatever the address (a phone is a person). */
  intakePerPhone: WindowLimit;
  /** Uploads from one client address. */
  uploadsPerAddress: WindowLimit;
  /** Bytes of files one address uploaded that no request took yet. */
  unclaimedBytesPerAddress: number;
  /** Files one address uploaded that no request took yet. */
  unclaimedFilesPerAddress: number;
  /** Bytes of unclaimed public uploads altogether: past it, uploads wait for the purge. */
  unclaimedBytesTotal: number;
  /** An unclaimed file is deleted this long after its upload. */
  unclaimedTtlMs: number;
  /** How often the purge runs. */
  purgeEveryMs: number;
}

const MINUTE = 60_000;
const MiB = 1024 * 1024;

/**
 * One citizen filing one request with all its files passes: nine files of up to 20 MiB. Ten
 * requests a minute from one address covers a service hall's shared computer; five a day per
 * phone covers a person with several problems.
 */
export const ANONYMOUS_LIMITS: AnonymousLimits = {
  intakePerAddress: { max: 10, windowMs: MINUTE },
  intakePerPhone: { max: 5, windowMs: 24 * 60 * MINUTE },
  uploadsPerAddress: { max: 20, windowMs: MINUTE },
  unclaimedBytesPerAddress: MAX_MEDIA * MAX_MEDIA_BYTES,
  unclaimedFilesPerAddress: MAX_MEDIA * 2,
  unclaimedBytesTotal: 1024 * MiB,
  unclaimedTtlMs: 60 * MINUTE,
  purgeEveryMs: 10 * MINUTE,
};

/**
 * A phone number as one key whatever its spelling: digits only (any script), without +86 /
 * 0086 before a mobile number. Undefined when fewer than five digits remain.
 * @example
 * canonicalPhone('+86 138-1234-5678') // '13812345678'
 * canonicalPhone('（010）6974 1234') // '01069741234'
 */
export function canonicalPhone(phone: string): string | undefined {
  const digits = normalizeForRedaction(phone).replace(/\D/g, '');
  const mobile = /^(?:0086|86)(1[3-9]\d{9})$/.exec(digits);
  const key = mobile?.[1] ?? digits;
  return key.length >= 5 ? key : undefined;
}

/** What an address has uploaded that no request took yet. */
export interface UnclaimedUsage {
  addressFiles: number;
  addressBytes: number;
  totalBytes: number;
}

/**
 * Refuses an upload that would take an address, or all unclaimed public uploads, past their
 * quota: RATE_LIMITED, saying which quota and when room comes back (the purge). A signed-in
 * user's uploads are not counted here.
 * @example
 * assertUnclaimedQuota({ addressFiles: 18, addressBytes: 0, totalBytes: 0 }, 10) // throws RATE_LIMITED
 */
export function assertUnclaimedQuota(
  usage: UnclaimedUsage,
  incomingBytes: number,
  limits: AnonymousLimits = ANONYMOUS_LIMITS,
): void {
  const minutes = Math.round(limits.unclaimedTtlMs / MINUTE);
  const refuse = (what: string): never => {
    throw new AppError(
      'RATE_LIMITED',
      `${what}：未提交诉求的附件在上传 ${minutes} 分钟后清除，请先提交诉求或稍后再传`,
      [{ path: 'file', message: what }],
    );
  };
  if (usage.addressFiles + 1 > limits.unclaimedFilesPerAddress)
    refuse(`本机已上传 ${usage.addressFiles} 个尚未提交的附件（上限 ${limits.unclaimedFilesPerAddress} 个）`);
  if (usage.addressBytes + incomingBytes > limits.unclaimedBytesPerAddress)
    refuse(`本机尚未提交的附件将超过 ${Math.round(limits.unclaimedBytesPerAddress / MiB)} MB`);
  if (usage.totalBytes + incomingBytes > limits.unclaimedBytesTotal) refuse('公众上传的待提交附件已达总容量');
}

/**
 * The instant before which unclaimed uploads are purged at `now`.
 * @example
 * deriveUnclaimedCutoff('2024-07-01T02:00:00.000Z') // '2024-07-01T01:00:00.000Z'
 */
export function deriveUnclaimedCutoff(now: string, limits: AnonymousLimits = ANONYMOUS_LIMITS): string {
  return new Date(Date.parse(now) - limits.unclaimedTtlMs).toISOString();
}
