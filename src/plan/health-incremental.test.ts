import { beforeAll, describe, expect, it } from 'vitest';
import { derivePlanHealth } from './plan-health.js';
import type { PlanHealth, PlanHealthInput } from './plan-health.js';
import type { TargetObservation, TaskObservation } from './health.js';
import type { Task } from './types.js';
import { createTestStore, seedExamplePlan } from '../../test/factories.js';
import { deriveHealthAfterChange } from './health-incremental.js';
import type { HealthChange } from './health-incremental.js';

/** A small deterministic random source (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function comparable(health: PlanHealth) {
  const nodes = ['plan', ...[...health.outline.keys()]];
  return {
    tasks: [...health.tasks.entries()],
    targets: [...health.targets.entries()],
    counts: health.counts,
    outline: [...health.outline.entries()],
    progress: nodes.map((id) => health.progress.explain(id)),
    expected: nodes.map((id) => health.expected.explain(id)),
  };
}

describe('deriveHealthAfterChange', () => {
  let input: PlanHealthInput;

  beforeAll(async () => {
    const store = await createTestStore('sqlite');
    const plan = await seedExamplePlan(store);
    const items = await store.plans.getItems(plan.plan.id);
    const next = random(7);
    const tasks = new Map<number, TaskObservation[]>();
    for (const task of items.tasks) {
      if (next() < 0.7)
        tasks.set(task.id, [
          { progress: Math.round(next() * 100), state: 'in_progress', asOf: '2022-03-31' },
        ]);
    }
    const targets = new Map<number, TargetObservation[]>();
    for (const target of items.targets) {
      if (next() < 0.7) targets.set(target.id, [{ value: target.value * next(), asOf: '2022-03-31' }]);
    }
    input = {
      year: 2022,
      outline: items.outline,
      tasks: items.tasks.map((t, i) => ({
        ...t,
        weight: 1 + (i % 3),
        deadline: i % 4 === 0 ? '2022-06-30' : null,
      })),
      targets: items.targets,
      figures: { tasks, targets },
    };
  });

  it('gives what the full pass gives, after each of 60 random changes', () => {
    const next = random(42);
    let current = input;
    let health = derivePlanHealth(current, '2022-04-10');
    for (let step = 0; step < 60; step++) {
      const tasks = [...current.tasks];
      const figures = { tasks: new Map(current.figures.tasks), targets: new Map(current.figures.targets) };
      let change: HealthChange;
      if (next() < 0.7) {
        const i = Math.floor(next() * tasks.length);
        const task = tasks[i]!;
        const kind = Math.floor(next() * 4);
        let changed: typeof task = task;
        if (kind === 0) changed = { ...task, weight: Math.round(next() * 5) };
        else if (kind === 1) changed = { ...task, deadline: next() < 0.5 ? '2022-05-31' : '2022-12-31' };
        else if (kind === 2)
          changed = { ...task, state: (['in_progress', 'done', 'closed'] as Task['state'][])[step % 3]! };
        else
          figures.tasks.set(task.id, [
            { progress: Math.round(next() * 100), state: 'in_progress', asOf: '2022-03-31' },
          ]);
        tasks[i] = changed;
        change = { type: 'task', id: task.id };
      } else {
        const target = current.targets[Math.floor(next() * current.targets.length)]!;
        figures.targets.set(target.id, [{ value: target.value * next() * 1.5, asOf: '2022-03-31' }]);
        change = { type: 'target', id: target.id };
      }
      current = { ...current, tasks, figures };
      const incremental = deriveHealthAfterChange(health, current, change, '2022-04-10');
      const full = derivePlanHealth(current, '2022-04-10');
      expect(incremental).toBeDefined();
      expect(comparable(incremental!)).toEqual(comparable(full));
      health = incremental!;
    }
  });

  it('declines a change it cannot follow: a task added or removed', () => {
    const health = derivePlanHealth(input, '2022-04-10');
    const fewer = { ...input, tasks: input.tasks.slice(1) };
    expect(
      deriveHealthAfterChange(health, fewer, { type: 'task', id: input.tasks[0]!.id }, '2022-04-10'),
    ).toBeUndefined();
    expect(
      deriveHealthAfterChange(health, input, { type: 'task', id: 999_999 }, '2022-04-10'),
    ).toBeUndefined();
  });
});
