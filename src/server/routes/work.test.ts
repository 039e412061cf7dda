import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { Meeting, WorkItem, WorkItemPage } from '../../contract/index.js';
import { createTestApp, json, multipart } from '../testing/test-app.js';
import { registerTestProposal, storeTestLetter } from '../testing/work-fixtures.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
/** 2024-06-04 09:00 Beijing. */
const NOW = new Date('2024-06-04T01:00:00.000Z');

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('work routes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      now: () => NOW,
      notify: { publicUrl: 'https://luoshi.example.gov.cn', channels: ['email', 'webhook'] },
    });
  });

  it('a 批示件 from registration to closing: the office assigns, the unit answers, the office closes; others see nothing', async () => {
    const refused = await t.request('reporter', {
      method: 'POST',
      url: `${V1}/work/instructions`,
      payload: { docNumber: 'x', title: 'x', leader: 'x', instructedOn: '2024-06-03', class: 'document' },
    });
    expect(refused.statusCode).toBe(403);

    const bad = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/instructions`,
      payload: {
        docNumber: '',
        title: '关于汛期安全工作的报告',
        leader: '张明区长',
        instructedOn: '2024-13-03',
        class: '文件',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      json<ErrorAnswer>(bad)
        .error.details.map((d) => d.path)
        .sort(),
    ).toEqual(['body.class', 'body.docNumber', 'body.instructedOn'].sort());

    const created = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/instructions`,
      payload: {
        docNumber: '区委办呈〔2024〕8号',
        title: '关于汛期安全工作的报告',
        leader: '张明区长',
        instructedOn: '2024-06-03',
        class: 'document',
        text: '请区水务局牵头抓好落实。',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    let item = json<WorkItem>(created);
    expect(item).toMatchObject({ source: 'instruction', state: 'registered', leader: '张明区长' });

    const move = (caller: Parameters<TestApp['request']>[0], payload: object) =>
      t.request(caller, { method: 'POST', url: `${V1}/work/instructions/${item.id}/actions`, payload });
    const assigned = await move('supervisor', {
      type: 'assign',
      leadUnitId: t.unitA.id,
      dueOn: '2024-06-20',
      requirement: '6月20日前报送落实情况',
      version: item.version,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    item = json<WorkItem>(assigned);
    expect(item).toMatchObject({ state: 'assigned', leadUnitId: t.unitA.id, dueOn: '2024-06-20' });
    expect(item.taskId).not.toBeNull();

    // The unit sees it in its list; another unit neither sees nor answers it.
    const mine = json<WorkItemPage>(
      await t.request('reporter', { url: `${V1}/work/items?kind=instruction` }),
    );
    expect(mine.items.map((i) => i.id)).toEqual([item.id]);
    const theirs = json<WorkItemPage>(await t.request('otherReporter', { url: `${V1}/work/items` }));
    expect(theirs.items.map((i) => i.id)).not.toContain(item.id);
    expect((await t.request('otherReporter', { url: `${V1}/work/items/${item.id}` })).statusCode).toBe(404);
    expect(
      (await move('otherReporter', { type: 'answer', text: '已落实', version: item.version })).statusCode,
    ).toBe(404);
    expect((await move('reporter', { type: 'answer', text: '', version: item.version })).statusCode).toBe(
      400,
    );

    const answered = await move('reporter', {
      type: 'answer',
      text: '已完成汛前隐患排查。',
      version: item.version,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    item = json<WorkItem>(answered);
    const stale = await move('supervisor', {
      type: 'close',
      confirmedBy: '区长办公室 李秘书',
      version: item.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    const closed = await move('supervisor', {
      type: 'close',
      confirmedBy: '区长办公室 李秘书',
      version: item.version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(json<WorkItem>(closed)).toMatchObject({ state: 'closed', confirmedBy: '区长办公室 李秘书' });
    expect((await t.store.tasks.get(item.planId, item.taskId!)).state).toBe('closed');
  });

  it('a 提案 rated 不满意 goes back to its unit; the desk finds it by member and rating', async () => {
    let item = await registerTestProposal(t, {
      number: '第0123号',
      title: '关于加强河道生态治理的提案',
      author: { name: '陈静', group: '农工党' },
    });
    const move = async (caller: Parameters<TestApp['request']>[0], payload: object) => {
      const r = await t.request(caller, {
        method: 'POST',
        url: `${V1}/work/proposals/${item.id}/actions`,
        payload,
      });
      expect(r.statusCode, r.body).toBe(200);
      item = json<WorkItem>(r);
    };
    await move('supervisor', {
      type: 'assign',
      leadUnitId: t.unitA.id,
      dueOn: '2024-09-04',
      version: item.version,
    });
    // Uploaded as the evidence route does: inside a transaction (it advances the plan).
    const letter = await storeTestLetter(t, item, t.unitA.id, t.users.reporter.id, NOW.toISOString());
    await move('reporter', {
      type: 'answer',
      letterFileId: letter.id,
      category: 'B',
      summary: '已列入明年计划',
      version: item.version,
    });
    const badRating = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/proposals/${item.id}/actions`,
      payload: { type: 'rate', rating: '很满意', version: item.version },
    });
    expect(badRating.statusCode).toBe(400);
    expect(json<ErrorAnswer>(badRating).error.details[0]?.path).toBe('body.rating');
    await move('supervisor', {
      type: 'rate',
      rating: '不满意',
      comment: '未回应具体河段',
      dueOn: '2024-07-31',
      version: item.version,
    });
    expect(item).toMatchObject({ state: 'assigned', round: 2, dueOn: '2024-07-31' });
    const desk = json<WorkItemPage>(
      await t.request('leader', {
        url: `${V1}/work/items?author=${encodeURIComponent('陈静')}&rating=${encodeURIComponent('不满意')}`,
      }),
    );
    expect(desk.items.map((i) => i.id)).toEqual([item.id]);
  });

  it('records a meeting and its decision, and imports a list from an .xlsx naming bad cells', async () => {
    const meeting = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/meetings`,
      payload: { name: '区政府第35次常务会议', kind: 'executive', heldOn: '2024-06-03' },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const { id } = json<Meeting>(meeting);
    const decision = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/meetings/${id}/decisions`,
      payload: { itemNo: '三', topic: '关于老旧小区改造的议题', decision: '原则同意，由区住建委牵头实施。' },
    });
    expect(decision.statusCode, decision.body).toBe(201);
    expect(json<WorkItem>(decision)).toMatchObject({
      source: 'decision',
      meetingId: id,
      state: 'registered',
    });
    expect(
      json<Meeting[]>(await t.request('reporter', { url: `${V1}/work/meetings` })).map((m) => m.id),
    ).toContain(id);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('清单');
    ws.addRow(['序号', '任务内容', '牵头单位', '完成时限']);
    ws.addRow([1, '新建口袋公园5处', t.unitA.name, '2024-10-31']);
    ws.addRow([2, '建成养老驿站3个', '不存在的单位', '2024-11-30']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const upload = (name: string) => {
      const body = multipart({ name: '民生实事清单.xlsx', content: bytes }, { name });
      return t.request('supervisor', { method: 'POST', url: `${V1}/work/lists`, ...body });
    };
    const refused = await upload('2024年民生实事任务清单');
    expect(refused.statusCode).toBe(400);
    expect(json<ErrorAnswer>(refused).error.details.map((d) => d.path)).toEqual(['清单!C3']);
    expect((await t.store.work.listLists()).length).toBe(0);

    ws.getCell('C3').value = t.unitB.name;
    const fixed = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/lists`,
      ...multipart({ name: '民生实事清单.xlsx', content: fixed }, { name: '2024年民生实事任务清单' }),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const imported = json<{ items: WorkItem[] }>(ok).items;
    expect(imported.map((i) => [i.leadUnitId, i.dueOn, i.state])).toEqual([
      [t.unitA.id, '2024-10-31', 'assigned'],
      [t.unitB.id, '2024-11-30', 'assigned'],
    ]);
  });
});
