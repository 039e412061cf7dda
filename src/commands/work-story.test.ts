/**
 * Issue 18.6, on both engines: a 批示件 from registration to closure, its 交办, reminder and
 * chaser actually received by a real local SMTP server and a platform webhook — the messages
 * queued by the commands and the daily chase, sent by the outbox worker over the channels
 * `luoshi serve` builds; then answered by the unit, closed by the leader, and chased no more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedUnits, seedUser } from '../../test/factories.js';
import { createChannels } from '../notify/channels.js';
import { emailConfigFromUrl } from '../notify/email.js';
import { startReceiver } from '../notify/testing/receiver.js';
import type { TestReceiver } from '../notify/testing/receiver.js';
import { startSmtpServer } from '../notify/testing/smtp.js';
import type { TestSmtpServer } from '../notify/testing/smtp.js';
import { createOutboxWorker } from '../notify/worker.js';
import type { OutboxWorker } from '../notify/worker.js';
import { deriveActor } from '../plan/audit.js';
import { DEFAULT_CALENDAR } from '../requests/calendar.js';
import type { Store } from '../store/index.js';
import { runChase } from './chase.js';
import { createOutboxPort, saveSettings } from './notify.js';
import { moveInstructionItem, registerInstructionItem } from './work-sources.js';

const deps = { calendar: DEFAULT_CALENDAR, publicUrl: 'https://luoshi.example.gov.cn/' };
const beijing9 = (date: string) => `${date}T01:00:00.000Z`;
const TITLE = '关于国庆假期安全生产的报告';

describe.each(DIALECTS)('a 批示件 chased through real channels on %s', (dialect) => {
  let store: Store;
  let smtp: TestSmtpServer;
  let hook: TestReceiver;
  let worker: OutboxWorker;
  let close: () => void;

  beforeAll(async () => {
    store = await createTestStore(dialect);
    smtp = await startSmtpServer();
    hook = await startReceiver();
    hook.answer(() => ({ status: 200, body: { ok: true } }));
    const channels = createChannels({
      email: emailConfigFromUrl(`smtp://127.0.0.1:${smtp.port}`, '区政府督查室 <duban@example.gov.cn>'),
    });
    close = channels.close;
    worker = createOutboxWorker({ port: createOutboxPort(store), channels: channels.set });
  });
  afterAll(async () => {
    close();
    await smtp.stop();
    await hook.stop();
  });

  /** Sends what is due, as the running worker would, until the outbox has nothing more. */
  async function deliver(): Promise<void> {
    while ((await worker.runOnce()) > 0);
  }

  it('registered, assigned, reminded and chased by e-mail and webhook, answered and closed', async () => {
    const unit = (await seedUnits(store))['区发展改革委']!;
    const reporter = await seedUser(store, 'reporter', {
      username: 'fgw',
      unitIds: [unit.id],
      displayName: '王芳',
    });
    const supervisor = deriveActor(await seedUser(store, 'supervisor'));
    const leader = deriveActor(
      await seedUser(store, 'leader', { username: 'zhangming', displayName: '张明' }),
    );
    const admin = deriveActor(await seedUser(store, 'admin'));
    const at = beijing9('2024-09-20');
    await saveSettings(
      store,
      reporter.jurisdictionId,
      `user:${reporter.id}`,
      {
        email: 'wf@fgw.example.gov.cn',
        phone: null,
        channels: ['email'],
        digest: null,
        quietHours: 'policy',
      },
      0,
      admin,
      at,
    );
    await saveSettings(
      store,
      unit.jurisdictionId!,
      `unit:${unit.id}`,
      {
        leaderUserId: null,
        robots: [
          { channel: 'webhook', name: '政务协同平台', url: `${hook.url}/hook`, secret: 'S3', enabled: true },
        ],
      },
      0,
      admin,
      at,
    );

    const registered = await registerInstructionItem(
      store,
      {
        docNumber: '区委办呈〔2024〕9号',
        title: TITLE,
        leader: '张明区长',
        instructedOn: '2024-09-20',
        class: 'document',
        text: '请抓好落实。',
      },
      supervisor,
      at,
    );
    let item = await moveInstructionItem(
      store,
      deps,
      registered.id,
      { type: 'assign', leadUnitId: unit.id, dueOn: '2024-09-30' },
      registered.version,
      supervisor,
      at,
    );
    const link = `https://luoshi.example.gov.cn/work/instruction/${item.id}`;

    // 交办: a mail to the unit's person and a message to its platform.
    await deliver();
    let mails = await smtp.waitFor(1);
    expect(mails.map((m) => m.parsed.subject)).toEqual([expect.stringContaining('【交办】')]);
    expect(mails[0]!.to).toEqual(['wf@fgw.example.gov.cn']);
    expect(mails[0]!.parsed.text).toContain(link);
    let posts = await hook.waitFor(1);
    expect(posts[0]!.body).toContain('【交办】');

    // 临近提醒, 3 working days ahead.
    await runChase(store, deps, '2024-09-26T00:30:00.000Z');
    await deliver();
    mails = await smtp.waitFor(2);
    expect(mails[1]!.parsed.subject).toContain('【到期提醒】');
    expect(mails[1]!.parsed.subject).toContain(TITLE);
    expect(mails[1]!.parsed.text).toContain(link);
    posts = await hook.waitFor(2);
    expect(posts[1]!.body).toContain('【到期提醒】');

    // 到期催办, the first working day after the deadline (National Day between).
    await runChase(store, deps, beijing9('2024-10-08'));
    await deliver();
    const chasers = (await smtp.waitFor(3)).filter((m) => m.parsed.subject?.includes('【催办】'));
    expect(chasers).toHaveLength(1);
    expect(chasers[0]!.parsed.text).toContain(link);
    expect(hook.requests.some((r) => r.body.includes('【催办】'))).toBe(true);
    // Every message of the item was sent, none failed: the delivery log says so.
    const log = await store.outbox.list({});
    expect(log.items.length).toBeGreaterThan(0);
    expect(log.items.every((m) => m.status === 'sent')).toBe(true);

    // Answered by the unit, closed by the leader; the unit is told, and the chase stops.
    const asUnit = deriveActor(reporter);
    item = await moveInstructionItem(
      store,
      deps,
      item.id,
      { type: 'answer', text: '已完成节前安全检查。' },
      item.version,
      asUnit,
      beijing9('2024-10-09'),
    );
    item = await moveInstructionItem(
      store,
      deps,
      item.id,
      { type: 'close', note: '同意办结' },
      item.version,
      leader,
      beijing9('2024-10-10'),
    );
    expect(item.state).toBe('closed');
    const before = smtp.mails.length;
    await deliver();
    const closing = (await smtp.waitFor(before + 1)).slice(before);
    expect(closing.map((m) => m.parsed.subject)).toEqual([expect.stringContaining('【已办结】')]);
    const chased = (await store.outbox.list({ kind: 'chase.chaser' })).total;
    await runChase(store, deps, beijing9('2024-10-14'));
    expect((await store.outbox.list({ kind: 'chase.chaser' })).total).toBe(chased);
  }, 60_000);
});
