import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { Plan, PlanSummary, TodoAnswer, WorkItem } from '../../contract/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
/** 2024-06-04 09:00 Beijing. */
const NOW = new Date('2024-06-04T01:00:00.000Z');

describe.each(DIALECTS)('the ledger of other work on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      now: () => NOW,
      notify: { publicUrl: 'https://luoshi.example.gov.cn', channels: ['email'] },
    });
  });

  it('is marked a ledger, left out of the plan list (so never the current plan), and its items show once in 我的待办', async () => {
    const created = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/instructions`,
      payload: {
        docNumber: '区委办呈〔2024〕9号',
        title: '关于防汛物资储备的报告',
        leader: '张明区长',
        instructedOn: '2024-06-03',
        class: 'document',
        text: '请区应急局牵头抓好落实。',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const registered = json<WorkItem>(created);
    const assigned = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/instructions/${registered.id}/actions`,
      payload: { type: 'assign', leadUnitId: t.unitA.id, dueOn: '2024-06-20', version: registered.version },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const item = json<WorkItem>(assigned);

    // The ledger (2024) is newer than the report's plans, yet the list — and so the current plan — leaves it out.
    const ledger = json<PlanSummary>(await t.request('supervisor', { url: `${V1}/plans/${item.planId}` }));
    expect(ledger.plan).toMatchObject({ kind: 'ledger', year: 2024 });
    for (const caller of ['supervisor', 'admin', 'reporter'] as const) {
      const plans = json<{ items: Plan[] }>(await t.request(caller, { url: `${V1}/plans` })).items;
      expect(plans.map((p) => p.id)).not.toContain(item.planId);
      expect(plans.length).toBeGreaterThan(0);
      expect(plans.every((p) => p.kind === 'report')).toBe(true);
    }

    // 我的待办 of the ledger owes nothing for the item's task: the unit answers the item itself.
    const todos = json<TodoAnswer>(await t.request('reporter', { url: `${V1}/plans/${item.planId}/todos` }));
    const owed = todos.items.flatMap((todo) => todo.owed.map((o) => `${o.type}:${o.id}`));
    expect(owed).not.toContain(`task:${item.taskId}`);
    // …and the task is still the ledger's, with its unit and deadline, for the chase and health.
    expect(await t.store.tasks.get(item.planId, item.taskId!)).toMatchObject({
      leadUnitId: t.unitA.id,
      deadline: '2024-06-20',
    });
  });
});
