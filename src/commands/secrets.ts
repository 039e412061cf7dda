/**
 * Random secrets (session ids, CSRF and API tokens) and the one-way hash they are stored by.
 * The store only ever sees `hashSecret(secret)`, so a leaked database opens no session.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits, safe in cookies and headers. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a secret: what the store keeps. A fast hash is enough for 256-bit secrets. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two secrets in constant time; false when either is missing. */
export function isSameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
