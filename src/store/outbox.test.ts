import { describe, expect, it, beforeAll } from 'vitest';
import { DIALECTS, createTestStore } from '../../test/factories.js';
import type { Notice } from '../notify/types.js';
import type { NewOutboxMessage, Store } from './index.js';

const notice: Notice = {
  kind: 'chase.chaser',
  title: '【催办】测试',
  intro: '请办理',
  items: [{ title: '事项', link: 'https://x/1' }],
  sender: '督查室',
};
const T0 = '2024-06-04T01:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

function message(i: number, extra: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    id: `m-${i}`,
    dedupeKey: `k-${i}`,
    destination: { channel: 'email', to: `u${i}@example.gov.cn` },
    destinationKey: `email:u${i}@example.gov.cn`,
    notice,
    recipient: { userId: null, unitId: 3, label: `用户${i}` },
    queuedAt: T0,
    ...extra,
  };
}

describe.each(DIALECTS)('outbox on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore(dialect);
  });

  it('queues a message once per dedupe key, due at once or after quiet hours', async () => {
    expect(
      await store.outbox.enqueue([
        message(1),
        message(2, { notBefore: at(3600) }),
        message(99, { dedupeKey: 'k-1' }),
      ]),
    ).toBe(2);
    const page = await store.outbox.list({});
    expect(page.total).toBe(2);
    expect(page.items.map((m) => [m.id, m.status, m.nextAttemptAt])).toEqual(
      expect.arrayContaining([
        ['m-1', 'pending', T0],
        ['m-2', 'pending', at(3600)],
      ]),
    );
  });

  it('leases due messages to one claimer at a time, and takes back a lease that ended', async () => {
    await store.outbox.enqueue(Array.from({ length: 20 }, (_, i) => message(100 + i)));
    const claim = () => store.transaction((tx) => tx.outbox.claimDue(at(1), 8, at(121)));
    const [a, b, c] = await Promise.all([claim(), claim(), claim()]);
    const ids = [...a!, ...b!, ...c!].map((m) => m.id);
    // m-2 waits for its quiet hours; 21 are due, 3 × 8 claims take all of them, each once.
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(21);
    expect(ids).not.toContain('m-2');
    expect(await claim()).toEqual([]);
    // After the lease ends they are due again (a worker that died).
    const again = await store.transaction((tx) => tx.outbox.claimDue(at(200), 100, at(320)));
    expect(again.map((m) => m.id).sort()).toEqual(ids.sort());
    expect(again[0]!.destination).toEqual({
      channel: 'email',
      to: expect.stringMatching(/@example\.gov\.cn$/),
    });
  });

  it('records an attempt only under its lease, and keeps the log', async () => {
    const [m] = await store.transaction((tx) => tx.outbox.claimDue(at(400), 1, at(520)));
    const retry = {
      ...m!.state,
      status: 'pending' as const,
      attempts: 1,
      nextAttemptAt: at(430),
      lastError: 'down',
    };
    expect(
      await store.outbox.recordAttempt(m!.id, 'not-the-lease', retry, {
        attempt: 1,
        at: at(400),
        outcome: 'retry',
        detail: 'down',
        nextAttemptAt: at(430),
      }),
    ).toBe(false);
    expect(
      await store.outbox.recordAttempt(m!.id, m!.leaseToken, retry, {
        attempt: 1,
        at: at(400),
        outcome: 'retry',
        detail: 'down',
        nextAttemptAt: at(430),
      }),
    ).toBe(true);
    const sent = {
      ...retry,
      status: 'sent' as const,
      attempts: 2,
      nextAttemptAt: null,
      lastError: null,
      sentAt: at(431),
      providerId: 'p-1',
    };
    const again = (await store.transaction((tx) => tx.outbox.claimDue(at(431), 50, at(551)))).find(
      (x) => x.id === m!.id,
    );
    expect(again!.state.attempts).toBe(1);
    await store.outbox.recordAttempt(again!.id, again!.leaseToken, sent, {
      attempt: 2,
      at: at(431),
      outcome: 'sent',
      detail: '250 OK',
      nextAttemptAt: null,
    });
    expect(await store.outbox.listAttempts(m!.id)).toEqual([
      { attempt: 1, at: at(400), outcome: 'retry', detail: 'down', nextAttemptAt: at(430) },
      { attempt: 2, at: at(431), outcome: 'sent', detail: '250 OK', nextAttemptAt: null },
    ]);
    expect(await store.outbox.recordReceipt({ providerId: 'p-1', status: 'read', at: at(500) })).toBe(m!.id);
    expect((await store.outbox.get(m!.id)).readAt).toBe(at(500));
  });

  it('an admin requeues a failed message; counts by status; chase marks are kept once', async () => {
    await store.outbox.enqueue([message(500)]);
    const [m] = await store
      .transaction((tx) => tx.outbox.claimDue(at(600), 100, at(720)))
      .then((all) => all.filter((x) => x.id === 'm-500'));
    await store.outbox.recordAttempt(
      m!.id,
      m!.leaseToken,
      { ...m!.state, status: 'failed', attempts: 1, lastError: '550' },
      { attempt: 1, at: at(600), outcome: 'failed', detail: '550', nextAttemptAt: null },
    );
    expect((await store.outbox.list({ status: 'failed' })).items.map((x) => x.id)).toContain('m-500');
    expect(await store.outbox.requeue('m-500', at(700))).toBe(true);
    expect(await store.outbox.requeue('m-500', at(700))).toBe(false);
    const counts = await store.outbox.countByStatus();
    expect(counts.failed).toBe(0);
    await store.outbox.insertMarks(['a|reminder|3|2024-06-10', 'b|chaser|1|2024-06-01'], T0);
    await store.outbox.insertMarks(['a|reminder|3|2024-06-10'], T0);
    expect(await store.outbox.findMarks(['a|reminder|3|2024-06-10', 'c|x|1|2024-01-01'])).toEqual(
      new Set(['a|reminder|3|2024-06-10']),
    );
  });
});
