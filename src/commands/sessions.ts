/**
 * Sessions and API tokens: sign in (a session stored by the hash of its random id), sign out,
 * and an API token for scripts. Secrets are made here and shown once; the store keeps their
 * SHA-256 only (secrets.ts).
 */
import { AppError } from '../errors.js';
import type { User } from '../plan/types.js';
import { conflictOnUnique } from '../store/rows.js';
import type { Store } from '../store/types.js';
import { verifyPassword } from './passwords.js';
import { hashSecret, newSecret } from './secrets.js';
import {
  SIGN_IN_BUCKETS,
  SIGN_IN_LIMITS,
  accountKey,
  accountLocked,
  accountLockedUntil,
  addressLocked,
} from './sign-in-limits.js';
import type { SignInLimits } from './sign-in-limits.js';

/** The prefix marks Luoshi tokens in logs and secret scanners. */
const TOKEN_PREFIX = 'lst_';

/** Where a sign-in comes from and when, for its limits (sign-in-limits.ts). */
export interface SignInAttempt {
  /** The client address (behind TRUST_PROXY, the one the proxy names). */
  address: string;
  at: Date;
  limits?: SignInLimits;
}

/**
 * Signs a user in: RATE_LIMITED, before any password is checked, while the account or the
 * address is locked by earlier failures (saying when to retry); UNAUTHENTICATED for a wrong
 * username or password or a disabled account (one message for all, in about the same time),
 * counted against the account and the address, and RATE_LIMITED when that failure locks the
 * account (audited as `user.sign-in-lock` when the account exists); else a success clears the
 * account's failures and opens a session expiring at `expires`, with the secret id for the
 * cookie and the CSRF token. The counts are in the database: every server process sees them.
 */
export async function signIn(
  store: Store,
  credentials: { username: string; password: string },
  expires: Date,
  attempt: SignInAttempt,
): Promise<{ user: User; sessionId: string; csrfToken: string }> {
  const limits = attempt.limits ?? SIGN_IN_LIMITS;
  const at = attempt.at.getTime();
  const account = accountKey(credentials.username);
  const accountSince = at - limits.accountWindowMs + 1;
  const before = await store.limits.count(SIGN_IN_BUCKETS.account, account, accountSince);
  const lockedUntil = before.newest === null ? null : accountLockedUntil(before.hits, before.newest, limits);
  if (lockedUntil !== null && lockedUntil > at) throw accountLocked(before.hits, lockedUntil, at);
  const window = limits.perAddress;
  const fromAddress = await store.limits.count(
    SIGN_IN_BUCKETS.address,
    attempt.address,
    at - window.windowMs + 1,
  );
  if (fromAddress.hits >= window.max && fromAddress.oldest !== null)
    throw addressLocked(fromAddress.oldest + window.windowMs, at);

  const found = await store.users.findByUsername(credentials.username);
  const ok = await verifyPassword(found?.passwordHash, credentials.password);
  if (found === undefined || !ok || found.disabled) {
    await store.limits.hit(SIGN_IN_BUCKETS.address, attempt.address, at);
    await store.limits.hit(SIGN_IN_BUCKETS.account, account, at);
    const failures = before.hits + 1;
    const until = accountLockedUntil(failures, at, limits);
    if (until === null) throw new AppError('UNAUTHENTICATED', 'wrong username or password');
    if (found !== undefined) await recordLock(store, found, failures, until, attempt);
    throw accountLocked(failures, until, at);
  }
  await store.limits.clear(SIGN_IN_BUCKETS.account, account);
  const sessionId = newSecret();
  const csrfToken = newSecret();
  await store.sessions.insert({
    idHash: hashSecret(sessionId),
    userId: found.id,
    csrfToken,
    expiresAt: expires.toISOString(),
  });
  const { passwordHash: _hash, ...user } = found;
  void _hash;
  return { user, sessionId, csrfToken };
}

/** The audit event of an account locked by failed sign-ins: the system's act, on the user. */
async function recordLock(
  store: Store,
  user: Pick<User, 'id'>,
  failures: number,
  until: number,
  attempt: SignInAttempt,
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.audit.append({
      at: attempt.at.toISOString(),
      actor: null,
      entity: { type: 'user', id: user.id },
      planId: null,
      action: 'user.sign-in-lock',
      before: null,
      after: { failures, lockedUntil: new Date(until).toISOString(), address: attempt.address },
      reason: null,
    });
  });
}

/** Ends the session stored under `idHash` (sign-out, or a session found expired). */
export async function endSession(store: Store, idHash: string): Promise<void> {
  await store.sessions.delete(idHash);
}

/**
 * A new API token of `user`, named `name`, doing what `scopes` name, expiring at `expires`: the
 * secret, shown once, and its id.
 */
export async function createApiToken<S extends string>(
  store: Store,
  user: Pick<User, 'id'>,
  name: string,
  expires: Date,
  scopes: readonly S[],
): Promise<{ id: number; token: string; expiresAt: string; scopes: S[] }> {
  const token = newSecret(TOKEN_PREFIX);
  const expiresAt = expires.toISOString();
  const unique = [...new Set(scopes)];
  try {
    const { id } = await store.sessions.insertToken({
      tokenHash: hashSecret(token),
      userId: user.id,
      name,
      expiresAt,
      scopes: unique,
    });
    return { id, token, expiresAt, scopes: unique };
  } catch (error) {
    throw conflictOnUnique(error, 'this token already exists');
  }
}

/** Revokes the user's token `id`: NOT_FOUND when the user has no such token (another's included). */
export async function revokeApiToken(store: Store, user: Pick<User, 'id'>, id: number): Promise<void> {
  if (!(await store.sessions.deleteToken(user.id, id)))
    throw new AppError('NOT_FOUND', `you have no API token ${id}`, [
      { path: 'params.id', message: 'unknown' },
    ]);
}
