import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedExamplePlan, seedUnits, seedUser } from '../../test/factories.js';
import { deriveActor } from '../plan/audit.js';
import { DEFAULT_CALENDAR } from '../requests/calendar.js';
import type { Unit, User } from '../plan/types.js';
import type { PlanSummary, Store } from '../store/index.js';
import { DEFAULT_CHASE_SETTINGS } from '../chase/policy.js';
import { runChase, saveChaseSettings } from './chase.js';
import { updateTask } from './items.js';
import { sendUnreadToInbox } from './handler-notices.js';
import { recordReceipt, saveSettings } from './notify.js';
import { moveInstructionItem, registerInstructionItem } from './work-sources.js';

const deps = { calendar: DEFAULT_CALENDAR, publicUrl: 'https://luoshi.example.gov.cn/' };
const beijing9 = (date: string) => `${date}T01:00:00.000Z`;

describe.each(DIALECTS)('the daily chase on %s', (dialect) => {
  let store: Store;
  let plan: PlanSummary;
  let unit: Unit;
  let reporter: User;
  let leader: User;
  let instructionId: number;

  beforeAll(async () => {
    store = await createTestStore(dialect);
    unit = (await seedUnits(store))['区发展改革委']!;
    const supervisor = deriveActor(await seedUser(store, 'supervisor'));
    reporter = await seedUser(store, 'reporter', {
      username: 'fgw',
      unitIds: [unit.id],
      displayName: '王芳',
    });
    leader = await seedUser(store, 'leader', { username: 'fgw-lead', displayName: '李主任' });
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
      leader.jurisdictionId,
      `user:${leader.id}`,
      { email: null, phone: '13900000009', channels: ['sms'], digest: null, quietHours: 'policy' },
      0,
      admin,
      at,
    );
    await saveSettings(
      store,
      unit.jurisdictionId!,
      `unit:${unit.id}`,
      { leaderUserId: leader.id, robots: [] },
      0,
      admin,
      at,
    );
    // Two plan tasks due 2024-09-30 and one 批示件 due the same day, all for the unit.
    plan = await seedExamplePlan(store);
    const tasks = (await store.tasks.list(plan.plan.id, { limit: 2 })).items;
    for (const t of tasks)
      await updateTask(store, plan.plan.id, t.id, { leadUnitId: unit.id, deadline: '2024-09-30' }, t.version);
    const i = await registerInstructionItem(
      store,
      {
        docNumber: '〔2024〕9号',
        title: '关于国庆假期安全生产的报告',
        leader: '张明区长',
        instructedOn: '2024-09-20',
        class: 'document',
        text: '请抓好落实。',
      },
      supervisor,
      at,
    );
    instructionId = (
      await moveInstructionItem(
        store,
        deps,
        i.id,
        { type: 'assign', leadUnitId: unit.id, dueOn: '2024-09-30' },
        i.version,
        supervisor,
        at,
      )
    ).id;
  });

  it('reminds the unit 3 working days ahead in one digest per person, with deep links, at 09:00', async () => {
    const result = await runChase(store, deps, '2024-09-26T00:30:00.000Z');
    expect(result.window).toEqual({ from: '2024-09-26', to: '2024-09-26' });
    // The 批示件 (3, 1 days ahead) is due for its reminder; plan tasks remind 5 and 1 days ahead.
    const reminders = (await store.outbox.list({ kind: 'chase.reminder' })).items;
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({
      destinationKey: 'email:wf@fgw.example.gov.cn',
      nextAttemptAt: '2024-09-26T01:00:00.000Z',
    });
    const message = await store.outbox.get(reminders[0]!.id);
    expect(message.notice.items.map((i) => i.link)).toEqual([
      `https://luoshi.example.gov.cn/work/instruction/${instructionId}`,
    ]);
    expect(message.notice.title).toBe(
      '【到期提醒】“张明区长批示：关于国庆假期安全生产的报告”还有3个工作日到期'.replace('张明区长批示：', ''),
    );
    // Run again the same day: nothing more.
    expect((await runChase(store, deps, '2024-09-26T05:00:00.000Z')).window).toBeNull();
  });

  it('after days without a run, chases the overdue work and escalates to the leader, each once', async () => {
    // 9-29 (a Sunday worked) held the 1-day reminders; the server was down until 10-10.
    const result = await runChase(store, deps, beijing9('2024-10-10'));
    expect(result.window).toEqual({ from: '2024-09-27', to: '2024-10-10' });
    const chasers = (await store.outbox.list({ kind: 'chase.chaser' })).items;
    expect(chasers).toHaveLength(1);
    const chaser = await store.outbox.get(chasers[0]!.id);
    expect(chaser.notice.title).toBe('【催办】3项工作已逾期未办结');
    expect(chaser.notice.items.map((i) => i.detail)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('重点任务，区发展改革委，已逾期'),
        expect.stringContaining('领导批示，区发展改革委，已逾期3个工作日'),
      ]),
    );
    const escalations = (await store.outbox.list({ kind: 'chase.escalation' })).items;
    // The 批示件 escalates at 3 working days overdue (10-10); plan tasks at 5.
    expect(escalations.map((m) => [m.destinationKey, m.title])).toEqual([
      ['sms:13900000009', '【督办提示】区发展改革委“关于国庆假期安全生产的报告”逾期3个工作日'],
    ]);
    expect((await store.outbox.list({ kind: 'chase.reminder' })).total).toBe(1);
    const again = await runChase(store, deps, beijing9('2024-10-10'));
    expect(again.window).toBeNull();
  });

  it('a task done is no longer chased', async () => {
    for (const t of (await store.tasks.list(plan.plan.id, { limit: 2 })).items) {
      await updateTask(store, plan.plan.id, t.id, { state: 'done', progress: 100 }, t.version);
    }
    const before = (await store.outbox.list({ kind: 'chase.escalation' })).total;
    // 10-12 (a Saturday worked) is the 5th working day overdue: plan tasks would escalate, but they are done.
    await runChase(store, deps, beijing9('2024-10-14'));
    expect((await store.outbox.list({ kind: 'chase.escalation' })).total).toBe(before);
  });
});

describe.each(DIALECTS)('a chase run read and queued a slice at a time on %s', (dialect) => {
  it('queues each item once whatever the pace: pages of 2 tasks, 2 messages per transaction', async () => {
    const store = await createTestStore(dialect);
    const unit = (await seedUnits(store))['区发展改革委']!;
    const reporter = await seedUser(store, 'reporter', { username: 'fgw', unitIds: [unit.id] });
    const admin = deriveActor(await seedUser(store, 'admin'));
    const at = beijing9('2024-09-20');
    const prefs = { email: 'fgw@example.gov.cn', phone: null, channels: ['email'], quietHours: 'policy' };
    // One message per item (no digest), so that five tasks make five messages across slices.
    await saveSettings(
      store,
      reporter.jurisdictionId,
      `user:${reporter.id}`,
      { ...prefs, digest: false },
      0,
      admin,
      at,
    );
    const plan = await seedExamplePlan(store);
    const tasks = (await store.tasks.list(plan.plan.id, { limit: 5 })).items;
    expect(tasks).toHaveLength(5);
    for (const t of tasks)
      await updateTask(store, plan.plan.id, t.id, { leadUnitId: unit.id, deadline: '2024-09-27' }, t.version);
    // Thursday 2024-09-26: one working day before the Friday they are due.
    const pace = { batch: 2, readPage: 2, pauseMs: 0 };
    const result = await runChase(store, { ...deps, pace }, beijing9('2024-09-26'));
    expect(result).toMatchObject({ items: 5, events: 5, messages: 5 });
    const queued = (await store.outbox.list({ kind: 'chase.reminder' })).items;
    const links = await Promise.all(
      queued.map(async (m) => (await store.outbox.get(m.id)).notice.items[0]!.link),
    );
    expect(new Set(links)).toEqual(
      new Set(tasks.map((t) => `https://luoshi.example.gov.cn/plans/${plan.plan.id}/tasks/${t.id}`)),
    );
    const marks = await store.outbox.findMarks(tasks.map((t) => `task:${t.id}|reminder|1|2024-09-27`));
    expect(marks.size).toBe(5);
    await store.close();
  });
});

describe.each(DIALECTS)('the chase tells the named handler first on %s', (dialect) => {
  it('sends a task with a 经办人 to that person, and a task without one (or a disabled handler) to the unit', async () => {
    const store = await createTestStore(dialect);
    const unit = (await seedUnits(store))['区发展改革委']!;
    const admin = deriveActor(await seedUser(store, 'admin'));
    const at = beijing9('2024-09-20');
    const person = async (username: string, email: string) => {
      const user = await seedUser(store, 'reporter', { username, unitIds: [unit.id], displayName: username });
      await saveSettings(
        store,
        user.jurisdictionId,
        `user:${user.id}`,
        { email, phone: null, channels: ['email'], digest: null, quietHours: 'policy' },
        0,
        admin,
        at,
      );
      return user;
    };
    await person('inbox', 'inbox@fgw.example.gov.cn');
    const handler = await person('handler', 'handler@fgw.example.gov.cn');
    const away = await person('away', 'away@fgw.example.gov.cn');
    await store.users.update(away.id, { disabled: true });
    const plan = await seedExamplePlan(store);
    const tasks = (await store.tasks.list(plan.plan.id, { limit: 3 })).items;
    expect(tasks).toHaveLength(3);
    for (const t of tasks)
      await updateTask(store, plan.plan.id, t.id, { leadUnitId: unit.id, deadline: '2024-09-30' }, t.version);
    const assign = (itemId: number, handlerId: number) => ({
      kind: 'task' as const,
      itemId,
      unitId: unit.id,
      handlerId,
      assignedAt: at,
      assignedBy: null,
      reason: '分工',
    });
    await store.handlers.save([assign(tasks[0]!.id, handler.id), assign(tasks[1]!.id, away.id)]);

    // 9-29 (a Sunday worked) is the working day before 9-30: plan tasks are reminded.
    await runChase(store, deps, '2024-09-29T00:30:00.000Z');
    const reminders = (await store.outbox.list({ kind: 'chase.reminder' })).items;
    const linksTo = async (destination: string) => {
      const found = reminders.filter((m) => m.destinationKey === destination);
      const notices = await Promise.all(found.map((m) => store.outbox.get(m.id)));
      return notices.flatMap((m) => m.notice.items.map((i) => i.link)).sort();
    };
    const link = (id: number) => `https://luoshi.example.gov.cn/plans/${plan.plan.id}/tasks/${id}`;
    // The handler hears of their task; the unit's other people do not (they hear of the rest,
    // as does the handler, one of the unit's people).
    expect(await linksTo('email:handler@fgw.example.gov.cn')).toEqual(tasks.map((t) => link(t.id)).sort());
    expect(await linksTo('email:inbox@fgw.example.gov.cn')).toEqual(
      [link(tasks[1]!.id), link(tasks[2]!.id)].sort(),
    );
    expect(await linksTo('email:away@fgw.example.gov.cn')).toEqual([]);

    // The unit's copy of the handler's reminder is held until 4 hours after the send hour (09:00).
    const [held] = await store.fallbacks.listForItem('task', tasks[0]!.id);
    expect(held).toMatchObject({ handler_id: handler.id, due_at: '2024-09-29T05:00:00.000Z', done_at: null });
    expect(await sendUnreadToInbox(store, '2024-09-29T04:59:00.000Z')).toEqual({ sent: 0, read: 0, done: 0 });
    // The handler's mail reports it read: the unit is not told.
    const mail = reminders.find((m) => m.destinationKey === 'email:handler@fgw.example.gov.cn')!;
    await recordReceipt(store, { messageId: mail.id, status: 'read', at: '2024-09-29T02:00:00.000Z' });
    expect(await sendUnreadToInbox(store, '2024-09-29T05:01:00.000Z')).toEqual({ sent: 0, read: 1, done: 0 });
    expect((await store.outbox.list({ kind: 'chase.reminder' })).total).toBe(reminders.length);
    await store.close();
  });

  it('sends the unit its copy of a reminder the handler has not read after the hours', async () => {
    const store = await createTestStore(dialect);
    const unit = (await seedUnits(store))['区发展改革委']!;
    const admin = deriveActor(await seedUser(store, 'admin'));
    const at = beijing9('2024-09-20');
    const people = [];
    for (const [username, email] of [
      ['inbox', 'inbox@fgw.example.gov.cn'],
      ['handler', 'handler@fgw.example.gov.cn'],
    ] as const) {
      const user = await seedUser(store, 'reporter', { username, unitIds: [unit.id], displayName: username });
      await saveSettings(
        store,
        user.jurisdictionId,
        `user:${user.id}`,
        { email, phone: null, channels: ['email'], digest: false, quietHours: 'policy' },
        0,
        admin,
        at,
      );
      people.push(user);
    }
    const plan = await seedExamplePlan(store);
    const [task] = (await store.tasks.list(plan.plan.id, { limit: 1 })).items;
    await updateTask(
      store,
      plan.plan.id,
      task!.id,
      { leadUnitId: unit.id, deadline: '2024-09-30' },
      task!.version,
    );
    await store.handlers.save([
      {
        kind: 'task',
        itemId: task!.id,
        unitId: unit.id,
        handlerId: people[1]!.id,
        assignedAt: at,
        assignedBy: null,
        reason: '分工',
      },
    ]);
    await runChase(store, deps, '2024-09-29T00:30:00.000Z');
    const sentTo = async () =>
      (await store.outbox.list({ kind: 'chase.reminder' })).items.map((m) => m.destinationKey).sort();
    expect(await sentTo()).toEqual(['email:handler@fgw.example.gov.cn']);
    expect(await sendUnreadToInbox(store, '2024-09-29T05:01:00.000Z')).toEqual({ sent: 1, read: 0, done: 0 });
    expect(await sentTo()).toEqual(['email:handler@fgw.example.gov.cn', 'email:inbox@fgw.example.gov.cn']);
    const copy = (await store.outbox.list({ kind: 'chase.reminder' })).items.find(
      (m) => m.destinationKey === 'email:inbox@fgw.example.gov.cn',
    )!;
    expect((await store.outbox.get(copy.id)).notice.intro).toMatch(/^经办人handler4小时内未阅，转本单位/);
    await store.close();
  });
});

describe.each(DIALECTS)('the chase of each jurisdiction by its own settings on %s', (dialect) => {
  it('reminds each jurisdiction’s people at its own hour, signed by its own office; one that set nothing reaches no one', async () => {
    const store = await createTestStore(dialect);
    const district = (code: string, name: string) =>
      store.jurisdictions.insert({
        code,
        name,
        level: '区县',
        parentId: null,
        open311Id: code,
        settings: {},
      });
    const jingan = await district('310106', '上海市静安区');
    const huangpu = await district('310101', '上海市黄浦区');
    const admin = deriveActor(await seedUser(store, 'admin'));
    const at = beijing9('2024-09-20');
    for (const [i, jurisdictionId] of [1, jingan.id, huangpu.id].entries()) {
      const unit = (await seedUnits(store, jurisdictionId))['区发展改革委']!;
      const user = await seedUser(store, 'reporter', {
        username: `fgw${i}`,
        unitIds: [unit.id],
        jurisdictionId,
      });
      // Huangpu's office has set nothing: its people are reached in the app only.
      if (jurisdictionId !== huangpu.id) {
        await saveSettings(
          store,
          jurisdictionId,
          `user:${user.id}`,
          {
            email: `fgw@j${i}.example.gov.cn`,
            phone: null,
            channels: ['email'],
            digest: null,
            quietHours: 'policy',
          },
          0,
          admin,
          at,
        );
      }
      const plan = await seedExamplePlan(store, { jurisdictionId });
      const [task] = (await store.tasks.list(plan.plan.id, { limit: 1 })).items;
      await updateTask(
        store,
        plan.plan.id,
        task!.id,
        { leadUnitId: unit.id, deadline: '2024-09-30' },
        task!.version,
      );
    }
    await saveSettings(store, 1, 'office:notify', { sender: '区政府督查室' }, 0, admin, at);
    await saveSettings(store, jingan.id, 'office:notify', { sender: '静安区督查室' }, 0, admin, at);
    const plan = { ...DEFAULT_CHASE_SETTINGS.plan, sendAt: '10:30' };
    await saveChaseSettings(store, jingan.id, { ...DEFAULT_CHASE_SETTINGS, plan }, 0, admin, at);

    // 9-29 (a Sunday worked) is the working day before 9-30: each plan task is reminded.
    const result = await runChase(store, deps, '2024-09-29T00:30:00.000Z');
    expect(result).toMatchObject({ items: 3, events: 3 });
    const reminders = (await store.outbox.list({ kind: 'chase.reminder' })).items;
    const sent = await Promise.all(
      reminders.map(async (m) => [
        m.destinationKey,
        m.nextAttemptAt,
        (await store.outbox.get(m.id)).notice.sender,
      ]),
    );
    expect(sent.sort()).toEqual([
      ['email:fgw@j0.example.gov.cn', '2024-09-29T01:00:00.000Z', '区政府督查室'],
      ['email:fgw@j1.example.gov.cn', '2024-09-29T02:30:00.000Z', '静安区督查室'],
    ]);
    await store.close();
  });
});
