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

/** The prefix marks Luoshi tokens in logs and secret scanners. */
const TOKEN_PREFIX = 'lst_';

/**
 * Signs a user in: UNAUTHENTICATED for a wrong username or password or a disabled account (one
 * message for all, in about the same time); else a new session expiring at `expires`, with
 * the secret id for the cookie and the CSRF token.
 */
export async function signIn(
  store: Store,
  credentials: { username: string; password: string },
  expires: Date,
): Promise<{ user: User; sessionId: string; csrfToken: string }> {
  const found = await store.users.findByUsername(credentials.username);
  const ok = await verifyPassword(found?.passwordHash, credentials.password);
  if (found === undefined || !ok || found.disabled) {
    throw new AppError('UNAUTHENTICATED', 'wrong username or password');
  }
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

/** Ends the session stored under `idHash` (sign-out, or a session found expired). */
export async function endSession(store: Store, idHash: string): Promise<void> {
  await store.sessions.delete(idHash);
}

/** A new API token of `user`, named `name`, expiring at `expires`: the secret, shown once, and its id. */
export async function createApiToken(
  store: Store,
  user: Pick<User, 'id'>,
  name: string,
  expires: Date,
): Promise<{ id: number; token: string; expiresAt: string }> {
  const token = newSecret(TOKEN_PREFIX);
  const expiresAt = expires.toISOString();
  try {
    const { id } = await store.sessions.insertToken({
      tokenHash: hashSecret(token),
      userId: user.id,
      name,
      expiresAt,
    });
    return { id, token, expiresAt };
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
