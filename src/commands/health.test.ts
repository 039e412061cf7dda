import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlanHealth } from '../plan/plan-health.js';
import type { Unit } from '../plan/types.js';
import type { PlanSummary, Store } from '../store/types.js';
import { DIALECTS, createTestStore, seedExamplePlan, seedUnits } from '../../test/factories.js';
import { createHealthViews, derivePlanHealthView, precomputePlanHealth } from './health.js';
import type { HealthViews } from './health.js';
import { updateTarget, updateTask } from './items.js';

function comparable(health: PlanHealth) {
  const nodes = ['plan', ...[...health.outline.keys()]];
  return {
    tasks: [...health.tasks.entries()],
    targets: [...health.targets.entries()],
    counts: health.counts,
    outline: [...health.outline.entries()],
    progress: nodes.map((id) => health.progress.explain(id)),
  };
}

describe.each(DIALECTS)('derivePlanHealthView on %s', (dialect) => {
  let store: Store;
  let plan: PlanSummary;
  let units: Unit[];
  let views: HealthViews;
  const DATE = '2022-07-10';

  beforeAll(async () => {
    store = await createTestStore(dialect);
    units = Object.values(await seedUnits(store));
    plan = await seedExamplePlan(store);
    views = createHealthViews();
  });

  it('answers the held result while nothing changed', async () => {
    const first = await derivePlanHealthView(store, views, plan.plan.id, DATE);
    expect(await derivePlanHealthView(store, views, plan.plan.id, DATE)).toBe(first);
    expect(await derivePlanHealthView(store, views, plan.plan.id, '2022-07-11')).not.toBe(first);
  });

  it('follows task and target updates to the same result as a full pass', async () => {
    const before = await derivePlanHealthView(store, views, plan.plan.id, DATE);
    const items = await store.plans.getItems(plan.plan.id);
    const [a, b] = items.tasks;
    await updateTask(store, plan.plan.id, a!.id, { weight: 4, deadline: '2022-05-31' }, a!.version);
    await updateTask(store, plan.plan.id, b!.id, { state: 'closed' }, b!.version);
    const target = items.targets[0]!;
    await updateTarget(store, plan.plan.id, target.id, { weight: 2 }, target.version);
    const followed = await derivePlanHealthView(store, views, plan.plan.id, DATE);
    const full = await derivePlanHealthView(store, views, plan.plan.id, DATE, { fresh: true });
    // Followed, not recomputed: the untouched rows are the very objects held before.
    expect(followed.items.tasks[5]).toBe(before.items.tasks[5]);
    expect(full.items.tasks[5]).not.toBe(before.items.tasks[5]);
    expect(comparable(followed.health)).toEqual(comparable(full.health));
    expect(followed.health.tasks.get(a!.id)).toMatchObject({ deadline: '2022-05-31', health: 'no_data' });
    expect(followed.health.counts.tasks.done).toBeGreaterThan(0);
    expect([...followed.projectLists.entries()]).toEqual([...full.projectLists.entries()]);
  });

  it('sees a new lead unit, which changes which figures count', async () => {
    const before = await derivePlanHealthView(store, views, plan.plan.id, DATE);
    const task = (await store.plans.getItems(plan.plan.id)).tasks[2]!;
    await updateTask(store, plan.plan.id, task.id, { leadUnitId: units[0]!.id }, task.version);
    const after = await derivePlanHealthView(store, views, plan.plan.id, DATE);
    expect(after.items.tasks[5]).not.toBe(before.items.tasks[5]); // the full pass, not followed
    const full = await derivePlanHealthView(store, views, plan.plan.id, DATE, { fresh: true });
    expect(comparable(after.health)).toEqual(comparable(full.health));
    expect(after.items.tasks.find((t) => t.id === task.id)?.leadUnitId).toBe(units[0]!.id);
  });

  it('computes the health of a written plan when the write commits, so the next read takes it as it is', async () => {
    await derivePlanHealthView(store, views, plan.plan.id, DATE);
    const stop = store.onPlanChange((change) => precomputePlanHealth(store, views, change, DATE));
    try {
      const task = (await store.plans.getItems(plan.plan.id)).tasks[3]!;
      await updateTask(store, plan.plan.id, task.id, { weight: 3 }, task.version);
      const revision = (await store.plans.findReadStamp(plan.plan.id))!.revision;
      // Computed after the commit with no read asking (polled: the listener runs on its own).
      await vi.waitFor(() => expect(views.held.get(plan.plan.id)?.revision).toBe(revision), {
        timeout: 10_000,
      });
      const computed = views.held.get(plan.plan.id)!.view;
      const read = await derivePlanHealthView(store, views, plan.plan.id, DATE);
      expect(read).toBe(computed);
      expect(read.items.tasks.find((t) => t.id === task.id)?.weight).toBe(3);
    } finally {
      stop();
    }
  });

  it('leaves plans nobody read to their first read', async () => {
    const other = await seedExamplePlan(store);
    const stop = store.onPlanChange((change) => precomputePlanHealth(store, views, change, DATE));
    try {
      const task = (await store.plans.getItems(other.plan.id)).tasks[0]!;
      await updateTask(store, other.plan.id, task.id, { weight: 2 }, task.version);
      expect(views.pending.has(`${other.plan.id}:${DATE}`)).toBe(false);
      expect(views.held.has(other.plan.id)).toBe(false);
    } finally {
      stop();
    }
  });
});
