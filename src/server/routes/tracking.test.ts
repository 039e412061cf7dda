/**
 * A whole year (2022) on the example plan through the HTTP API, with a fake clock: data calls,
 * reports refused and accepted, a return, a lock and a correction, a 督办单, an extension,
 * 销号 with a return, reopening — and health of chosen items at chosen dates, by hand.
 *
 * Hand computations (monthly periods, due on the 5th; elapsed share counts days inclusive):
 * - taskA runs 2022-01-01 → 2022-06-30 (181 days). As of 03-31 (90 days) expected
 *   90/181 = 49.72%; 40% reported → 40/49.72 = 0.804 → at_risk (0.7 ≤ r < 0.9).
 * - After the extension to 09-30 (273 days), as of 04-30 (120 days) expected
 *   120/273 = 43.96%; 60% reported → 1.365 → on_track.
 * - Target 新增市场主体 > 1.2万户 (a flow over 2022, 365 days): as of 03-31 expected
 *   1.2 × 90/365 = 0.2959; 0.3 → 1.014 → on_track; corrected to 0.25 → 0.845 → at_risk.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { Target } from '../../plan/types.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 32)]);

interface Answer {
  [key: string]: unknown;
}

function code(response: LightMyRequestResponse): string | undefined {
  return (json<{ error?: { code: string } }>(response).error ?? {}).code;
}

/** A multipart body with several files and text fields. */
function formData(
  files: { field: string; name: string; type: string; content: Buffer }[],
  fields: Record<string, string>,
) {
  const boundary = '----luoshi-tracking';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${f.field}"; filename="${f.name}"\r\ncontent-type: ${f.type}\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(DIALECTS)('a tracking year on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  let clock = new Date('2022-01-10T09:00:00.000Z');
  let target: Target;
  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const send = (caller: Caller, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    payload === undefined
      ? t.request(caller, { method, url: `${plan}${url}` })
      : t.request(caller, { method, url: `${plan}${url}`, payload });
  const healthOf = async (type: 'task' | 'target', id: number, date: string) => {
    const page = json<{ items: Answer[] }>(
      await send('public', 'GET', `/health/items?type=${type}&date=${date}`),
    );
    return page.items.find((i) => i.id === id)!;
  };
  const report = (periodKey: string, progress: number, state: string, value: number, unit = '万户') => ({
    unitId: t.unitA.id,
    periodKey,
    tasks: [{ taskId: t.taskA.id, progress, state, note: `${periodKey} 进展` }],
    targets: [{ targetId: target.id, value, unit, note: '' }],
  });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock, uploadLimitBytes: 64 * 1024 });
    plan = `${V1}/plans/${t.published.plan.id}`;
    const targets = await t.store.targets.list(t.published.plan.id, { q: '新增市场主体', limit: 10 });
    target = targets.items.find((x) => x.metric === '新增市场主体' && x.value === 1.2)!;
    expect(target).toBeDefined();
  });

  it('January: the supervisor assigns the target; the change is audited with who and before/after', async () => {
    const response = await send('supervisor', 'PATCH', `/targets/${target.id}`, {
      leadUnitId: t.unitA.id,
      version: target.version,
    });
    expect(response.statusCode).toBe(200);
    const history = json<{ items: Answer[] }>(await send('leader', 'GET', `/targets/${target.id}/history`));
    const last = history.items.at(-1)!;
    expect(last.action).toBe('target.update');
    expect(last.changes).toEqual([{ path: 'leadUnitId', kind: 'changed', before: null, after: t.unitA.id }]);
  });

  it('April 2: 我的待办 lists what unitA owes for March, blank the first time', async () => {
    at('2022-04-02T09:00:00.000Z');
    const answer = json<{ period: { key: string }; items: Answer[] }>(
      await send('reporter', 'GET', '/todos'),
    );
    expect(answer.period.key).toBe('2022-03');
    expect(answer.items).toHaveLength(1);
    const todo = answer.items[0]!;
    expect(todo.owed).toEqual([
      { type: 'task', id: t.taskA.id, role: 'lead', dueOn: '2022-04-05' },
      { type: 'target', id: target.id, role: 'lead', dueOn: '2022-04-05' },
    ]);
    expect(todo.draft).toMatchObject({ carriedFrom: null, targets: [{ targetId: target.id, value: null }] });
    // Another reporter may not read unitA's to-dos.
    expect((await send('otherReporter', 'GET', `/todos?unitId=${t.unitA.id}`)).statusCode).toBe(403);
  });

  it('refuses bad reports with a clear reason, writing nothing', async () => {
    const wrongUnit = await send(
      'reporter',
      'POST',
      '/reports',
      report('2022-03', 40, 'in_progress', 0.3, '家'),
    );
    expect(wrongUnit.statusCode).toBe(400);
    expect(JSON.stringify(json(wrongUnit))).toContain('的计量单位应为“万户”，填的是“家”');
    const overHundred = await send(
      'reporter',
      'POST',
      '/reports',
      report('2022-03', 120, 'in_progress', 0.3),
    );
    expect(overHundred.statusCode).toBe(400);
    expect(JSON.stringify(json(overHundred))).toContain('tasks.0.progress');
    const otherUnits = await send('reporter', 'POST', '/reports', {
      ...report('2022-03', 40, 'in_progress', 0.3),
      tasks: [{ taskId: t.taskB.id, progress: 10, state: 'in_progress', note: '' }],
    });
    expect(otherUnits.statusCode).toBe(403);
    const forUnitB = await send('reporter', 'POST', '/reports', {
      ...report('2022-03', 40, 'in_progress', 0.3),
      unitId: t.unitB.id,
    });
    expect(forUnitB.statusCode).toBe(403);
    const exe = formData(
      [
        {
          field: 'evidence',
          name: 'setup.exe',
          type: 'application/pdf',
          content: Buffer.from('MZ\x90\x00rest'),
        },
      ],
      { report: JSON.stringify(report('2022-03', 40, 'in_progress', 0.3)) },
    );
    const forbiddenType = await t.request('reporter', { method: 'POST', url: `${plan}/reports`, ...exe });
    expect(forbiddenType.statusCode).toBe(415);
    const big = formData(
      [
        {
          field: 'evidence',
          name: 'big.pdf',
          type: 'application/pdf',
          content: Buffer.concat([PDF, Buffer.alloc(70 * 1024)]),
        },
      ],
      {
        report: JSON.stringify(report('2022-03', 40, 'in_progress', 0.3)),
      },
    );
    const tooLarge = await t.request('reporter', { method: 'POST', url: `${plan}/reports`, ...big });
    expect(tooLarge.statusCode).toBe(413);
    const owesNothing = await send('admin', 'POST', '/reports', { unitId: t.unitC.id, periodKey: '2022-03' });
    expect(owesNothing.statusCode).toBe(400);
    expect(owesNothing.body).toContain('owes nothing');
    const unknownUnit = formData([{ field: 'file', name: 'a.pdf', type: 'application/pdf', content: PDF }], {
      unitId: '999999',
    });
    expect(
      (await t.request('admin', { method: 'POST', url: `${plan}/evidence`, ...unknownUnit })).statusCode,
    ).toBe(400);
    expect(await t.store.tracking.listReports(t.published.plan.id)).toEqual([]);
  });

  it('takes one report with evidence; a second one answers 409', async () => {
    const body = formData(
      [{ field: 'evidence', name: '3月台账.pdf', type: 'application/pdf', content: PDF }],
      {
        report: JSON.stringify(report('2022-03', 40, 'in_progress', 0.3)),
      },
    );
    const first = await t.request('reporter', { method: 'POST', url: `${plan}/reports`, ...body });
    expect(first.statusCode).toBe(201);
    expect(json<{ status: string; evidence: { name: string }[] }>(first)).toMatchObject({
      status: 'submitted',
      evidence: [{ name: '3月台账.pdf' }],
    });
    const again = await send('reporter', 'POST', '/reports', report('2022-03', 40, 'in_progress', 0.3));
    expect(again.statusCode).toBe(409);
    const toReview = json<{ items: Answer[] }>(await send('supervisor', 'GET', '/notifications'));
    expect(toReview.items).toContainEqual(
      expect.objectContaining({
        kind: 'report.submitted',
        unitId: t.unitA.id,
        id: json<{ id: number }>(first).id,
      }),
    );
  });

  it('a returned report is corrected and resubmitted, then approved; only approved figures count', async () => {
    at('2022-04-06T09:00:00.000Z');
    const [submitted] = await t.store.tracking.listReports(t.published.plan.id, { periodKey: '2022-03' });
    expect(await healthOf('task', t.taskA.id, '2022-04-06')).toMatchObject({ health: 'no_data' });
    expect(
      (await send('reporter', 'POST', `/reports/${submitted!.id}/review`, { type: 'approve' })).statusCode,
    ).toBe(403);
    const returned = await send('supervisor', 'POST', `/reports/${submitted!.id}/review`, {
      type: 'return',
      reason: '市场主体口径有误',
    });
    expect(json(returned)).toMatchObject({ status: 'returned', returnReason: '市场主体口径有误' });
    const resubmitted = await send('reporter', 'POST', '/reports', report('2022-03', 40, 'in_progress', 0.3));
    expect(resubmitted.statusCode).toBe(201);
    // The evidence sent the first time stays with the report.
    expect(json(resubmitted)).toMatchObject({ status: 'submitted', evidence: [{ name: '3月台账.pdf' }] });
    const approved = await send('supervisor', 'POST', `/reports/${submitted!.id}/review`, {
      type: 'approve',
    });
    expect(json(approved)).toMatchObject({ status: 'approved' });
    // The approval moved the task's progress, as an audited change.
    expect((await t.store.tasks.get(t.published.plan.id, t.taskA.id)).progress).toBe(40);
  });

  it('April 10: health of taskA and the target, as computed by hand', async () => {
    at('2022-04-10T09:00:00.000Z');
    const task = await healthOf('task', t.taskA.id, '2022-04-10');
    expect(task).toMatchObject({ health: 'at_risk', color: 'yellow', actual: 40, expected: 49.72 });
    expect(task.ratio).toBeCloseTo(40 / ((90 / 181) * 100), 3);
    const figure = await healthOf('target', target.id, '2022-04-10');
    expect(figure).toMatchObject({ health: 'on_track', color: 'green', actual: 0.3 });
    expect(figure.expected).toBeCloseTo((1.2 * 90) / 365, 2);
  });

  it('April 12: the period is locked; late reports are refused; a correction is an audited entry', async () => {
    at('2022-04-12T09:00:00.000Z');
    expect((await send('reporter', 'POST', '/periods/2022-03/lock')).statusCode).toBe(403);
    expect((await send('supervisor', 'POST', '/periods/2022-03/lock')).statusCode).toBe(201);
    expect((await send('admin', 'POST', '/periods/2022-03/lock')).statusCode).toBe(409);
    const late = await send('otherReporter', 'POST', '/reports', {
      unitId: t.unitB.id,
      periodKey: '2022-03',
      tasks: [{ taskId: t.taskB.id, progress: 10, state: 'in_progress', note: '' }],
      targets: [],
    });
    expect(late.statusCode).toBe(409);
    expect(json<{ error: { message: string } }>(late).error.message).toContain('的填报已锁定');
    const correction = await send('supervisor', 'POST', '/corrections', {
      periodKey: '2022-03',
      item: { type: 'target', id: target.id },
      value: 0.25,
      reason: '统计局修订',
    });
    expect(correction.statusCode).toBe(201);
    const figure = await healthOf('target', target.id, '2022-04-12');
    expect(figure).toMatchObject({ health: 'at_risk', actual: 0.25 });
    const series = json<{ items: Answer[] }>(await send('public', 'GET', `/targets/${target.id}/figures`));
    expect(series.items).toEqual([{ value: 0.25, asOf: '2022-03-31' }]);
    expect(figure.ratio).toBeCloseTo(0.25 / ((1.2 * 90) / 365), 3);
    const history = json<{ items: Answer[] }>(
      await send('supervisor', 'GET', `/targets/${target.id}/history`),
    );
    // (The assignment's event carries the real clock: PATCH /targets passes no ChangeMeta yet.)
    expect(history.items.find((e) => e.action === 'target.correct')).toMatchObject({
      action: 'target.correct',
      reason: '统计局修订',
      changes: expect.arrayContaining([{ path: 'value', kind: 'changed', before: 0.3, after: 0.25 }]),
    });
  });

  it('a 督办单 is issued, answered and closed; two supervisors closing at once: one wins, one 409', async () => {
    at('2022-04-15T09:00:00.000Z');
    const issued = await send('supervisor', 'POST', '/notices', {
      subject: { type: 'task', id: t.taskA.id },
      urgency: 'yellow',
      content: '请加快推进',
      dueOn: '2022-04-25',
    });
    expect(issued.statusCode).toBe(201);
    const notice = json<{ id: number; unitId: number; state: string }>(issued);
    expect(notice).toMatchObject({ unitId: t.unitA.id, state: 'issued' });
    expect(
      (await send('otherReporter', 'POST', `/notices/${notice.id}/actions`, { type: 'answer', text: 'x' }))
        .statusCode,
    ).toBe(403);
    const answered = await send('reporter', 'POST', `/notices/${notice.id}/actions`, {
      type: 'answer',
      text: '已完成土地征收',
    });
    expect(json(answered)).toMatchObject({ state: 'answered' });
    const version = json<{ version: number }>(answered).version;
    const [a, b] = await Promise.all([
      send('supervisor', 'POST', `/notices/${notice.id}/actions`, { type: 'close', version }),
      send('admin', 'POST', `/notices/${notice.id}/actions`, { type: 'close', version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);

    // An unanswered notice is escalated: one step more urgent, a new due date, the reason kept.
    const second = json<{ id: number }>(
      await send('supervisor', 'POST', '/notices', {
        subject: { type: 'task', id: t.taskA.id },
        urgency: 'yellow',
        content: '请报送整改方案',
        dueOn: '2022-04-18',
      }),
    );
    const escalated = await send('supervisor', 'POST', `/notices/${second.id}/actions`, {
      type: 'escalate',
      reason: '逾期未答复',
      dueOn: '2022-04-22',
    });
    expect(json(escalated)).toMatchObject({ state: 'escalated', urgency: 'red', dueOn: '2022-04-22' });
    at('2022-04-23T09:00:00.000Z');
    const listed = json<{ items: Answer[] }>(await send('reporter', 'GET', '/notices'));
    expect(listed.items.map((n) => [n.id, n.overdue])).toEqual([
      [notice.id, false],
      [second.id, true],
    ]);
    expect((await send('otherReporter', 'GET', '/notices')).body).toBe('{"items":[],"total":0}');
    // In-app notifications: the unit sees the overdue notice to answer; the leader sees it too.
    const forUnit = json<{ items: Answer[] }>(await send('reporter', 'GET', '/notifications'));
    expect(forUnit.items).toContainEqual({
      kind: 'notice.escalated',
      unitId: t.unitA.id,
      id: second.id,
      dueOn: '2022-04-22',
      overdue: true,
    });
    const forLeader = json<{ items: Answer[] }>(await send('leader', 'GET', '/notifications'));
    expect(forLeader.items.map((n) => n.kind)).toContain('notice.escalated');
    expect((await send('public', 'GET', '/notifications')).statusCode).toBe(401);
  });

  it('an extension moves the deadline health uses; April is judged against it', async () => {
    at('2022-04-20T09:00:00.000Z');
    const asked = await send('reporter', 'POST', '/extensions', {
      subject: { type: 'task', id: t.taskA.id },
      requestedDeadline: '2022-09-30',
      reason: '征地手续未完成',
      // 92 days past the original: past the plan's threshold, so explained (issue 19).
      explanation: '征地补偿方案调整后需重新公示，预计三季度末完成',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const extension = json<{ id: number; previousDeadline: string }>(asked);
    expect(extension.previousDeadline).toBe('2022-06-30');
    const decided = await send('supervisor', 'POST', `/extensions/${extension.id}/decision`, {
      type: 'approve',
    });
    expect(json(decided)).toMatchObject({ state: 'approved', approvedDeadline: '2022-09-30' });

    at('2022-05-03T09:00:00.000Z');
    const todo = json<{ items: { draft: { carriedFrom: string; tasks: Answer[] } }[] }>(
      await send('reporter', 'GET', '/todos'),
    );
    // Carried forward from March: progress and note, not typed again.
    expect(todo.items[0]!.draft).toMatchObject({
      carriedFrom: '2022-03',
      tasks: [{ progress: 40, note: '2022-03 进展' }],
    });
    // Reminders: April is due on May 5, two days ahead; unitB (taskB) owes too, but only staff see it.
    const mine = json<{ items: Answer[] }>(await send('reporter', 'GET', '/reminders'));
    expect(mine.items).toEqual([
      expect.objectContaining({ unitId: t.unitA.id, periodKey: '2022-04', kind: 'due_soon', daysLeft: 2 }),
    ]);
    const everyone = json<{ items: Answer[] }>(await send('supervisor', 'GET', '/reminders'));
    expect(everyone.items.map((r) => r.unitId)).toEqual([t.unitA.id, t.unitB.id]);
    const april = await send('reporter', 'POST', '/reports', report('2022-04', 60, 'in_progress', 0.45));
    expect(april.statusCode).toBe(201);
    await send('supervisor', 'POST', `/reports/${json<{ id: number }>(april).id}/review`, {
      type: 'approve',
    });
    const task = await healthOf('task', t.taskA.id, '2022-05-10');
    expect(task).toMatchObject({
      health: 'on_track',
      deadline: '2022-09-30',
      extended: true,
      expected: 43.96,
    });
  });

  it('two reports sent at once: one is taken, the other answers 409', async () => {
    at('2022-06-02T09:00:00.000Z');
    const [a, b] = await Promise.all([
      send('reporter', 'POST', '/reports', report('2022-05', 100, 'done', 0.7)),
      send('reporter', 'POST', '/reports', report('2022-05', 100, 'done', 0.7)),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const taken = json<{ id: number }>(a.statusCode === 201 ? a : b);
    // Two supervisors approving at once: one wins, the other gets 409.
    const reviews = await Promise.all([
      send('supervisor', 'POST', `/reports/${taken.id}/review`, { type: 'approve' }),
      send('admin', 'POST', `/reports/${taken.id}/review`, { type: 'approve' }),
    ]);
    expect(reviews.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await healthOf('task', t.taskA.id, '2022-06-02')).toMatchObject({ health: 'done' });
  });

  it('销号: applied with evidence, returned, applied again, approved; reopened with a reason', async () => {
    at('2022-06-05T09:00:00.000Z');
    const upload = formData(
      [{ field: 'file', name: '验收报告.pdf', type: 'application/pdf', content: PDF }],
      {},
    );
    const file = json<{ id: number }>(
      await t.request('reporter', { method: 'POST', url: `${plan}/evidence`, ...upload }),
    );
    const apply = () =>
      send('reporter', 'POST', `/tasks/${t.taskA.id}/closure`, { evidence: [file.id], note: '已竣工验收' });
    const first = json<{ id: number }>(await apply());
    const returned = await send('supervisor', 'POST', `/closures/${first.id}/decision`, {
      type: 'return',
      reason: '缺少验收单',
    });
    expect(json(returned)).toMatchObject({ application: { state: 'returned' } });
    const second = json<{ id: number }>(await apply());
    const approved = await send('supervisor', 'POST', `/closures/${second.id}/decision`, { type: 'approve' });
    expect(json(approved)).toMatchObject({ application: { state: 'approved' }, task: { state: 'closed' } });
    const todos = json<{ items: unknown[] }>(await send('reporter', 'GET', '/todos?periodKey=2022-06'));
    expect(JSON.stringify(todos)).not.toContain(`"type":"task","id":${t.taskA.id},`);

    at('2022-07-01T09:00:00.000Z');
    const reopened = await send('supervisor', 'POST', `/tasks/${t.taskA.id}/reopen`, {
      reason: '验收发现问题需整改',
    });
    expect(json(reopened)).toMatchObject({ state: 'in_progress' });
  });

  it("the task's history shows every change with diffs; the public sees no names", async () => {
    const internal = json<{ items: Answer[] }>(await send('leader', 'GET', `/tasks/${t.taskA.id}/history`));
    const actions = internal.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'task.progress',
        'notice.issue',
        'extension.approve',
        'closure.return',
        'task.close',
        'task.reopen',
      ]),
    );
    expect(internal.items.find((e) => e.action === 'task.close')).toMatchObject({
      actor: { role: 'supervisor', userId: t.users.supervisor.id },
      changes: [{ path: 'state', kind: 'changed', before: 'done', after: 'closed' }],
    });
    const publicView = await send('public', 'GET', `/tasks/${t.taskA.id}/history`);
    expect(publicView.statusCode).toBe(200);
    const text = publicView.body;
    expect(text).not.toContain('userId');
    expect(text).not.toContain('issuedBy');
    expect(text).not.toContain('王区长');
    // Drafts stay hidden from the public.
    const draft = `${V1}/plans/${t.draft.plan.id}`;
    expect((await t.request('public', { url: `${draft}/health` })).statusCode).toBe(404);
    expect(code(await t.request('public', { url: `${draft}/tasks/${t.taskA.id}/history` }))).toBe(
      'NOT_FOUND',
    );
  });

  it('the plan health rolls up over the outline with colours, and every figure explains itself', async () => {
    const health = json<{ plan: Answer; outline: Answer[]; counts: Answer }>(
      await send('public', 'GET', '/health?date=2022-07-10'),
    );
    expect(health.plan).toMatchObject({ id: 'plan' });
    expect(health.outline.length).toBeGreaterThan(10);
    const explained = json<{ progress: { formula: string; children: { id: string }[] } }>(
      await send('public', 'GET', '/explain/plan?date=2022-07-10'),
    );
    expect(explained.progress.children.length).toBeGreaterThan(0);
    expect(explained.progress.formula).toMatch(/=/);
    expect((await send('public', 'GET', '/explain/outline:999999')).statusCode).toBe(404);
  });
});

describe.each(DIALECTS)('tracking settings and periods on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2022-05-12T09:00:00.000Z') });
    url = `${V1}/plans/${t.published.plan.id}`;
  });

  it('starts monthly on the defaults; a quarterly cycle changes the periods and their due dates', async () => {
    const defaults = json<{ version: number; period: { frequency: string } }>(
      await t.request('leader', { url: `${url}/tracking/settings` }),
    );
    expect(defaults).toMatchObject({ version: 0, period: { frequency: 'monthly', dueDay: 5 } });
    const monthly = json<{ items: Answer[] }>(await t.request('reporter', { url: `${url}/periods` }));
    expect(monthly.items).toHaveLength(12);
    expect(monthly.items[3]).toMatchObject({ key: '2022-04', status: 'overdue', dueOn: '2022-05-05' });

    const saved = await t.request('supervisor', {
      method: 'PUT',
      url: `${url}/tracking/settings`,
      payload: {
        period: { frequency: 'quarterly', dueDay: 10 },
        health: { thresholds: { atRisk: 0.95 } },
        version: 0,
      },
    });
    expect(saved.statusCode).toBe(200);
    const quarterly = json<{ items: Answer[] }>(await t.request('reporter', { url: `${url}/periods` }));
    expect(quarterly.items.map((p) => p.key)).toEqual(['2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4']);
    expect(quarterly.items[0]).toMatchObject({
      dueOn: '2022-04-10',
      coUnitDueOn: '2022-04-08',
      status: 'overdue',
    });
  });

  it('refuses settings out of range (400, naming the field) and a stale version (409)', async () => {
    const bad = await t.request('supervisor', {
      method: 'PUT',
      url: `${url}/tracking/settings`,
      payload: { period: { dueDay: 40 }, health: { thresholds: { atRisk: 0.5, behind: 0.8 } }, version: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('dueDay');
    const stale = await t.request('supervisor', {
      method: 'PUT',
      url: `${url}/tracking/settings`,
      payload: { period: {}, health: {}, version: 0 },
    });
    expect(stale.statusCode).toBe(409);
    expect(code(stale)).toBe('CONFLICT');
  });
});
