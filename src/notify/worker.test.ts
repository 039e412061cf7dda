import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDingtalkChannel } from './robots.js';
import { createMemoryOutbox } from './testing/memory-outbox.js';
import { oneItem } from './testing/notices.js';
import { startReceiver } from './testing/receiver.js';
import type { TestReceiver } from './testing/receiver.js';
import { createWebhookChannel } from './webhook.js';
import { createOutboxWorker } from './worker.js';
import type { ChannelAdapter } from './types.js';

const T0 = Date.parse('2024-06-04T01:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('outbox worker', () => {
  let platform: TestReceiver;
  let clock = T0;
  beforeAll(async () => {
    platform = await startReceiver();
  });
  afterAll(async () => platform.stop());
  beforeEach(() => {
    clock = T0;
    platform.requests.length = 0;
    platform.answer(() => ({ status: 200, body: {} }));
  });

  it('a channel down for an hour loses nothing: every message arrives once it is back, each once', async () => {
    const outbox = createMemoryOutbox();
    for (let i = 0; i < 30; i++)
      outbox.add(`m${i}`, { channel: 'webhook', url: `${platform.url}/hook` }, oneItem, iso(T0));
    const worker = createOutboxWorker({
      port: outbox,
      channels: { webhook: createWebhookChannel({ timeoutMs: 2000 }) },
      now: () => clock,
      batchSize: 100,
    });
    await platform.stop();
    // An hour of rounds every minute while the platform is down.
    for (; clock < T0 + 3600_000; clock += 60_000) await worker.runOnce();
    expect(outbox.rows.every((r) => r.state.status === 'pending' && r.state.attempts > 3)).toBe(true);
    await platform.restart();
    const back = clock;
    for (; clock < back + 11 * 60_000; clock += 60_000) await worker.runOnce();
    expect(outbox.rows.every((r) => r.state.status === 'sent')).toBe(true);
    const ids = platform.requests.map((r) => r.headers['x-luoshi-delivery']);
    expect(new Set(ids).size).toBe(30);
    expect(ids).toHaveLength(30);
    expect(outbox.rows[0]!.attempts.at(-1)).toMatchObject({ outcome: 'sent' });
    expect(outbox.rows[0]!.attempts.filter((a) => a.outcome === 'retry').length).toBe(
      outbox.rows[0]!.attempts.length - 1,
    );
  });

  it('two workers on one outbox never send the same message twice', async () => {
    const outbox = createMemoryOutbox();
    for (let i = 0; i < 40; i++)
      outbox.add(`m${i}`, { channel: 'webhook', url: `${platform.url}/hook` }, oneItem, iso(T0 - i));
    const channels = { webhook: createWebhookChannel() };
    const a = createOutboxWorker({ port: outbox, channels, now: () => clock, batchSize: 7, concurrency: 3 });
    const b = createOutboxWorker({ port: outbox, channels, now: () => clock, batchSize: 7, concurrency: 3 });
    for (let i = 0; i < 20 && outbox.rows.some((r) => r.state.status !== 'sent'); i++)
      await Promise.all([a.runOnce(), b.runOnce()]);
    const ids = platform.requests.map((r) => String(r.headers['x-luoshi-delivery']));
    expect(ids.sort()).toEqual(outbox.rows.map((r) => r.id).sort());
  });

  it('a worker that died mid-send leaves the message leased; after the lease it goes again under the same id', async () => {
    const outbox = createMemoryOutbox();
    outbox.add('m1', { channel: 'webhook', url: `${platform.url}/hook` }, oneItem, iso(T0));
    // The first worker claims, then "dies" before recording anything.
    const [claimed] = await outbox.claimDue(iso(clock), 10, iso(clock + 120_000));
    expect(claimed!.id).toBe('m1');
    const worker = createOutboxWorker({
      port: outbox,
      channels: { webhook: createWebhookChannel() },
      now: () => clock,
    });
    expect(await worker.runOnce()).toBe(0);
    clock += 120_000;
    expect(await worker.runOnce()).toBe(1);
    expect(platform.requests.map((r) => r.headers['x-luoshi-delivery'])).toEqual(['m1']);
    // The dead worker's late result cannot overwrite the new one.
    expect(
      await outbox.recordAttempt('m1', claimed!.leaseToken, claimed!.state, {
        attempt: 1,
        at: iso(clock),
        outcome: 'retry',
        detail: 'late',
        nextAttemptAt: null,
      }),
    ).toBe(false);
    expect(outbox.rows[0]!.state.status).toBe('sent');
  });

  it('spaces sends to one robot at its 20 a minute, putting the rest back without counting attempts', async () => {
    const outbox = createMemoryOutbox();
    const robot = { channel: 'dingtalk' as const, webhook: `${platform.url}/robot/send?access_token=t` };
    for (let i = 0; i < 25; i++) outbox.add(`r${i}`, robot, oneItem, iso(T0));
    platform.answer(() => ({ body: { errcode: 0, errmsg: 'ok' } }));
    const worker = createOutboxWorker({
      port: outbox,
      channels: { dingtalk: createDingtalkChannel() },
      now: () => clock,
      batchSize: 100,
      concurrency: 1,
    });
    await worker.runOnce();
    expect(platform.requests).toHaveLength(1);
    expect(outbox.rows.filter((r) => r.state.status === 'pending' && r.state.attempts === 0)).toHaveLength(
      24,
    );
    for (let i = 0; i < 120 && outbox.rows.some((r) => r.state.status !== 'sent'); i++) {
      clock += 1000;
      await worker.runOnce();
    }
    expect(platform.requests).toHaveLength(25);
    const spanMs = clock - T0;
    expect(spanMs).toBeGreaterThanOrEqual(24 * 3000);
  });

  it('an adapter that throws, or a channel not configured, is retried, never dropped', async () => {
    const outbox = createMemoryOutbox();
    outbox.add('e1', { channel: 'email', to: 'a@example.gov.cn' }, oneItem, iso(T0));
    outbox.add('w1', { channel: 'webhook', url: 'http://x' }, oneItem, iso(T0));
    const broken: ChannelAdapter<'webhook'> = {
      channel: 'webhook',
      send: () => Promise.reject(new Error('boom')),
    };
    const worker = createOutboxWorker({ port: outbox, channels: { webhook: broken }, now: () => clock });
    await worker.runOnce();
    expect(outbox.rows.map((r) => [r.id, r.state.status, r.state.lastError])).toEqual([
      ['e1', 'pending', 'the email channel is not configured'],
      ['w1', 'pending', 'the webhook channel failed: boom'],
    ]);
  });

  it('start() runs rounds until stop(), which waits for the sends in flight', async () => {
    const outbox = createMemoryOutbox();
    for (let i = 0; i < 5; i++)
      outbox.add(`s${i}`, { channel: 'webhook', url: `${platform.url}/hook` }, oneItem, iso(T0));
    const worker = createOutboxWorker({
      port: outbox,
      channels: { webhook: createWebhookChannel() },
      idleMs: 20,
    });
    worker.start();
    await platform.waitFor(5);
    await worker.stop();
    expect(worker.running).toBe(false);
    expect(outbox.rows.every((r) => r.state.status === 'sent')).toBe(true);
  });
});
