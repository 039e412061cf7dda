/**
 * Plans' read versions (store/revisions.ts) on both engines: a transaction that writes a plan's
 * rows advances its revision once, before it commits; one that names no plan is rolled back;
 * a plan's rows are never written outside a transaction; a unit's change advances every plan;
 * listeners hear only what committed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { DIALECTS, createTestStore, seedExamplePlan, seedUnits } from '../../test/factories.js';
import type { PlanChange, PlanSummary, Store } from '../store/index.js';
import { updateUnit } from './units.js';
import { updateTask } from './items.js';

async function revisionOf(store: Store, planId: number): Promise<number> {
  return (await store.plans.findReadStamp(planId))!.revision;
}

describe.each(DIALECTS)('plan revisions on %s', (dialect) => {
  let store: Store;
  let plan: PlanSummary;
  let other: PlanSummary;
  const heard: PlanChange[] = [];

  beforeAll(async () => {
    store = await createTestStore(dialect);
    await seedUnits(store);
    plan = await seedExamplePlan(store);
    other = await seedExamplePlan(store, { state: 'draft' });
    store.onPlanChange((change) => heard.push(change));
  });

  it('advances the plan a command writes, once per transaction, and tells the listeners after it commits', async () => {
    const before = await revisionOf(store, plan.plan.id);
    const otherBefore = await revisionOf(store, other.plan.id);
    const task = (await store.tasks.list(plan.plan.id, { limit: 1 })).items[0]!;
    heard.length = 0;
    await updateTask(store, plan.plan.id, task.id, { weight: 2, progress: 10 }, task.version);
    expect(await revisionOf(store, plan.plan.id)).toBe(before + 1);
    expect(await revisionOf(store, other.plan.id)).toBe(otherBefore);
    expect(heard).toEqual([{ all: false, planIds: [plan.plan.id] }]);
  });

  it('rolls back a transaction that writes a plan’s rows without naming the plan', async () => {
    const before = await revisionOf(store, plan.plan.id);
    const task = (await store.tasks.list(plan.plan.id, { limit: 1 })).items[0]!;
    heard.length = 0;
    const failed = await store
      .transaction((tx) =>
        tx.tasks.update(plan.plan.id, task.id, { progress: 77 }, undefined, task.version, 'x'),
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isAppError(failed, 'INTERNAL')).toBe(true);
    expect(String((failed as Error).message)).toMatch(/tasks/);
    expect((await store.tasks.get(plan.plan.id, task.id)).progress).toBe(task.progress);
    expect(await revisionOf(store, plan.plan.id)).toBe(before);
    expect(heard).toEqual([]);
  });

  it('refuses a write to a plan’s rows outside a transaction', async () => {
    const task = (await store.tasks.list(plan.plan.id, { limit: 1 })).items[0]!;
    const failed = await store.tasks
      .update(plan.plan.id, task.id, { progress: 55 }, undefined, task.version, 'x')
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isAppError(failed, 'INTERNAL')).toBe(true);
    expect((await store.tasks.get(plan.plan.id, task.id)).progress).toBe(task.progress);
  });

  it('advances nothing and tells no one when the transaction fails', async () => {
    const before = await revisionOf(store, plan.plan.id);
    heard.length = 0;
    await expect(
      store.transaction(async (tx) => {
        await tx.plans.touch(plan.plan.id);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await revisionOf(store, plan.plan.id)).toBe(before);
    expect(heard).toEqual([]);
  });

  it('advances every plan when a unit their answers name changes', async () => {
    const unit = (await store.units.list())[0]!;
    const versioned = await store.units.get(unit.id);
    const before = [await revisionOf(store, plan.plan.id), await revisionOf(store, other.plan.id)];
    heard.length = 0;
    await updateUnit(store, unit.id, { name: `${unit.name}（新）` }, versioned.version);
    expect([await revisionOf(store, plan.plan.id), await revisionOf(store, other.plan.id)]).toEqual([
      before[0]! + 1,
      before[1]! + 1,
    ]);
    expect(heard).toEqual([{ all: true }]);
  });
});
