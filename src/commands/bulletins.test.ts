import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedExamplePlan, seedUnits, seedUser } from '../../test/factories.js';
import { deriveActor } from '../plan/audit.js';
import type { Unit, User } from '../plan/types.js';
import type { Store } from '../store/index.js';
import {
  buildBulletin,
  getIssuedBulletin,
  issueBulletin,
  listIssuedBulletins,
  loadDraft,
  saveDraft,
} from './bulletins.js';
import { DEFAULT_SCHEMES } from '../requests/scoring.js';
import { updateTask } from './items.js';
import type { RequestsSetup } from './requests-setup.js';
import { saveSettings } from './notify.js';
import { issueSupervisionNotice, moveNotice } from './supervision.js';

const ctx = { publicUrl: 'https://luoshi.example.gov.cn' };
const at = (date: string) => `${date}T02:00:00.000Z`;

/** The jurisdiction of the example plan and its units. */
const J = 1;

describe.each(DIALECTS)('the monthly 通报 from the store on %s', (dialect) => {
  let store: Store;
  let a: Unit;
  let b: Unit;
  let supervisor: User;
  let reporterA: User;
  let reporterC: User;

  beforeAll(async () => {
    store = await createTestStore(dialect);
    const units = await seedUnits(store);
    a = units['区发展改革委']!;
    b = units['区科委']!;
    supervisor = await seedUser(store, 'supervisor');
    reporterA = await seedUser(store, 'reporter', { username: 'a', unitIds: [a.id] });
    reporterC = await seedUser(store, 'reporter', { username: 'c', unitIds: [units['南口镇']!.id] });
    await saveSettings(
      store,
      reporterA.jurisdictionId,
      `user:${reporterA.id}`,
      { email: 'a@example.gov.cn', phone: null, channels: ['email'], digest: null, quietHours: 'policy' },
      0,
      deriveActor(supervisor),
      at('2024-05-01'),
    );
    const plan = (await seedExamplePlan(store)).plan.id;
    const [t1, t2, t3, t4] = (await store.tasks.list(plan, { limit: 4 })).items;
    const sup = { actor: { userId: supervisor.id, role: 'supervisor' as const }, at: at('2024-04-01') };
    // A: t1 due 5-10 done 5-08; t2 due 5-20 done 5-25 (late); t3 due 4-30 never done (overdue).
    // B: t4 due 5-31 done 5-31.
    for (const [t, unit, deadline] of [
      [t1, a, '2024-05-10'],
      [t2, a, '2024-05-20'],
      [t3, a, '2024-04-30'],
      [t4, b, '2024-05-31'],
    ] as const) {
      await updateTask(store, plan, t!.id, { leadUnitId: unit.id, deadline }, t!.version, sup);
    }
    const done = async (taskId: number, date: string) => {
      const task = await store.tasks.get(plan, taskId);
      await updateTask(store, plan, taskId, { state: 'done', progress: 100 }, task.version, {
        ...sup,
        at: at(date),
      });
    };
    await done(t1!.id, '2024-05-08');
    await done(t2!.id, '2024-05-25');
    await done(t4!.id, '2024-05-31');
    // One 督办单 to A in May, answered in May.
    const notice = await issueSupervisionNotice(
      store,
      plan,
      { subject: { type: 'task', id: t3!.id }, content: '请加快推进', dueOn: '2024-05-15' },
      deriveActor(supervisor),
      at('2024-05-06'),
    );
    await moveNotice(
      store,
      plan,
      notice.id,
      { type: 'answer', text: '正在推进' },
      notice.version,
      deriveActor(reporterA),
      at('2024-05-09'),
    );
  });

  it('counts the month from the store as counted by hand', async () => {
    const b5 = await buildBulletin(store, J, undefined, '2024-05', at('2024-06-03'));
    expect(
      b5.rows.map((r) => [
        r.unitName,
        r.due,
        r.doneOnTime,
        r.doneLate,
        r.overdue,
        r.noticesReceived,
        r.noticesAnswered,
      ]),
    ).toEqual([
      ['区发展改革委', 2, 1, 1, 1, 1, 1],
      ['区科委', 1, 1, 0, 0, 0, 0],
    ]);
    expect(b5.totals).toMatchObject({ due: 3, doneOnTime: 2, doneLate: 1, overdue: 1, onTimeRate: 2 / 3 });
    expect(b5.number).toBe('（待编号）');
  });

  it('has no 接诉即办 part for a month before the first scoring scheme, instead of failing', async () => {
    // The hotline joined in 2025: a 2024 bulletin is still the plan's bulletin, without 三率.
    const setup = {
      jurisdictionId: 1,
      units: [],
      schemes: { schemes: [{ ...DEFAULT_SCHEMES.schemes[0]!, effectiveFrom: '2025-01' }] },
    } as unknown as RequestsSetup;
    const b5 = await buildBulletin(store, J, setup, '2024-05', at('2024-06-03'));
    expect(b5.totals).toMatchObject({ due: 3, doneOnTime: 2, overdue: 1 });
    expect(b5.rows.map((r) => r.requests)).toEqual([null, null]);
  });

  it('issues the saved draft as revision 1, then a corrected revision 2; units read only what names them', async () => {
    const sup = deriveActor(supervisor);
    await expect(
      issueBulletin(store, J, undefined, '2024-05', 0, ctx, sup, at('2024-06-05')),
    ).rejects.toThrow('印发前请填写通报的文号');
    const saved = await saveDraft(
      store,
      J,
      '2024-05',
      {
        number: '督通〔2024〕5号',
        title: null,
        comments: [{ leader: '张明区长', text: '逾期事项要限期整改。' }],
        requirements: [],
      },
      0,
      sup,
      at('2024-06-04'),
    );
    await expect(
      issueBulletin(store, J, undefined, '2024-05', 0, ctx, sup, at('2024-06-05')),
    ).rejects.toThrow('通报稿在您预览后又有修改：请重新查看预览，再印发');
    const first = await issueBulletin(
      store,
      J,
      undefined,
      '2024-05',
      saved.version,
      ctx,
      sup,
      at('2024-06-05'),
    );
    expect(first).toMatchObject({
      revision: 1,
      number: '督通〔2024〕5号',
      title: '关于2024年5月份重点工作落实情况的通报',
      unitIds: [a.id, b.id],
    });
    const told = (await store.outbox.list({ kind: 'bulletin.issued' })).items;
    expect(told.map((m) => [m.destinationKey, m.title])).toEqual([
      ['email:a@example.gov.cn', '【通报】关于2024年5月份重点工作落实情况的通报'],
    ]);
    const again = await saveDraft(
      store,
      J,
      '2024-05',
      {
        ...(await loadDraft(store, J, '2024-05')).data,
        title: '关于2024年5月份重点工作落实情况的通报（更正）',
      },
      saved.version,
      sup,
      at('2024-06-06'),
    );
    const second = await issueBulletin(
      store,
      J,
      undefined,
      '2024-05',
      again.version,
      ctx,
      sup,
      at('2024-06-06'),
    );
    expect(second.revision).toBe(2);
    expect((await getIssuedBulletin(store, J, first.id, reporterA)).bulletin.comments).toEqual([
      { leader: '张明区长', text: '逾期事项要限期整改。' },
    ]);
    await expect(getIssuedBulletin(store, J, first.id, reporterC)).rejects.toThrow(
      '该通报未涉及贵单位，无权查看',
    );
    expect((await listIssuedBulletins(store, J, reporterC)).length).toBe(0);
    expect((await listIssuedBulletins(store, J, reporterA)).map((x) => x.revision)).toEqual([2, 1]);

    // Another jurisdiction's office: none of these bulletins, drafts or plans is its.
    const other = await store.jurisdictions.insert({
      code: '110115',
      name: '第二区',
      level: '区县',
      parentId: null,
      open311Id: '110115',
      settings: {},
    });
    await expect(getIssuedBulletin(store, other.id, first.id, supervisor)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await listIssuedBulletins(store, other.id, supervisor)).toEqual([]);
    expect((await loadDraft(store, other.id, '2024-05')).version).toBe(0);
    expect((await buildBulletin(store, other.id, undefined, '2024-05', at('2024-06-03'))).rows).toEqual([]);
    // Its own first issue of the month is its revision 1, beside this jurisdiction's two.
    const own = await saveDraft(
      store,
      other.id,
      '2024-05',
      { number: '二区督通〔2024〕1号', title: null, comments: [], requirements: [] },
      0,
      sup,
      at('2024-06-06'),
    );
    const theirs = await issueBulletin(
      store,
      other.id,
      undefined,
      '2024-05',
      own.version,
      ctx,
      sup,
      at('2024-06-07'),
    );
    expect(theirs).toMatchObject({ revision: 1, unitIds: [] });
    expect((await listIssuedBulletins(store, J, supervisor)).map((x) => x.id)).not.toContain(theirs.id);
  });
});
