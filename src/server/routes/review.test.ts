import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { Achievement, Target, Task } from '../../contract/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { updateTask } from '../../commands/items.js';

const V1 = '/api/v1';

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
type Versioned<T> = T & { version: number };

describe.each(DIALECTS)('review routes on %s', (dialect) => {
  let t: TestApp;
  let planId: number;
  let plan: string;
  let text: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = t.draft.plan.id;
    plan = `${V1}/plans/${planId}`;
    text = await t.store.plans.getText(planId);
  });

  async function targets(): Promise<Target[]> {
    return (await t.store.targets.list(planId, { limit: 1000 })).items;
  }
  async function lastEvent(type: string, id: number) {
    const events = await t.store.audit.list(planId, { entity: { type, id } });
    return events[events.length - 1];
  }

  it('corrects a target, audits before and after, and answers 409 for a stale version', async () => {
    const [target] = await targets();
    if (!target) throw new Error('the example has targets');
    const url = `${plan}/targets/${target.id}/fields`;
    const response = await t.request('supervisor', {
      method: 'PATCH',
      url,
      payload: {
        value: 7.5,
        unit: '%',
        comparator: '>=',
        period: '2023年',
        metric: '增长',
        version: target.version,
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(json<Target>(response)).toMatchObject({
      value: 7.5,
      unit: '%',
      comparator: '>=',
      period: '2023年',
      metric: '增长',
      version: target.version + 1,
    });
    const event = await lastEvent('target', target.id);
    expect(event).toMatchObject({ action: 'target.correct', actor: { role: 'supervisor' } });
    expect(event?.before).toMatchObject({ value: target.value, unit: target.unit });
    expect(event?.after).toMatchObject({ value: 7.5, unit: '%' });

    const stale = await t.request('admin', {
      method: 'PATCH',
      url,
      payload: { value: 1, version: target.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorAnswer>(stale).error.code).toBe('CONFLICT');
    expect((await t.store.targets.get(planId, target.id)).value).toBe(7.5);
  });

  it('refuses a bad comparator naming the field', async () => {
    const [target] = await targets();
    const response = await t.request('admin', {
      method: 'PATCH',
      url: `${plan}/targets/${target?.id}/fields`,
      payload: { comparator: '≥', version: target?.version },
    });
    expect(response.statusCode).toBe(400);
    expect(json<ErrorAnswer>(response).error.details.map((d) => d.path)).toContain('body.comparator');
  });

  it('corrects an achievement with its review version, and 409 when stale', async () => {
    const achievement = (await t.store.achievements.list(planId, { limit: 1 })).items[0];
    if (!achievement) throw new Error('the example has achievements');
    const got = json<Versioned<Achievement>>(
      await t.request('admin', { url: `${plan}/achievements/${achievement.id}/review` }),
    );
    const url = `${plan}/achievements/${achievement.id}/fields`;
    const response = await t.request('admin', {
      method: 'PATCH',
      url,
      payload: { value: 12.3, unit: '亿元', version: got.version },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(json<Versioned<Achievement>>(response)).toMatchObject({
      value: 12.3,
      unit: '亿元',
      version: got.version + 1,
    });
    expect(await lastEvent('achievement', achievement.id)).toMatchObject({ action: 'achievement.correct' });
    const stale = await t.request('admin', {
      method: 'PATCH',
      url,
      payload: { value: 1, version: got.version },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('adds a missed target and achievement from a span, quoting the text', async () => {
    const start = text.indexOf('。') + 1;
    const span: [number, number] = [start, start + 6];
    const body = { metric: '补录指标', comparator: '~', value: 5, unit: '%', period: '2023年', span };
    const response = await t.request('supervisor', { method: 'POST', url: `${plan}/targets`, payload: body });
    expect(response.statusCode, response.body).toBe(201);
    const added = json<Target>(response);
    expect(added).toMatchObject({ metric: '补录指标', span, quote: text.slice(...span), planId });
    expect(added.sentence).toContain(text.slice(...span).trim());
    expect(await lastEvent('target', added.id)).toMatchObject({ action: 'target.add', before: null });

    const achievement = await t.request('admin', {
      method: 'POST',
      url: `${plan}/achievements`,
      payload: body,
    });
    expect(achievement.statusCode, achievement.body).toBe(201);
    expect(json<Achievement>(achievement)).toMatchObject({ quote: text.slice(...span), value: 5 });
  });

  it('refuses a span outside the text with 400 naming body.span', async () => {
    const body = { metric: 'x', comparator: '=', value: 1, unit: '', period: '', span: [0, text.length + 5] };
    const response = await t.request('admin', { method: 'POST', url: `${plan}/targets`, payload: body });
    expect(response.statusCode).toBe(400);
    expect(json<ErrorAnswer>(response).error.details.map((d) => d.path)).toEqual(['body.span']);
    const inverted = await t.request('admin', {
      method: 'POST',
      url: `${plan}/achievements`,
      payload: { ...body, span: [10, 5] },
    });
    expect(inverted.statusCode).toBe(400);
  });

  it('deletes a target and an achievement, audited', async () => {
    const [, target] = await targets();
    if (!target) throw new Error('two targets');
    const response = await t.request('admin', { method: 'DELETE', url: `${plan}/targets/${target.id}` });
    expect(response.statusCode).toBe(204);
    expect((await t.request('admin', { url: `${plan}/targets/${target.id}` })).statusCode).toBe(404);
    expect(await lastEvent('target', target.id)).toMatchObject({ action: 'target.delete', after: null });
    const achievement = (await t.store.achievements.list(planId, { limit: 1 })).items[0];
    const gone = await t.request('supervisor', {
      method: 'DELETE',
      url: `${plan}/achievements/${achievement?.id}`,
    });
    expect(gone.statusCode).toBe(204);
    expect(
      (await t.request('admin', { method: 'DELETE', url: `${plan}/achievements/999999` })).statusCode,
    ).toBe(404);
  });

  it('splits a task in two with the owners copied, and merges them back', async () => {
    const task = (await t.store.tasks.list(planId, { limit: 1000 })).items.find(
      (x) => x.span[1] - x.span[0] > 10,
    );
    if (!task) throw new Error('a long task');
    const assigned = await updateTask(
      t.store,
      planId,
      task.id,
      { leadUnitId: t.unitA.id, coUnitIds: [t.unitB.id], leader: '王区长' },
      task.version,
    );
    const at = task.span[0] + 5;
    const bad = await t.request('admin', {
      method: 'POST',
      url: `${plan}/tasks/${task.id}/split`,
      payload: { at: task.span[1] + 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorAnswer>(bad).error.details.map((d) => d.path)).toEqual(['body.at']);
    const stale = await t.request('admin', {
      method: 'POST',
      url: `${plan}/tasks/${task.id}/split`,
      payload: { at, version: task.version },
    });
    expect(stale.statusCode).toBe(409);

    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${plan}/tasks/${task.id}/split`,
      payload: { at, version: assigned.version },
    });
    expect(response.statusCode, response.body).toBe(200);
    const [first, second] = json<{ tasks: [Task, Task] }>(response).tasks;
    expect(first).toMatchObject({ id: task.id, span: [task.span[0], at] });
    expect(second).toMatchObject({
      span: [at, task.span[1]],
      leadUnitId: t.unitA.id,
      coUnitIds: [t.unitB.id],
    });
    expect(second.leader).toBe('王区长');
    expect(await lastEvent('task', task.id)).toMatchObject({ action: 'task.split' });

    const merged = await t.request('admin', {
      method: 'POST',
      url: `${plan}/tasks/merge`,
      payload: { taskIds: [second.id, first.id] },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(json<Task>(merged)).toMatchObject({ id: task.id, span: task.span });
    expect((await t.request('admin', { url: `${plan}/tasks/${second.id}` })).statusCode).toBe(404);
    expect(await lastEvent('task', task.id)).toMatchObject({ action: 'task.merge' });
  });

  it('refuses to merge tasks that are not adjacent', async () => {
    const tasks = (await t.store.tasks.list(planId, { limit: 1000 })).items;
    const a = tasks[0];
    const far = tasks[tasks.length - 1];
    const response = await t.request('admin', {
      method: 'POST',
      url: `${plan}/tasks/merge`,
      payload: { taskIds: [a?.id, far?.id] },
    });
    expect(response.statusCode).toBe(400);
    expect(json<ErrorAnswer>(response).error.details[0]?.path).toBe('body.taskIds');
  });

  it('answers 403 to a reporter and a leader, and 404 to the public', async () => {
    const [target] = await targets();
    const url = `${plan}/targets/${target?.id}/fields`;
    const payload = { value: 1, version: target?.version };
    expect((await t.request('reporter', { method: 'PATCH', url, payload })).statusCode).toBe(403);
    expect(
      (await t.request('leader', { method: 'DELETE', url: `${plan}/targets/${target?.id}` })).statusCode,
    ).toBe(403);
    expect((await t.request('public', { method: 'PATCH', url, payload })).statusCode).toBe(404);
    const published = `${V1}/plans/${t.published.plan.id}/tasks/merge`;
    expect(
      (await t.request('public', { method: 'POST', url: published, payload: { taskIds: [1, 2] } }))
        .statusCode,
    ).toBe(404);
    expect((await t.store.targets.get(planId, target?.id ?? 0)).value).not.toBe(1);
  });
});
