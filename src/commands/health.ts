/**
 * The plan's health (issue 4), computed on read: loaded from the store, judged by the domain
 * (src/plan/plan-health.ts), and followed change by change between reads
 * (src/plan/health-incremental.ts) while only tasks and targets changed.
 */
import { isoDate } from '../plan/dates.js';
import { deriveProjectListHealth, parseProjectStage } from '../plan/health.js';
import type { HealthOptions, HealthResult } from '../plan/health.js';
import { deriveHealthAfterChange } from '../plan/health-incremental.js';
import type { AuditEvent } from '../plan/audit.js';
import { derivePlanHealth } from '../plan/plan-health.js';
import type { PlanHealth, PlanHealthInput } from '../plan/plan-health.js';
import { deriveStaleAfterDays } from '../plan/periods.js';
import type { ExtensionRequest } from '../plan/supervision.js';
import { resolveHealthConfig } from '../plan/thresholds.js';
import type { Plan, ProjectList } from '../plan/types.js';
import type { PlanChange, PlanItems, Store, Versioned } from '../store/types.js';
import { AppError } from '../errors.js';
import { loadApprovedFigures, loadFrame } from './frame.js';
import type { TrackingFrame } from './frame.js';

export interface ProjectListHealth extends HealthResult {
  listId: number;
}

export interface PlanHealthView {
  frame: TrackingFrame;
  items: PlanItems;
  health: PlanHealth;
  projectLists: Map<number, ProjectListHealth>;
  extensions: Versioned<ExtensionRequest>[];
  date: string;
}

/** What the last read of a plan's health held, to follow the next change from. */
export interface HeldHealth {
  date: string;
  /** The plan's read version (store/revisions.ts) when its data was read. */
  revision: number;
  createdAt: string;
  /** The version of the plan's report: a new one is always the full pass. */
  planVersion: number;
  stamp: { count: number; maxId: number };
  input: PlanHealthInput;
  options: HealthOptions;
  view: PlanHealthView;
}

/**
 * The last health computed for each plan of one store (a few plans at most), to follow the
 * next change from, and the computations under way that a read waits for instead of starting
 * its own: createApp makes one for its store and gives it to the routes.
 */
export interface HealthViews {
  readonly held: Map<number, HeldHealth>;
  /** Computations under way, by plan and date. */
  readonly pending: Map<string, Promise<PlanHealthView>>;
}

/** An empty set of held health views, for one store. */
export function createHealthViews(): HealthViews {
  return { held: new Map(), pending: new Map() };
}

const HELD_PLANS = 8;
/** Audit actions whose effect on health is their item alone (assignment, deadline, weight, state). */
const ITEM_ACTIONS = new Set(['task.update', 'target.update']);

/**
 * The whole plan's health at `date`, from approved figures, corrections, approved extensions
 * and the plan's thresholds (derivePlanHealth). The last result per plan is held with the
 * plan's read version (revision), which every read checks in the database: the same revision →
 * the held result; a newer one → the audit events since (every change writes one in its
 * transaction): only tasks or targets updated → those items reloaded and judged again with
 * `deriveHealthAfterChange`; anything else (reports, corrections, extensions, settings, a new
 * version of the report, deletes, moves) → the full pass. A computation already under way for
 * the plan and date (precomputePlanHealth, after a write) is waited for, not repeated. `views`
 * holds the results of `store` (createHealthViews); `fresh` skips the held result.
 */
export async function derivePlanHealthView(
  store: Store,
  views: HealthViews,
  planId: number,
  date: string,
  options: { fresh?: boolean } = {},
): Promise<PlanHealthView> {
  // The revision is read before the data, so a change landing in between is seen next time.
  const stamp = await store.plans.findReadStamp(planId);
  if (stamp === undefined) throw new AppError('NOT_FOUND', `no plan with id ${planId}`);
  const last = options.fresh ? undefined : views.held.get(planId);
  if (last && last.date === date && last.revision === stamp.revision && last.createdAt === stamp.createdAt) {
    return last.view;
  }
  const key = `${planId}:${date}`;
  const running = views.pending.get(key);
  if (running && !options.fresh) {
    // Under way since before this read: its result may be older than the revision just read.
    await running.catch(() => undefined);
    return derivePlanHealthView(store, views, planId, date, options);
  }
  const computing = computeHeld(store, views, planId, date, stamp.revision, stamp.createdAt, options);
  views.pending.set(key, computing);
  try {
    return await computing;
  } finally {
    if (views.pending.get(key) === computing) views.pending.delete(key);
  }
}

async function computeHeld(
  store: Store,
  views: HealthViews,
  planId: number,
  date: string,
  revision: number,
  createdAt: string,
  options: { fresh?: boolean },
): Promise<PlanHealthView> {
  const { held } = views;
  const [plan, stamp] = await Promise.all([store.plans.get(planId), store.audit.getStamp(planId)]);
  const last = options.fresh ? undefined : held.get(planId);
  if (last && last.date === date && last.createdAt === createdAt && last.planVersion === plan.version) {
    if (last.stamp.count === stamp.count && last.stamp.maxId === stamp.maxId) {
      held.set(planId, { ...last, revision });
      return last.view;
    }
    const followed = await followChanges(store, last, stamp);
    if (followed) {
      held.set(planId, { ...followed, revision });
      return followed.view;
    }
  }
  const fresh = await computePlanHealth(store, planId, date);
  held.delete(planId);
  if (held.size >= HELD_PLANS) held.delete(held.keys().next().value!);
  held.set(planId, { ...fresh, date, revision, createdAt, planVersion: plan.version, stamp });
  return fresh.view;
}

/**
 * Health computed on write (issue 15): after a commit that moved plans, each of them whose
 * health is held here is brought to the new revision at `date` in the background, so the next
 * read finds it done (or under way, and waits). Plans nobody read are left until read.
 */
export function precomputePlanHealth(
  store: Store,
  views: HealthViews,
  change: PlanChange,
  date: string,
): void {
  const planIds = change.all ? [...views.held.keys()] : change.planIds.filter((id) => views.held.has(id));
  for (const planId of planIds) {
    // A plan deleted meanwhile answers NOT_FOUND: nothing to hold.
    derivePlanHealthView(store, views, planId, date).catch(() => views.held.delete(planId));
  }
}

/** What health is judged from, read once: the plan's items, approved figures, extensions, options. */
export async function loadHealthInput(store: Store, frame: TrackingFrame) {
  const items = await store.plans.getItems(frame.plan.id);
  const [figures, extensions] = await Promise.all([
    loadApprovedFigures(store, frame, items),
    store.supervision.list('extension', frame.plan.id),
  ]);
  const options: HealthOptions = {
    config: resolveHealthConfig(frame.settings.health),
    staleAfterDays: deriveStaleAfterDays(frame.settings.period),
  };
  const input: PlanHealthInput = {
    year: frame.plan.year,
    outline: items.outline,
    tasks: items.tasks,
    targets: items.targets,
    figures,
    extensions,
  };
  return { items, extensions, input, options };
}

async function computePlanHealth(store: Store, planId: number, date: string) {
  const frame = await loadFrame(store, planId);
  const { items, extensions, input, options } = await loadHealthInput(store, frame);
  const health = derivePlanHealth(input, date, options);
  const projectLists = new Map<number, ProjectListHealth>();
  for (const list of items.projectLists)
    projectLists.set(list.id, listHealth(list, items, frame.plan, health, date, options));
  return { input, options, view: { frame, items, health, projectLists, extensions, date } };
}

function listHealth(
  list: ProjectList,
  items: PlanItems,
  plan: Plan,
  health: PlanHealth,
  date: string,
  options: HealthOptions,
): ProjectListHealth {
  const deadline = list.taskId === null ? undefined : health.tasks.get(list.taskId)?.deadline;
  const projects = items.projects.filter((p) => p.listId === list.id);
  return { listId: list.id, ...projectListHealth(list, projects, plan, deadline, date, options) };
}

/**
 * The held health moved on by the events since it was computed, when they are only task and
 * target updates and none is missing (ids commit out of order on PostgreSQL: the count tells).
 */
async function followChanges(
  store: Store,
  last: HeldHealth,
  stamp: { count: number; maxId: number },
): Promise<HeldHealth | undefined> {
  const planId = last.view.frame.plan.id;
  const events = await store.audit.list(planId, { afterId: last.stamp.maxId });
  if (events.length !== stamp.count - last.stamp.count) return undefined;
  // Only the lead unit's lines count as figures: a new lead unit changes figures, not just the item.
  const followable = (e: AuditEvent) =>
    ITEM_ACTIONS.has(e.action) && e.before?.leadUnitId === e.after?.leadUnitId;
  if (!events.every(followable)) return undefined;
  const changed = new Map(events.map((e) => [`${e.entity.type}:${String(e.entity.id)}`, e.entity]));
  let input = last.input;
  let items = last.view.items;
  let health = last.view.health;
  for (const entity of changed.values()) {
    const id = Number(entity.id);
    if (entity.type === 'task') {
      const task = await store.tasks.get(planId, id);
      const tasks = items.tasks.map((t) => (t.id === id ? task : t));
      items = { ...items, tasks };
      input = { ...input, tasks };
    } else {
      const target = await store.targets.get(planId, id);
      const targets = items.targets.map((t) => (t.id === id ? target : t));
      items = { ...items, targets };
      input = { ...input, targets };
    }
    const next = deriveHealthAfterChange(
      health,
      input,
      { type: entity.type === 'task' ? 'task' : 'target', id },
      last.date,
      last.options,
    );
    if (!next) return undefined;
    health = next;
  }
  const projectLists = new Map(last.view.projectLists);
  const { plan } = last.view.frame;
  for (const list of items.projectLists) {
    if (list.taskId !== null && changed.has(`task:${list.taskId}`)) {
      projectLists.set(list.id, listHealth(list, items, plan, health, last.date, last.options));
    }
  }
  const view: PlanHealthView = { ...last.view, items, health, projectLists };
  return { ...last, stamp, input, view };
}

function projectListHealth(
  list: ProjectList,
  projects: PlanItems['projects'],
  plan: Plan,
  taskDeadline: string | undefined,
  date: string,
  options: Parameters<typeof deriveProjectListHealth>[4],
): HealthResult {
  if (parseProjectStage(list.stage) === undefined) {
    return {
      health: 'no_data',
      ratio: null,
      expected: null,
      actual: null,
      comparedAt: null,
      stale: false,
      why: { code: 'NO_PIPELINE_STAGE', params: { stage: list.stage } },
      reason: `"${list.stage}" names no pipeline stage`,
    };
  }
  const deadline = taskDeadline ?? isoDate(plan.year, 12, 31);
  const start = isoDate(plan.year, 1, 1);
  return deriveProjectListHealth(
    list,
    projects,
    { start: deadline < start ? deadline : start, deadline },
    date,
    options,
  );
}
