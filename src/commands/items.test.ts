import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { DIALECTS, createTestStore, seedExamplePlan, seedUnits } from '../../test/factories.js';
import { exampleReport } from '../../test/fixtures/example.js';
import { createTask } from './items.js';
import { reimportPlan } from './plans.js';

describe.each(DIALECTS)('createTask on %s', (dialect) => {
  it('adds a task that is not in the report text, with its owners, listed with the plan’s tasks', async () => {
    const store = await createTestStore(dialect);
    const units = Object.values(await seedUnits(store));
    const { plan, counts } = await seedExamplePlan(store);
    const task = await createTask(store, plan.id, {
      text: '上年结转：推进回天地区教育设施建设',
      outlineNodeId: null,
      state: 'in_progress',
      progress: 60,
      leadUnitId: units[0]!.id,
      coUnitIds: [units[1]!.id, units[2]!.id, units[1]!.id],
      leader: '王区长',
      deadline: '2023-06-30',
      weight: 1,
      carriedFrom: 41,
    });
    expect(task).toMatchObject({
      planId: plan.id,
      span: [0, 0],
      carriedFrom: 41,
      state: 'in_progress',
      progress: 60,
      leadUnitId: units[0]!.id,
      leader: '王区长',
      deadline: '2023-06-30',
      version: 1,
    });
    expect([...task.coUnitIds].sort()).toEqual([units[1]!.id, units[2]!.id].sort());
    expect((await store.plans.getItems(plan.id)).tasks).toHaveLength(counts.tasks + 1);
    expect((await store.tasks.list(plan.id, { unitId: units[2]!.id })).items.map((t) => t.id)).toContain(
      task.id,
    );
  });

  it('refuses an unknown unit or plan, writing nothing', async () => {
    const store = await createTestStore(dialect);
    const { plan, counts } = await seedExamplePlan(store);
    const input = {
      text: '结转任务',
      outlineNodeId: null,
      state: 'not_started' as const,
      progress: 0,
      leadUnitId: 9999,
      coUnitIds: [],
      leader: null,
      deadline: null,
      weight: 1,
      carriedFrom: 41,
    };
    const bad = await createTask(store, plan.id, input).catch((e: unknown) => e);
    expect(isAppError(bad, 'BAD_INPUT')).toBe(true);
    const missing = await createTask(store, plan.id + 999, { ...input, leadUnitId: null }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(missing, 'NOT_FOUND')).toBe(true);
    expect((await store.plans.getItems(plan.id)).tasks).toHaveLength(counts.tasks);
  });

  it('is left as it is by a re-import, even when the report holds the same sentence', async () => {
    const store = await createTestStore(dialect);
    const units = Object.values(await seedUnits(store));
    const { plan, counts } = await seedExamplePlan(store, { state: 'draft' });
    const sentence = exampleReport().extraction.tasks[0]!.text;
    const carried = await createTask(store, plan.id, {
      text: sentence,
      outlineNodeId: null,
      state: 'in_progress',
      progress: 50,
      leadUnitId: units[0]!.id,
      coUnitIds: [units[1]!.id],
      leader: '王区长',
      deadline: '2023-06-30',
      weight: 2,
      carriedFrom: 41,
    });

    const after = await reimportPlan(store, plan.id, { ...exampleReport(), jurisdictionId: 1 }, plan.version);

    expect(after.counts.tasks).toBe(counts.tasks + 1);
    expect(await store.tasks.get(plan.id, carried.id)).toEqual(carried);
    const same = (await store.plans.getItems(plan.id)).tasks.filter((t) => t.text === sentence);
    expect(same.map((t) => t.carriedFrom).sort()).toEqual([41, null]);
  });
});
