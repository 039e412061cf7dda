/**
 * The life of one queued message, as pure rules the outbox worker applies: after each attempt,
 * sent, tried again later (exponential backoff with jitter, capped so that a channel back
 * after an outage is used within minutes), or failed for good — and even then kept, in the
 * delivery log, for an admin to send again. Nothing here drops a message.
 */
import type { DeliveryResult } from './types.js';

export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  firstDelayMs: number;
  /** Each further delay is this many times the last. */
  factor: number;
  /** No delay is longer: a channel that comes back is used within this time. */
  maxDelayMs: number;
  /**
   * After this long since the message was queued, a retryable failure stops being retried and
   * the message is `failed` (still kept; an admin may send it again).
   */
  giveUpAfterMs: number;
  /** ± this share of each delay, spread by the message id so retries do not come in a wave. */
  jitter: number;
}

/** 30 s, 1 min, 2 min, … capped at 10 min; given up after 3 days. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  firstDelayMs: 30_000,
  factor: 2,
  maxDelayMs: 10 * 60_000,
  giveUpAfterMs: 3 * 24 * 3600_000,
  jitter: 0.2,
});

/** Where a queued message stands. `sending` is held by one worker until its lease ends. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface DeliveryState {
  status: DeliveryStatus;
  /** Attempts made so far. */
  attempts: number;
  /** ISO instant the message was queued (the write that caused it). */
  queuedAt: string;
  /** ISO instant of the next attempt while pending. */
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  providerId: string | null;
}

/** One line of the delivery log: what one attempt did. */
export interface AttemptRecord {
  attempt: number;
  at: string;
  outcome: 'sent' | 'retry' | 'failed';
  detail: string;
  /** For a retry: when the next attempt is due. */
  nextAttemptAt: string | null;
}

/** A number in [0, 1) from a string, the same every time (FNV-1a). */
function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

/**
 * The delay before attempt `attempts + 1`, after `attempts` failed ones (≥ 1).
 * @example
 * retryDelayMs(1, 'm1', { ...DEFAULT_RETRY_POLICY, jitter: 0 }) // 30000
 * retryDelayMs(3, 'm1', { ...DEFAULT_RETRY_POLICY, jitter: 0 }) // 120000
 */
export function retryDelayMs(
  attempts: number,
  id: string,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number {
  const raw = policy.firstDelayMs * policy.factor ** Math.max(0, attempts - 1);
  const capped = Math.min(raw, policy.maxDelayMs);
  const spread = 1 + policy.jitter * (2 * unitHash(`${id}#${attempts}`) - 1);
  return Math.round(capped * spread);
}

/** A message just queued: due at once (or at `notBefore`, e.g. after quiet hours). */
export function queuedState(queuedAt: string, notBefore?: string): DeliveryState {
  return {
    status: 'pending',
    attempts: 0,
    queuedAt,
    nextAttemptAt: notBefore && Date.parse(notBefore) > Date.parse(queuedAt) ? notBefore : queuedAt,
    lastError: null,
    sentAt: null,
    providerId: null,
  };
}

/**
 * The state after one attempt's result, and its log line. A retryable failure is due again
 * after the backoff (or the channel's own Retry-After, whichever is later) unless the message
 * has waited longer than `giveUpAfterMs`; a failure that cannot succeed by waiting is `failed`
 * at once.
 */
export function afterAttempt(
  state: DeliveryState,
  result: DeliveryResult,
  id: string,
  now: string,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): { state: DeliveryState; record: AttemptRecord } {
  const attempt = state.attempts + 1;
  if (result.status === 'sent') {
    return {
      state: {
        ...state,
        status: 'sent',
        attempts: attempt,
        nextAttemptAt: null,
        sentAt: now,
        providerId: result.providerId ?? null,
        lastError: null,
      },
      record: { attempt, at: now, outcome: 'sent', detail: result.detail, nextAttemptAt: null },
    };
  }
  const nowMs = Date.parse(now);
  const tooOld = nowMs - Date.parse(state.queuedAt) >= policy.giveUpAfterMs;
  if (!result.retryable || tooOld) {
    const detail = result.retryable ? `${result.error}（已尝试 ${attempt} 次，不再重试）` : result.error;
    return {
      state: { ...state, status: 'failed', attempts: attempt, nextAttemptAt: null, lastError: detail },
      record: { attempt, at: now, outcome: 'failed', detail, nextAttemptAt: null },
    };
  }
  const delay = Math.max(retryDelayMs(attempt, id, policy), result.retryAfterMs ?? 0);
  const next = new Date(nowMs + delay).toISOString();
  return {
    state: { ...state, status: 'pending', attempts: attempt, nextAttemptAt: next, lastError: result.error },
    record: { attempt, at: now, outcome: 'retry', detail: result.error, nextAttemptAt: next },
  };
}

/**
 * A failed message queued again by an admin (发送失败 → 重新发送): pending now, its attempts
 * and history kept, its give-up clock restarted.
 */
export function requeueState(state: DeliveryState, now: string): DeliveryState {
  return { ...state, status: 'pending', nextAttemptAt: now, queuedAt: now };
}
