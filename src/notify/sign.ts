/**
 * Signatures the channels ask for: DingTalk's 加签 (HMAC-SHA256 of "timestamp\nsecret",
 * base64), and Luoshi's own HMAC-SHA256 over "timestamp.body" for the generic webhook and
 * SMS gateways. Verification compares in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DingTalk's custom-robot signature for a millisecond timestamp: base64 of
 * HMAC-SHA256(secret, `${timestamp}\n${secret}`); the caller URL-encodes it into `&sign=`.
 * @example
 * dingtalkSign(1700000000000, 'SEC123') // 44 characters of base64
 */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * HMAC-SHA256 of `payload` with `secret`, as hex or base64.
 * @example
 * hmacSha256('k', 'v', 'hex').length // 64
 */
export function hmacSha256(secret: string, payload: string, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest(encoding);
}

/**
 * The generic webhook's signature header value: `sha256=` + hex HMAC of `${timestamp}.${body}`
 * (seconds), the scheme GitHub and Stripe use, so receivers can check with any HMAC library.
 */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${hmacSha256(secret, `${timestampSeconds}.${body}`, 'hex')}`;
}

/** Constant-time comparison of two signatures (false when lengths differ). */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks a signed callback (a receipt from a platform): the signature must match and the
 * timestamp be within `toleranceSeconds` of now (default 5 minutes), against replays.
 */
export function verifyWebhookSignature(
  secret: string,
  header: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (!header.timestamp || !header.signature || !/^\d+$/.test(header.timestamp)) return false;
  const ts = Number(header.timestamp);
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  return sameSignature(webhookSignature(secret, ts, body), header.signature);
}
