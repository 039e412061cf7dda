import { describe, expect, it } from 'vitest';
import { afterAttempt, DEFAULT_RETRY_POLICY, queuedState, requeueState, retryDelayMs } from './retry.js';
import type { DeliveryState } from './retry.js';

const flat = { ...DEFAULT_RETRY_POLICY, jitter: 0 };
const T0 = '2024-05-10T00:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const down = { status: 'failed', retryable: true, error: 'could not reach the robot' } as const;

describe('retry', () => {
  it('backs off 30 s, 1, 2, 4, 8 min, then stays at 10 min', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => retryDelayMs(n, 'm', flat) / 1000)).toEqual([
      30, 60, 120, 240, 480, 600, 600,
    ]);
  });

  it('spreads delays by the message id within the jitter, the same every time', () => {
    const a = retryDelayMs(2, 'a');
    expect(a).toBe(retryDelayMs(2, 'a'));
    const spread = new Set(Array.from({ length: 50 }, (_, i) => retryDelayMs(2, `m${i}`)));
    expect(spread.size).toBeGreaterThan(40);
    for (const d of spread) {
      expect(d).toBeGreaterThanOrEqual(48_000);
      expect(d).toBeLessThanOrEqual(72_000);
    }
  });

  it('a message through an hour-long outage is retried until the channel is back, then sent within 10 minutes', () => {
    let state: DeliveryState = queuedState(T0);
    let now = 0;
    const hour = 3600_000;
    while (now < hour) {
      const { state: next, record } = afterAttempt(state, down, 'm1', at(now), flat);
      expect(record.outcome).toBe('retry');
      state = next;
      now = Date.parse(state.nextAttemptAt!) - Date.parse(T0);
    }
    expect(now - hour).toBeLessThanOrEqual(10 * 60_000);
    const { state: sent } = afterAttempt(
      state,
      { status: 'sent', detail: '250 OK', providerId: 'q1' },
      'm1',
      at(now),
      flat,
    );
    expect(sent).toMatchObject({ status: 'sent', providerId: 'q1', lastError: null, nextAttemptAt: null });
    expect(sent.attempts).toBe(state.attempts + 1);
  });

  it('a failure that waiting cannot fix is failed at once, and kept for a resend', () => {
    const { state, record } = afterAttempt(
      queuedState(T0),
      { status: 'failed', retryable: false, error: '550 no such mailbox' },
      'm',
      T0,
    );
    expect(state).toMatchObject({ status: 'failed', attempts: 1, lastError: '550 no such mailbox' });
    expect(record).toMatchObject({ outcome: 'failed', attempt: 1 });
    const again = requeueState(state, at(5000));
    expect(again).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: at(5000),
      queuedAt: at(5000),
    });
  });

  it('honours a Retry-After longer than the backoff, and gives up after three days', () => {
    const limited = afterAttempt(queuedState(T0), { ...down, retryAfterMs: 120_000 }, 'm', T0, flat);
    expect(limited.state.nextAttemptAt).toBe(at(120_000));
    const old = afterAttempt({ ...queuedState(T0), attempts: 400 }, down, 'm', at(3 * 24 * 3600_000), flat);
    expect(old.state.status).toBe('failed');
    expect(old.record.detail).toContain('已尝试 401 次，不再重试');
  });

  it('a message queued in quiet hours waits for their end', () => {
    expect(queuedState(T0, at(8 * 3600_000)).nextAttemptAt).toBe(at(8 * 3600_000));
    expect(queuedState(T0, at(-1000)).nextAttemptAt).toBe(T0);
  });
});
