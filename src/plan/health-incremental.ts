/**
 * Health after one change, without judging the whole plan again: the changed task or target
 * is judged anew (src/plan/health.ts), and for a task both roll-ups move on along the task's
 * path to the root (src/plan/rollup.ts, withLeaf), or are rebuilt from the results held when
 * the task moved. The result equals `derivePlanHealth` on the new
 * input (incremental.test.ts checks it on random changes); anything else that changed — the
 * outline, figures, extensions, settings, a task added or removed — needs the full pass.
 */
import { isoDate, toDayNumber } from './dates.js';
import { deriveTargetHealth, deriveTaskHealth } from './health.js';
import type { HealthOptions, TaskSchedule } from './health.js';
import { deriveOutlineRollups, deriveOutlineRollupsAfterTask } from './plan-health.js';
import type { PlanHealth, PlanHealthInput, TaskHealth } from './plan-health.js';
import type { RollupOptions } from './rollup.js';
import { deriveEffectiveDeadline } from './supervision.js';

export type HealthChange = { type: 'task'; id: number } | { type: 'target'; id: number };

/**
 * The plan's health after `change`, from `previous` (the health of the input before it) and
 * the new `input`. Undefined when the change is not one this can follow (the item is not in
 * the input, or a task count changed): the caller then runs `derivePlanHealth`.
 * @example
 * const next = deriveHealthAfterChange(previous, input, { type: 'task', id: 7 }, '2022-04-10') ?? derivePlanHealth(input, '2022-04-10')
 */
export function deriveHealthAfterChange(
  previous: PlanHealth,
  input: PlanHealthInput,
  change: HealthChange,
  date: string,
  options: HealthOptions & RollupOptions = {},
): PlanHealth | undefined {
  if (input.tasks.length !== previous.tasks.size || input.targets.length !== previous.targets.size)
    return undefined;
  const counts = { tasks: { ...previous.counts.tasks }, targets: { ...previous.counts.targets } };

  if (change.type === 'target') {
    const target = input.targets.find((t) => t.id === change.id);
    const before = previous.targets.get(change.id);
    if (!target || !before) return undefined;
    const expectation = input.targetExpectations?.get(target.id);
    const result = deriveTargetHealth(target, input.figures.targets.get(target.id) ?? [], date, {
      ...options,
      ...(expectation ? { expectation } : {}),
    });
    const targets = new Map(previous.targets);
    targets.set(target.id, result);
    counts.targets[before.health]--;
    counts.targets[result.health]++;
    return { ...previous, targets, counts };
  }

  const task = input.tasks.find((t) => t.id === change.id);
  const before = previous.tasks.get(change.id);
  if (!task || !before) return undefined;
  const requests = (input.extensions ?? []).filter(
    (r) => r.subject.type === 'task' && r.subject.id === task.id,
  );
  const effective =
    requests.length > 0
      ? deriveEffectiveDeadline(task.deadline, requests)
      : { deadline: task.deadline, extended: false };
  const start = isoDate(input.year, 1, 1);
  const deadline = effective.deadline ?? isoDate(input.year, 12, 31);
  const from = toDayNumber(deadline) < toDayNumber(start) ? deadline : start;
  const milestones = input.taskMilestones?.get(task.id);
  const schedule: TaskSchedule = milestones
    ? { start: from, deadline, milestones }
    : { start: from, deadline };
  const result = deriveTaskHealth(
    { state: task.state, observations: input.figures.tasks.get(task.id) ?? [] },
    schedule,
    date,
    options,
  );
  const tasks = new Map(previous.tasks);
  const health: TaskHealth = { ...result, deadline, extended: effective.extended };
  tasks.set(task.id, health);
  counts.tasks[before.health]--;
  counts.tasks[result.health]++;

  // The two trees moved on along the task's path (or again, as derivePlanHealth builds them,
  // when the task moved): either way equal to the full pass.
  const rollups =
    deriveOutlineRollupsAfterTask(previous, task, health, options) ??
    deriveOutlineRollups(input, tasks, options);
  if (!rollups) return undefined;
  return { tasks, targets: previous.targets, ...rollups, counts };
}
