/**
 * What `luoshi serve` runs beside the server sends followers their digests (issue 19.5), on both
 * engines: the confirmation of a follow (double opt-in) is e-mailed; after a change to the
 * followed commitment, the digest scheduler queues the period's digest and the outbox worker
 * e-mails it, exactly once however often the job runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import type { ChannelAdapter, OutgoingMessage } from '../notify/types.js';
import { deriveActor } from '../plan/audit.js';
import { createTestApp } from './testing/test-app.js';
import type { TestApp } from './testing/test-app.js';
import { startNotifications } from '../commands/notify-runtime.js';
import type { NotificationRuntime } from '../commands/notify-runtime.js';
import { giveItemVerdict } from '../commands/verdicts.js';

const SILENT = { info: () => {}, warn: () => {}, error: () => {} };

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(DIALECTS)('followers’ digests beside the server on %s', (dialect) => {
  let t: TestApp;
  let runtime: NotificationRuntime | undefined;
  const email = 'follower@example.cn';
  const sent: OutgoingMessage<'email'>[] = [];
  const mail: ChannelAdapter<'email'> = {
    channel: 'email',
    send: async (message) => {
      sent.push(message);
      return { status: 'sent', detail: '250 OK' };
    },
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2022-07-10T09:00:00.000Z') });
    const subject = { kind: 'task', id: t.taskA.id, planId: t.published.plan.id };
    await t.request('public', {
      method: 'POST',
      url: '/api/v1/public/follows',
      payload: { subject, email, cadence: 'daily' },
    });
    const confirm = (await t.store.follows.listMessages(email))[0]!.notice.link!;
    const confirmed = await t.request('public', {
      method: 'POST',
      url: '/api/v1/public/follows/confirm',
      payload: { token: new URL(confirm).searchParams.get('token') },
    });
    expect(confirmed.statusCode).toBe(200);
    await giveItemVerdict(
      t.store,
      t.published.plan.id,
      { type: 'task', id: t.taskA.id },
      { verdict: 'on_track', note: '征地已完成，恢复正常推进' },
      { health: 'on_track' },
      deriveActor(t.users.supervisor),
      '2022-07-10T10:00:00.000Z',
    );
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('e-mails the confirmation, then one digest of the day’s change however often the job runs', async () => {
    runtime = startNotifications({
      store: t.store,
      channels: { email: mail },
      publicUrl: 'https://luoshi.example.cn/',
      log: SILENT,
      idleMs: 20,
      digestEveryMs: 40,
      // Two days on (Beijing time): the day of the change has ended.
      now: () => new Date('2022-07-12T01:00:00.000Z'),
    });
    const digests = () => sent.filter((m) => m.notice.kind === 'follow.digest');
    await until(() => digests().length > 0);
    // Several more runs of the job (every 40 ms) and worker rounds: nothing more goes out.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await runtime.stop();
    runtime = undefined;
    expect(digests()).toHaveLength(1);
    const [digest] = digests();
    expect(digest!.destination).toEqual({ channel: 'email', to: email });
    expect(digest!.notice.items.map((i) => i.title)).toEqual([t.taskA.text]);
    expect(digest!.notice.items[0]!.detail).toContain('按计划推进');
    expect(digest!.notice.unsubscribeUrl).toMatch(
      /^https:\/\/luoshi\.example\.cn\/public\/follows\/unsubscribe\?token=/,
    );
    // The double opt-in's confirmation went out through the same outbox, once.
    const confirmations = sent.filter((m) => m.notice.kind === 'follow.confirm');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.destination.to).toBe(email);
    expect(confirmations[0]!.notice.link).toMatch(/\/public\/follows\/confirm\?token=/);
    // The record of follows' messages holds the one digest too.
    const recorded = (await t.store.follows.listMessages(email)).filter((m) => m.kind === 'follow.digest');
    expect(recorded).toHaveLength(1);
  });
});
