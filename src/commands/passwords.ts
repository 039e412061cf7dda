/**
 * Password hashing with argon2id (@node-rs/argon2 defaults: 19 MiB, 2 passes, 1 lane — the
 * OWASP minimum). About 85 ms per hash on this machine (STACK.md).
 */
import { hash, verify } from '@node-rs/argon2';

/** Passwords shorter than this are refused when set (the API's vocabulary, src/contract). */
export { MIN_PASSWORD_LENGTH } from '../contract/constants.js';

/** An argon2id PHC string for the password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * True when the password matches the hash. With no hash (unknown user) it still spends one
 * verification, so the answer time does not tell which usernames exist.
 */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hash('luoshi-timing-equaliser');
  const phc = passwordHash ?? (await dummyHash);
  try {
    const ok = await verify(phc, password);
    return ok && passwordHash !== undefined;
  } catch {
    // A malformed stored hash (e.g. an account created without a password) never matches.
    return false;
  }
}
