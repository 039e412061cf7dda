/**
 * Health after one change, without judging the whole plan again: the changed task or target
 * is judged anew (src/plan/health.ts), and for a task both roll-ups are rebuilt from the
 * results already held (src/plan/rollup.ts). The result equals `derivePlanHealth` on the new
 * input (incremental.test.ts checks it on random changes); anything else that changed — the
 * outline, figures, extensions, settings, a task added or removed — needs the full pass.
 */
import { isoDate, toDayNumber } from './dates.js';
import { deriveHealthFromRatio, deriveTargetHealth, deriveTaskHealth } from './health.js';
import type { HealthOptions, TaskSchedule } from './health.js';
import type { OutlineHealth, PlanHealth, PlanHealthInput, TaskHealth } from './plan-health.js';
import { deriveRollup } from './rollup.js';
import type { Rollup, RollupNode, RollupOptions } from './rollup.js';
import { deriveEffectiveDeadline } from './supervision.js';
import { DEFAULT_HEALTH_CONFIG } from './thresholds.js';

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

  // The two trees again, exactly as derivePlanHealth builds them, from the results held.
  const nodes: RollupNode[] = [{ id: 'plan', parentId: null, label: 'plan' }];
  const outline = [...input.outline].sort((a, b) => a.position - b.position || a.id - b.id);
  for (const node of outline) {
    nodes.push({
      id: `outline:${node.id}`,
      parentId: node.parentId === null ? 'plan' : `outline:${node.parentId}`,
      weight: node.weight,
      label: node.title,
    });
  }
  const expectedNodes: RollupNode[] = nodes.map((n) => ({
    id: n.id,
    parentId: n.parentId,
    weight: n.weight ?? null,
  }));
  for (const t of input.tasks) {
    const r = tasks.get(t.id);
    if (!r) return undefined;
    const progress = t.state === 'closed' ? 100 : r.actual;
    let expected: number | null = null;
    if (progress !== null) expected = r.health === 'done' ? progress : (r.expected ?? progress);
    const id = `task:${t.id}`;
    const parentId = t.outlineNodeId === null ? 'plan' : `outline:${t.outlineNodeId}`;
    nodes.push({ id, parentId, weight: t.weight, value: progress });
    expectedNodes.push({ id, parentId, weight: t.weight, value: expected });
  }
  const progress = deriveRollup(nodes, options);
  const expected = deriveRollup(expectedNodes, options);
  const outlineHealth = new Map<string, OutlineHealth>();
  for (const node of nodes) {
    if (node.id.startsWith('task:')) continue;
    outlineHealth.set(node.id, nodeHealth(progress, expected, node.id, options));
  }
  return { tasks, targets: previous.targets, progress, expected, outline: outlineHealth, counts };
}

/** A node's progress against its expected progress (as plan-health.ts judges it). */
function nodeHealth(progress: Rollup, expected: Rollup, id: string, options: HealthOptions): OutlineHealth {
  const p = progress.findFigure(id)!;
  const e = expected.findFigure(id)!;
  const figures = { progress: p.value, expected: e.value, coverage: p.coverage };
  if (p.value === null || e.value === null) return { health: 'no_data', ratio: null, ...figures };
  if (p.value >= 100 - 1e-9) return { health: 'done', ratio: null, ...figures };
  if (e.value <= 0) return { health: p.value > 0 ? 'on_track' : 'not_started', ratio: null, ...figures };
  const ratio = p.value / e.value;
  const thresholds = (options.config ?? DEFAULT_HEALTH_CONFIG).thresholds;
  return { health: deriveHealthFromRatio(ratio, thresholds), ratio, ...figures };
}
