/**
 * Secrets in links and codes: the store keeps only their SHA-256, so a copy of the database
 * opens no follow, no comment account and no wall screen. Tokens are made by the caller
 * (`randomBytes(32).toString('base64url')`); the domain checks their shape and compares hashes
 * in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Shortest token accepted in a link (base64url of 24 random bytes or more). */
export const MIN_TOKEN_LENGTH = 32;

/**
 * The SHA-256 of a token or code, hex.
 * @example
 * hashSecret('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** True for a token of base64url characters at least `MIN_TOKEN_LENGTH` long (and at most 256). */
export function isTokenShape(token: string): boolean {
  return token.length >= MIN_TOKEN_LENGTH && token.length <= 256 && /^[A-Za-z0-9_-]+$/.test(token);
}

/** True when `secret` hashes to `hash`, compared in constant time. */
export function matchesHash(secret: string, hash: string | null): boolean {
  if (hash === null || !/^[0-9a-f]{64}$/.test(hash)) return false;
  return timingSafeEqual(Buffer.from(hashSecret(secret), 'hex'), Buffer.from(hash, 'hex'));
}
