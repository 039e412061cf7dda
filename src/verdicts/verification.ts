/**
 * Signing in to comment: a citizen proves a mobile number or an e-mail address with a six-digit
 * code. The contact is kept only as a keyed hash (HMAC with the deployment's secret), so the
 * comment tables name nobody; the code only as a hash, good for ten minutes and five tries;
 * codes to one contact at most one a minute and five a day.
 */
import { createHmac } from 'node:crypto';
import { AppError } from '../errors.js';
import { instantOf, throwIfAny } from './checks.js';
import { parseEmail } from './follow.js';
import { hashSecret, matchesHash } from './tokens.js';

export type ContactKind = 'phone' | 'email';

/**
 * A mainland mobile number as 11 digits, from what people type: spaces, dashes, +86 or 0086 in
 * front; undefined when it is not one.
 * @example
 * parseMobile('+86 138-0013-8000') // '13800138000'
 */
export function parseMobile(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

/**
 * The contact normalised (a mobile's 11 digits, an address in lower case); BAD_INPUT at
 * `contact` when it is not one of its kind.
 */
export function parseContact(kind: ContactKind, text: string): string {
  const value = kind === 'phone' ? parseMobile(text) : parseEmail(text);
  if (value === undefined) {
    throwIfAny(
      [
        {
          path: 'contact',
          message: kind === 'phone' ? 'must be a mainland mobile number' : 'must be an e-mail address',
        },
      ],
      'The contact is not valid',
    );
  }
  return value!;
}

/**
 * The commenter's key: HMAC-SHA256 of the kind and the normalised contact under the
 * deployment's secret (a plain hash of a mobile number is found by trying all of them).
 */
export function deriveCommenterKey(kind: ContactKind, contact: string, secret: string): string {
  if (secret.length < 16)
    throw new AppError('INTERNAL', 'The commenter secret must be 16 characters or more');
  return createHmac('sha256', secret).update(`${kind}:${contact}`, 'utf8').digest('hex');
}

export interface VerificationLimits {
  /** Minutes a code stays good. Default 10. */
  ttlMinutes: number;
  /** Wrong codes before a challenge is spent. Default 5. */
  maxAttempts: number;
  /** Seconds between two codes to one contact. Default 60. */
  minIntervalSeconds: number;
  /** Codes to one contact within 24 hours. Default 5. */
  perDay: number;
}

export const DEFAULT_VERIFICATION_LIMITS: Readonly<VerificationLimits> = Object.freeze({
  ttlMinutes: 10,
  maxAttempts: 5,
  minIntervalSeconds: 60,
  perDay: 5,
});

export interface Challenge {
  id: number;
  kind: ContactKind;
  /** `deriveCommenterKey` of the contact. */
  commenterKey: string;
  codeHash: string;
  createdAt: string;
  expiresAt: string;
  attempts: number;
  usedAt: string | null;
}

/**
 * A new code for a contact. `code` is six random digits from the caller; `recent` are the
 * challenges of the same commenter key. RATE_LIMITED when a code went to it less than a minute
 * ago or five went within a day. The caller sends the code to the contact (SMS or e-mail) and
 * keeps only the challenge.
 */
export function issueChallenge(
  input: { id: number; kind: ContactKind; commenterKey: string },
  code: string,
  now: string,
  recent: readonly Pick<Challenge, 'createdAt'>[],
  limits: VerificationLimits = DEFAULT_VERIFICATION_LIMITS,
): Challenge {
  const at = instantOf(now);
  if (!/^\d{6}$/.test(code)) throw new AppError('INTERNAL', 'A verification code is six digits');
  const ages = recent.map((c) => at - instantOf(c.createdAt, 'recent.createdAt'));
  if (ages.some((age) => age < limits.minIntervalSeconds * 1000)) {
    throw new AppError('RATE_LIMITED', `A code was sent less than ${limits.minIntervalSeconds} seconds ago`);
  }
  if (ages.filter((age) => age < 86_400_000).length >= limits.perDay) {
    throw new AppError('RATE_LIMITED', 'Too many codes to this contact today: try again tomorrow');
  }
  return {
    ...input,
    codeHash: hashSecret(`${input.commenterKey}:${code}`),
    createdAt: now,
    expiresAt: new Date(at + limits.ttlMinutes * 60_000).toISOString(),
    attempts: 0,
    usedAt: null,
  };
}

export type VerifyOutcome =
  | { ok: true; challenge: Challenge }
  | { ok: false; challenge: Challenge; reason: 'wrong' | 'expired' | 'spent' };

/**
 * Checks a code against its challenge. Answers the challenge as it must be stored either way
 * (a wrong code counts an attempt; a right one marks it used): the caller stores it, then
 * refuses (`ok` false) or signs the commenter in. `spent`: used already or out of attempts.
 */
export function verifyChallenge(
  challenge: Challenge,
  code: string,
  now: string,
  limits: VerificationLimits = DEFAULT_VERIFICATION_LIMITS,
): VerifyOutcome {
  const at = instantOf(now);
  if (challenge.usedAt !== null || challenge.attempts >= limits.maxAttempts) {
    return { ok: false, challenge, reason: 'spent' };
  }
  if (at > instantOf(challenge.expiresAt, 'expiresAt')) return { ok: false, challenge, reason: 'expired' };
  if (!matchesHash(`${challenge.commenterKey}:${code.trim()}`, challenge.codeHash)) {
    return { ok: false, challenge: { ...challenge, attempts: challenge.attempts + 1 }, reason: 'wrong' };
  }
  return { ok: true, challenge: { ...challenge, usedAt: now } };
}
