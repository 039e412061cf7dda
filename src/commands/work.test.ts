import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedUnits, seedUser } from '../../test/factories.js';
import { deriveActor } from '../plan/audit.js';
import type { Unit, User } from '../plan/types.js';
import type { Store } from '../store/index.js';
import { saveSettings } from './notify.js';
import {
  moveInstructionItem,
  moveProposalItem,
  registerInstructionItem,
  registerProposalItem,
} from './work-sources.js';

const ctx = { publicUrl: 'https://luoshi.example.gov.cn' };
/** 2024-06-04 09:00 Beijing. */
const NOW = '2024-06-04T01:00:00.000Z';

describe.each(DIALECTS)('other sources of work on %s', (dialect) => {
  let store: Store;
  let supervisor: User;
  let reporter: User;
  let coReporter: User;
  let lead: Unit;
  let co: Unit;

  beforeAll(async () => {
    store = await createTestStore(dialect);
    const units = await seedUnits(store);
    lead = units['区生态环境局']!;
    co = units['区财政局']!;
    supervisor = await seedUser(store, 'supervisor');
    reporter = await seedUser(store, 'reporter', {
      username: 'sthj',
      unitIds: [lead.id],
      displayName: '王芳',
    });
    coReporter = await seedUser(store, 'reporter', {
      username: 'czj',
      unitIds: [co.id],
      displayName: '赵强',
    });
    const admin = deriveActor(await seedUser(store, 'admin'));
    await saveSettings(
      store,
      reporter.jurisdictionId,
      `user:${reporter.id}`,
      {
        email: 'wangfang@sthj.example.gov.cn',
        phone: '13800000001',
        channels: ['email', 'sms'],
        digest: null,
        quietHours: 'policy',
      },
      0,
      admin,
      NOW,
    );
    await saveSettings(
      store,
      supervisor.jurisdictionId,
      `user:${supervisor.id}`,
      { email: 'duban@example.gov.cn', phone: null, channels: ['email'], digest: null, quietHours: 'policy' },
      0,
      admin,
      NOW,
    );
    await saveSettings(
      store,
      lead.jurisdictionId!,
      `unit:${lead.id}`,
      {
        leaderUserId: null,
        robots: [
          {
            channel: 'dingtalk',
            name: '生态环境局工作群',
            url: 'https://oapi.dingtalk.com/robot/send?access_token=t1',
            secret: 'SEC1',
            enabled: true,
          },
        ],
      },
      0,
      admin,
      NOW,
    );
  });

  it('a 批示件 goes from registration to closing, its ledger task kept in step, each step audited and told', async () => {
    const sup = deriveActor(supervisor);
    const registered = await registerInstructionItem(
      store,
      {
        docNumber: '区委办呈〔2024〕8号',
        title: '关于大气污染防治的报告',
        leader: '张明区长',
        instructedOn: '2024-06-03',
        class: 'document',
        text: '请区生态环境局牵头落实。',
      },
      sup,
      NOW,
    );
    expect(registered).toMatchObject({ source: 'instruction', state: 'registered', taskId: null });
    const ledger = await store.work.findLedger(1, 2024);
    expect(registered.planId).toBe(ledger);
    expect((await store.plans.get(ledger!)).title).toBe('2024年督查督办事项台账');

    const assigned = await moveInstructionItem(
      store,
      ctx,
      registered.id,
      { type: 'assign', leadUnitId: lead.id, coUnitIds: [co.id], dueOn: '2024-06-20' },
      registered.version,
      sup,
      NOW,
    );
    const task = await store.tasks.get(ledger!, assigned.taskId!);
    expect(task).toMatchObject({
      text: '张明区长批示：关于大气污染防治的报告（区委办呈〔2024〕8号）',
      leadUnitId: lead.id,
      coUnitIds: [co.id],
      deadline: '2024-06-20',
      leader: '张明区长',
      state: 'not_started',
    });
    const queued = (await store.outbox.list({ kind: 'work.assign' })).items;
    // 王芳 by e-mail and SMS, the unit's DingTalk group: 赵强 has no channel set, so the app only.
    expect(queued.map((m) => m.destinationKey).sort()).toEqual([
      'dingtalk:oapi.dingtalk.com/robot/send#t1',
      'email:wangfang@sthj.example.gov.cn',
      'sms:13800000001',
    ]);
    expect(queued[0]!.title).toBe('【交办】张明区长批示：关于大气污染防治的报告');

    const answered = await moveInstructionItem(
      store,
      ctx,
      assigned.id,
      { type: 'answer', text: '已完成重点企业排查整治。' },
      assigned.version,
      deriveActor(reporter),
      NOW,
    );
    expect(await store.tasks.get(ledger!, task.id)).toMatchObject({ state: 'done', progress: 100 });
    expect((await store.outbox.list({ kind: 'work.answer' })).items.map((m) => m.destinationKey)).toEqual([
      'email:duban@example.gov.cn',
    ]);

    await expect(
      moveInstructionItem(
        store,
        ctx,
        answered.id,
        { type: 'close' },
        answered.version,
        deriveActor(coReporter),
        NOW,
      ),
    ).rejects.toThrow(/leader’s office/);
    const closed = await moveInstructionItem(
      store,
      ctx,
      answered.id,
      { type: 'close', confirmedBy: '区长办公室 李秘书' },
      answered.version,
      sup,
      NOW,
    );
    expect(closed).toMatchObject({ state: 'closed', confirmedBy: '区长办公室 李秘书' });
    expect((await store.tasks.get(ledger!, task.id)).state).toBe('closed');
    const actions = (await store.audit.list(ledger!)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'instruction.register',
        'instruction.assign',
        'task.create',
        'instruction.answer',
        'task.update',
        'instruction.close',
      ]),
    );
    await expect(
      moveInstructionItem(
        store,
        ctx,
        closed.id,
        { type: 'reopen', reason: 'x', dueOn: '2024-07-01' },
        answered.version,
        sup,
        NOW,
      ),
    ).rejects.toThrow(/您编辑期间已有他人修改并保存了此内容/);
  });

  it('a 提案 rated 不满意 goes back to its host unit with a new deadline, its task in progress again', async () => {
    const sup = deriveActor(supervisor);
    const p = await registerProposalItem(
      store,
      {
        kind: 'proposal',
        number: '第0123号',
        session: '政协第九届三次会议',
        title: '关于加强河道生态治理的提案',
        authors: [{ name: '陈静', group: '农工党' }],
      },
      sup,
      NOW,
    );
    let item = await moveProposalItem(
      store,
      ctx,
      p.id,
      { type: 'assign', leadUnitId: lead.id, dueOn: '2024-09-04' },
      p.version,
      sup,
      NOW,
    );
    // Uploaded as the evidence route does: inside a transaction (it advances the plan).
    const file = await store.transaction(async (tx) => {
      await tx.plans.touch(item.planId);
      return tx.tracking.insertEvidence({
        planId: item.planId,
        unitId: lead.id,
        name: '答复函.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: new Uint8Array([80, 75, 3, 4]),
        uploadedBy: reporter.id,
        uploadedAt: NOW,
      });
    });
    item = await moveProposalItem(
      store,
      ctx,
      item.id,
      { type: 'answer', letterFileId: file.id, category: 'B', summary: '已列入明年计划' },
      item.version,
      deriveActor(reporter),
      NOW,
    );
    item = await moveProposalItem(
      store,
      ctx,
      item.id,
      { type: 'rate', rating: '不满意', comment: '未回应具体河段', dueOn: '2024-07-31' },
      item.version,
      sup,
      NOW,
    );
    expect(item).toMatchObject({ state: 'assigned', round: 2, dueOn: '2024-07-31' });
    expect(await store.tasks.get(item.planId, item.taskId!)).toMatchObject({
      state: 'in_progress',
      deadline: '2024-07-31',
    });
    const told = (await store.outbox.list({ kind: 'work.reopen_unsatisfied' })).items;
    expect(told.map((m) => m.title)).toContain('【重新办理】第0123号 关于加强河道生态治理的提案');
    expect((await store.work.listItems({ author: '陈静', rating: '不满意' })).items.map((i) => i.id)).toEqual(
      [item.id],
    );
  });
});
