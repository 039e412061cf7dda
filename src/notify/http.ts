/**
 * The HTTP side of the robot, SMS-gateway and webhook adapters: one POST with a time limit,
 * and one rule for which failures are worth retrying. Node's own fetch (undici); no client
 * library, since every channel here is one POST of JSON or a form.
 */
import { redactUrl } from './types.js';
import type { DeliveryResult } from './types.js';

/** A POST's outcome as the adapters read it: the status and the body, or why none came. */
export type HttpOutcome =
  { ok: true; status: number; body: string; retryAfterMs?: number } | { ok: false; error: string };

export interface PostOptions {
  headers?: Record<string, string>;
  /** Milliseconds before the request is abandoned (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** At most this much of a response body is read (a robot answers a few bytes of JSON). */
const MAX_BODY_CHARS = 64 * 1024;

/**
 * POSTs `body` to `url`. Never throws: a network error, a refused connection or a timeout
 * comes back as `{ ok: false }` with a message naming the host, never the query string.
 */
export async function post(url: string, body: string, options: PostOptions = {}): Promise<HttpOutcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: options.headers,
      signal,
      redirect: 'error',
    });
    const text = (await response.text()).slice(0, MAX_BODY_CHARS);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return {
      ok: true,
      status: response.status,
      body: text,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  } catch (error) {
    const where = redactUrl(url);
    if (timeout.aborted) return { ok: false, error: `${where} 在限定时间内未应答` };
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `无法连接 ${where}：${cause || message}` };
  }
}

/**
 * Milliseconds to wait from a Retry-After header (seconds or an HTTP date), or undefined.
 * @example
 * parseRetryAfter('120', 0) // 120000
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Whether an HTTP status is worth retrying: timeouts, rate limits and server errors are;
 * other client errors (a wrong address, a refused signature) will fail the same way again.
 * @example
 * isRetryableStatus(503) // true
 * isRetryableStatus(404) // false
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * The failure for an outcome that is not a 2xx answer, or undefined when it is one.
 * @example
 * failureOf({ ok: true, status: 502, body: '' }, 'the SMS gateway') // { status: 'failed', retryable: true, … }
 */
export function failureOf(
  outcome: HttpOutcome,
  who: string,
): Extract<DeliveryResult, { status: 'failed' }> | undefined {
  if (!outcome.ok) return { status: 'failed', retryable: true, error: outcome.error };
  if (outcome.status >= 200 && outcome.status < 300) return undefined;
  return {
    status: 'failed',
    retryable: isRetryableStatus(outcome.status),
    error: `${who}返回 HTTP ${outcome.status}${outcome.body ? `：${outcome.body.slice(0, 200)}` : ''}`,
    ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
  };
}

/** The body as JSON, or undefined when it is not JSON. */
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The value at a dot path of a JSON value ("result.code"), or undefined.
 * @example
 * valueAt({ result: { code: 0 } }, 'result.code') // 0
 */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
