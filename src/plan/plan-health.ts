/**
 * The whole plan's health at a date in one pure pass, for the store and server to call after
 * any change: every task's and target's health, the roll-up of task progress and of expected
 * progress over the outline (with `explain` for every figure), each outline node's health
 * (the two compared), and counts per health. Linear in the plan's size.
 */
import type { ExpectationOptions, TargetLike } from './expected.js';
import { deriveHealthFromRatio, deriveTargetHealth, deriveTaskHealth } from './health.js';
import { DEFAULT_HEALTH_CONFIG } from './thresholds.js';
import type { HealthOptions, HealthResult, TaskSchedule } from './health.js';
import { isoDate, toDayNumber } from './dates.js';
import type { ApprovedFigures } from './reporting.js';
import { deriveRollup } from './rollup.js';
import type { Rollup, RollupNode, RollupOptions } from './rollup.js';
import { deriveEffectiveDeadline } from './supervision.js';
import type { ExtensionRequest } from './supervision.js';
import type { Health, OutlineNode, Target, Task } from './types.js';

export interface PlanHealthInput {
  year: number;
  outline: readonly Pick<OutlineNode, 'id' | 'parentId' | 'weight' | 'title' | 'position'>[];
  tasks: readonly Pick<Task, 'id' | 'outlineNodeId' | 'weight' | 'state' | 'deadline'>[];
  targets: readonly (TargetLike & Pick<Target, 'id'>)[];
  /** From `deriveApprovedFigures`: only approved figures count. */
  figures: ApprovedFigures;
  /** Extension requests of any state; approved ones on tasks move their deadlines. */
  extensions?: readonly Pick<
    ExtensionRequest,
    'id' | 'subject' | 'state' | 'approvedDeadline' | 'decidedAt'
  >[];
  /** Interim progress per task id (stepped 序时进度). */
  taskMilestones?: ReadonlyMap<number, NonNullable<TaskSchedule['milestones']>>;
  /** Milestones, seasonal profile or measure per target id. */
  targetExpectations?: ReadonlyMap<number, ExpectationOptions>;
}

export interface TaskHealth extends HealthResult {
  /** The deadline in force (after approved extensions; the year's end when none was set). */
  deadline: string;
  extended: boolean;
}

export interface PlanHealth {
  tasks: Map<number, TaskHealth>;
  targets: Map<number, HealthResult>;
  /**
   * Task progress (latest approved, 0–100; closed counts 100) rolled up over the outline.
   * Node ids: "plan" (the root), "outline:<id>", "task:<id>"; a task with no outline node
   * hangs from the root.
   */
  progress: Rollup;
  /** Expected progress (序时进度) rolled up the same way, over the same tasks. */
  expected: Rollup;
  /** Health of "plan" and every "outline:<id>": rolled-up progress over rolled-up expected progress. */
  outline: Map<string, OutlineHealth>;
  counts: { tasks: Record<Health, number>; targets: Record<Health, number> };
}

/** A node's health: its weighted progress against its weighted expected progress. */
export interface OutlineHealth {
  health: Health;
  /** progress / expected; null when not compared. */
  ratio: number | null;
  progress: number | null;
  expected: number | null;
  /** Share of the node's weight backed by approved figures. */
  coverage: number;
}

function emptyCounts(): Record<Health, number> {
  return { on_track: 0, at_risk: 0, behind: 0, done: 0, not_started: 0, no_data: 0 };
}

/**
 * Health of every task and target of a plan at `date`, the progress roll-up, and counts.
 * Throws AppError BAD_INPUT when the outline is not a tree (see `deriveRollup`) or a date is
 * not an ISO date.
 * @example
 * const health = derivePlanHealth({ year: 2022, outline, tasks, targets, figures }, '2022-07-10');
 * health.targets.get(3)?.health      // 'at_risk'
 * health.progress.explain('outline:1').formula
 */
export function derivePlanHealth(
  input: PlanHealthInput,
  date: string,
  options: HealthOptions & RollupOptions = {},
): PlanHealth {
  const start = isoDate(input.year, 1, 1);
  const yearEnd = isoDate(input.year, 12, 31);

  const extensionsByTask = new Map<number, NonNullable<PlanHealthInput['extensions']>[number][]>();
  for (const r of input.extensions ?? []) {
    if (r.subject.type !== 'task') continue;
    const list = extensionsByTask.get(r.subject.id);
    if (list) list.push(r);
    else extensionsByTask.set(r.subject.id, [r]);
  }

  const counts = { tasks: emptyCounts(), targets: emptyCounts() };
  const tasks = new Map<number, TaskHealth>();
  for (const task of input.tasks) {
    const requests = extensionsByTask.get(task.id);
    const effective = requests
      ? deriveEffectiveDeadline(task.deadline, requests)
      : { deadline: task.deadline, extended: false };
    const deadline = effective.deadline ?? yearEnd;
    const observations = input.figures.tasks.get(task.id) ?? [];
    const milestones = input.taskMilestones?.get(task.id);
    const from = toDayNumber(deadline) < toDayNumber(start) ? deadline : start;
    const schedule: TaskSchedule = milestones
      ? { start: from, deadline, milestones }
      : { start: from, deadline };
    const result = deriveTaskHealth({ state: task.state, observations }, schedule, date, options);
    // Built field by field: spreading thousands of results is several times slower.
    tasks.set(task.id, {
      health: result.health,
      ratio: result.ratio,
      expected: result.expected,
      actual: result.actual,
      comparedAt: result.comparedAt,
      stale: result.stale,
      why: result.why,
      reason: result.reason,
      deadline,
      extended: effective.extended,
    });
    counts.tasks[result.health]++;
  }

  const targets = new Map<number, HealthResult>();
  for (const target of input.targets) {
    const expectation = input.targetExpectations?.get(target.id);
    const result = deriveTargetHealth(target, input.figures.targets.get(target.id) ?? [], date, {
      ...options,
      ...(expectation ? { expectation } : {}),
    });
    targets.set(target.id, result);
    counts.targets[result.health]++;
  }

  return { tasks, targets, ...deriveOutlineRollups(input, tasks, options)!, counts };
}

/**
 * The progress and expected-progress roll-ups over the outline from each task's health, and
 * each outline node's health; undefined when a task of `input` has no health in `tasks`.
 * Each task counts with its latest approved progress (closed: 100), against what was expected
 * of that figure (itself when done, else the expectation it was judged by).
 */
export function deriveOutlineRollups(
  input: Pick<PlanHealthInput, 'outline' | 'tasks'>,
  tasks: ReadonlyMap<number, Pick<TaskHealth, 'health' | 'actual' | 'expected'>>,
  options: HealthOptions & RollupOptions = {},
): Pick<PlanHealth, 'progress' | 'expected' | 'outline'> | undefined {
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
  // The same tree again for expected progress: same weights, same tasks left out for no data.
  const expectedNodes: RollupNode[] = nodes.map((n) => ({
    id: n.id,
    parentId: n.parentId,
    weight: n.weight ?? null,
  }));
  for (const task of input.tasks) {
    const result = tasks.get(task.id);
    if (!result) return undefined;
    const progress = task.state === 'closed' ? 100 : result.actual;
    let expected: number | null = null;
    if (progress !== null) expected = result.health === 'done' ? progress : (result.expected ?? progress);
    const id = `task:${task.id}`;
    const parentId = task.outlineNodeId === null ? 'plan' : `outline:${task.outlineNodeId}`;
    nodes.push({ id, parentId, weight: task.weight, value: progress });
    expectedNodes.push({ id, parentId, weight: task.weight, value: expected });
  }
  const progress = deriveRollup(nodes, options);
  const expected = deriveRollup(expectedNodes, options);
  const outlineHealth = new Map<string, OutlineHealth>();
  for (const node of nodes) {
    if (node.id.startsWith('task:')) continue;
    outlineHealth.set(node.id, deriveNodeHealth(progress, expected, node.id, options));
  }
  return { progress, expected, outline: outlineHealth };
}

/**
 * The two trees after one task's result changed, from those held in `previous`: the task's leaf
 * changed in each roll-up (Rollup.withLeaf) and the health of the nodes above it judged again;
 * equal to `deriveOutlineRollups` on the new input. Undefined when the task is not a leaf of the
 * held trees under the same parent (a task moved or added): then build them whole.
 */
export function deriveOutlineRollupsAfterTask(
  previous: Pick<PlanHealth, 'progress' | 'expected' | 'outline'>,
  task: Pick<Task, 'id' | 'outlineNodeId' | 'weight' | 'state'>,
  result: Pick<TaskHealth, 'health' | 'actual' | 'expected'>,
  options: HealthOptions & RollupOptions = {},
): Pick<PlanHealth, 'progress' | 'expected' | 'outline'> | undefined {
  const value = task.state === 'closed' ? 100 : result.actual;
  let expected: number | null = null;
  if (value !== null) expected = result.health === 'done' ? value : (result.expected ?? value);
  const id = `task:${task.id}`;
  const parentId = task.outlineNodeId === null ? 'plan' : `outline:${task.outlineNodeId}`;
  const progress = previous.progress.withLeaf({ id, parentId, weight: task.weight, value });
  const expectedTree = previous.expected.withLeaf({ id, parentId, weight: task.weight, value: expected });
  if (progress === undefined || expectedTree === undefined) return undefined;
  const outline = new Map(previous.outline);
  for (const above of progress.above)
    outline.set(above, deriveNodeHealth(progress.rollup, expectedTree.rollup, above, options));
  return { progress: progress.rollup, expected: expectedTree.rollup, outline };
}

function deriveNodeHealth(
  progress: Rollup,
  expected: Rollup,
  id: string,
  options: HealthOptions,
): OutlineHealth {
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
