/**
 * A clerk's typing survives (issue 14): the draft of a report saved line by line on the server,
 * found again after a reload or on another device, two writers of one line told apart (409),
 * evidence kept per line, one task handed in at a time, and the 督查室 returning one line with
 * its reason while approving another — on both engines.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { Target } from '../../plan/types.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 32)]);

interface Line {
  taskId?: number;
  targetId?: number;
  progress?: number;
  value?: number | null;
  note: string;
  status?: string;
  returnReason?: string | null;
  savedAt?: string;
  evidence?: { fileId: number; name: string }[];
}
interface TodoAnswer {
  items: { unitId: number; draft: { tasks: Line[]; targets: Line[] }; report: { id: number } | null }[];
}

function code(response: LightMyRequestResponse): string | undefined {
  return (json<{ error?: { code: string } }>(response).error ?? {}).code;
}

describe.each(DIALECTS)('report drafts on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  let clock = new Date('2022-04-02T09:00:00.000Z');
  let target: Target;
  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const send = (caller: Caller, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    payload === undefined
      ? t.request(caller, { method, url: `${plan}${url}` })
      : t.request(caller, { method, url: `${plan}${url}`, payload });
  const todo = async (caller: Caller = 'reporter') => {
    const query = caller === 'reporter' ? '' : `?unitId=${t.unitA.id}`;
    const answer = json<TodoAnswer>(await send(caller, 'GET', `/todos${query}`));
    return answer.items.find((i) => i.unitId === t.unitA.id)!;
  };
  const taskLine = async (caller: Caller = 'reporter') => (await todo(caller)).draft.tasks[0]!;
  const saveTask = (caller: Caller, fields: object) =>
    send(caller, 'PUT', '/reports/draft-lines', {
      unitId: t.unitA.id,
      periodKey: '2022-03',
      item: { type: 'task', id: t.taskA.id },
      ...fields,
    });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    plan = `${V1}/plans/${t.published.plan.id}`;
    const targets = await t.store.targets.list(t.published.plan.id, { q: '新增市场主体', limit: 10 });
    const found = targets.items.find((x) => x.metric === '新增市场主体' && x.value === 1.2)!;
    const assigned = await send('supervisor', 'PATCH', `/targets/${found.id}`, {
      leadUnitId: t.unitA.id,
      version: found.version,
    });
    target = json<Target>(assigned);
  });

  it('keeps what the clerk typed: a reload and another device find it; only the fields sent change', async () => {
    const first = await saveTask('reporter', { progress: 30, note: '征地完成一半', basedOn: null });
    expect(first.statusCode).toBe(200);
    const saved = json<{ savedAt: string; progress: number }>(first);
    expect(saved).toMatchObject({ progress: 30, note: '征地完成一半', savedAt: '2022-04-02T09:00:00.000Z' });
    // A reload: 我的待办 lays the draft over the carried-forward start.
    expect(await taskLine()).toMatchObject({ progress: 30, note: '征地完成一半', savedAt: saved.savedAt });
    // Another device or the office's staff see the same draft.
    expect(await taskLine('admin')).toMatchObject({ progress: 30, note: '征地完成一半' });
    at('2022-04-02T09:05:00.000Z');
    const noteOnly = await saveTask('reporter', { note: '征地完成六成', basedOn: saved.savedAt });
    expect(noteOnly.statusCode).toBe(200);
    expect(await taskLine()).toMatchObject({
      progress: 30,
      note: '征地完成六成',
      savedAt: '2022-04-02T09:05:00.000Z',
    });
  });

  it('tells two writers of one line apart: the stale save is refused and changes nothing', async () => {
    at('2022-04-02T09:06:00.000Z');
    // A second tab read the line at 09:00 and saves after the first tab saved at 09:05.
    const stale = await saveTask('reporter', { progress: 10, basedOn: '2022-04-02T09:00:00.000Z' });
    expect(stale.statusCode).toBe(409);
    expect(JSON.stringify(json(stale))).toContain('2022-04-02T09:05:00.000Z');
    // A writer who saw no draft at all is refused too.
    expect((await saveTask('admin', { progress: 10, basedOn: null })).statusCode).toBe(409);
    expect(await taskLine()).toMatchObject({ progress: 30, note: '征地完成六成' });
    // Reading the line again and saving on it is accepted.
    const current = await taskLine('admin');
    const retried = await saveTask('admin', { progress: 35, basedOn: current.savedAt });
    expect(retried.statusCode).toBe(200);
    expect(await taskLine()).toMatchObject({ progress: 35, note: '征地完成六成' });
  });

  it('refuses another unit, an item not owed, a wrong field, and says where', async () => {
    expect(code(await saveTask('otherReporter', { progress: 5 }))).toBe('FORBIDDEN');
    const notOwed = await send('reporter', 'PUT', '/reports/draft-lines', {
      unitId: t.unitA.id,
      periodKey: '2022-03',
      item: { type: 'task', id: t.taskB.id },
      progress: 5,
    });
    expect(notOwed.statusCode).toBe(403);
    const valueOnTask = await saveTask('reporter', { value: 3 });
    expect(valueOnTask.statusCode).toBe(400);
    expect(JSON.stringify(json(valueOnTask))).toContain('"path":"value"');
    const notNumber = await saveTask('reporter', { progress: '三成' });
    expect(notNumber.statusCode).toBe(400);
    expect(JSON.stringify(json(notNumber))).toContain('progress');
    expect((await send('public', 'PUT', '/reports/draft-lines', { unitId: t.unitA.id })).statusCode).toBe(
      401,
    );
    expect(await taskLine()).toMatchObject({ progress: 35 });
  });

  it('keeps evidence per task: uploaded, attached to the line, handed in with it', async () => {
    const boundary = '----luoshi-drafts';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="unitId"\r\n\r\n${t.unitA.id}\r\n` +
          `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="征地台账.pdf"\r\ncontent-type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await t.request('reporter', {
      method: 'POST',
      url: `${plan}/evidence`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(upload.statusCode).toBe(201);
    const file = json<{ id: number }>(upload);
    const line = await taskLine();
    const attached = await saveTask('reporter', { evidence: [file.id], basedOn: line.savedAt });
    expect(attached.statusCode).toBe(200);
    expect(await taskLine()).toMatchObject({
      progress: 35,
      evidence: [{ fileId: file.id, name: '征地台账.pdf' }],
    });
    expect((await saveTask('reporter', { evidence: [999_999] })).statusCode).toBe(400);
  });

  it('hands in one task while the target stays a draft; the task line then takes no draft', async () => {
    at('2022-04-03T09:00:00.000Z');
    const targetSave = await send('reporter', 'PUT', '/reports/draft-lines', {
      unitId: t.unitA.id,
      periodKey: '2022-03',
      item: { type: 'target', id: target.id },
      value: 0.3,
      note: '一季度',
    });
    expect(targetSave.statusCode).toBe(200);
    const line = await taskLine();
    const submitted = await send('reporter', 'POST', '/reports', {
      unitId: t.unitA.id,
      periodKey: '2022-03',
      tasks: [
        {
          taskId: t.taskA.id,
          progress: line.progress,
          state: 'in_progress',
          note: line.note,
          evidence: line.evidence!.map((e) => e.fileId),
        },
      ],
      targets: [],
      only: [{ type: 'task', id: t.taskA.id }],
    });
    expect(submitted.statusCode).toBe(201);
    expect(json(submitted)).toMatchObject({
      status: 'submitted',
      tasks: [{ taskId: t.taskA.id, status: 'submitted', evidence: [{ name: '征地台账.pdf' }] }],
      targets: [],
    });
    const after = await todo();
    expect(after.draft.tasks[0]).toMatchObject({ status: 'submitted', progress: 35 });
    expect(after.draft.tasks[0]!.savedAt).toBeUndefined();
    // The target's draft survived the task's submission.
    expect(after.draft.targets[0]).toMatchObject({ value: 0.3, note: '一季度' });
    expect(code(await saveTask('reporter', { progress: 50 }))).toBe('CONFLICT');
    // Handing the same task in again is refused; the target alone is accepted.
    const again = await send('reporter', 'POST', '/reports', {
      unitId: t.unitA.id,
      periodKey: '2022-03',
      tasks: [{ taskId: t.taskA.id, progress: 35, state: 'in_progress', note: '' }],
      targets: [],
      only: [{ type: 'task', id: t.taskA.id }],
    });
    expect(again.statusCode).toBe(409);
    const targetIn = await send('reporter', 'POST', '/reports', {
      unitId: t.unitA.id,
      periodKey: '2022-03',
      tasks: [],
      targets: [{ targetId: target.id, value: 0.3, unit: target.unit, note: '一季度' }],
      only: [{ type: 'target', id: target.id }],
    });
    expect(targetIn.statusCode).toBe(201);
    expect((await todo()).draft.targets[0]!.savedAt).toBeUndefined();
  });

  it('the 督查室 returns one line with its reason and approves the other; the clerk redrafts the returned line', async () => {
    at('2022-04-06T09:00:00.000Z');
    const { report } = await todo();
    const returned = await send('supervisor', 'POST', `/reports/${report!.id}/review`, {
      type: 'return',
      lines: [{ type: 'task', id: t.taskA.id, reason: '请补充征地协议' }],
    });
    expect(returned.statusCode).toBe(200);
    const approved = await send('supervisor', 'POST', `/reports/${report!.id}/review`, {
      type: 'approve',
      lines: [{ type: 'target', id: target.id }],
    });
    expect(json(approved)).toMatchObject({
      status: 'returned',
      tasks: [{ status: 'returned', returnReason: '请补充征地协议' }],
      targets: [{ status: 'approved' }],
    });
    // A line already approved is not returned afterwards.
    const noReason = await send('supervisor', 'POST', `/reports/${report!.id}/review`, {
      type: 'return',
      lines: [{ type: 'target', id: target.id }],
    });
    expect(noReason.statusCode).toBe(409);
    // The approved line counts at once; the returned one does not.
    const health = json<{ items: { type: string; id: number; actual: number | null }[] }>(
      await send('public', 'GET', '/health/items?date=2022-04-06'),
    );
    expect(health.items.find((i) => i.type === 'target' && i.id === target.id)).toMatchObject({
      actual: 0.3,
    });
    expect((await t.store.tasks.get(t.published.plan.id, t.taskA.id)).progress).toBe(t.taskA.progress);
    const line = await taskLine();
    expect(line).toMatchObject({ status: 'returned', returnReason: '请补充征地协议' });
    const redraft = await saveTask('reporter', { note: '已补充征地协议', basedOn: null });
    expect(redraft.statusCode).toBe(200);
    expect(await taskLine()).toMatchObject({ note: '已补充征地协议', status: 'returned' });
  });

  it('a locked period takes no draft', async () => {
    at('2022-04-12T09:00:00.000Z');
    expect((await send('supervisor', 'POST', '/periods/2022-03/lock')).statusCode).toBe(201);
    const late = await saveTask('reporter', { note: '迟到的修改' });
    expect(late.statusCode).toBe(409);
    expect(JSON.stringify(json(late))).toContain('的填报已锁定');
  });
});
