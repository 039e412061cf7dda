/**
 * Presenters: what a client sees of each record, decided by who is asking. The public never
 * sees user accounts or personal names (the responsible leader); everything else in a
 * published plan is public by design (PRODUCT.md, Publish).
 */
import type {
  Achievement,
  OutlineNode,
  Plan,
  Project,
  ProjectList,
  Target,
  Task,
  Unit,
  User,
} from '../plan/types.js';
import { derivePublicOrder, deriveUnitView } from '../requests/index.js';
import type { RequestActor, WorkOrder } from '../requests/index.js';
import type { Extraction } from '../report/types.js';
import type { Page, PlanSummary } from '../store/types.js';
import { can } from './auth/policy.js';
import type * as Api from '../contract/index.js';

/** Who the answer is for; undefined is the public. */
export type Viewer = User | undefined;

export function presentPlan(plan: Plan): Api.Plan {
  return {
    id: plan.id,
    title: plan.title,
    place: plan.place,
    level: plan.level,
    year: plan.year,
    state: plan.state,
    kind: plan.kind,
    version: plan.version,
    meta: plan.meta,
    sourceName: plan.sourceName,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
    publishedAt: plan.publishedAt,
  };
}

export function presentPlanSummary(summary: PlanSummary): Api.PlanSummary {
  return { plan: presentPlan(summary.plan), counts: { ...summary.counts } };
}

/** The reader's warnings as an import answers them, each with the words it points at (60 at most). */
export function presentReaderWarnings(text: string, extraction: Extraction): Api.ReaderWarning[] {
  return extraction.warnings.map((w) => {
    const excerpt = w.span ? text.slice(w.span[0], Math.min(w.span[1], w.span[0] + 60)).trim() : '';
    return { code: w.code, message: w.message, ...(w.span ? { span: w.span } : {}), excerpt };
  });
}

export function presentOutlineNode(node: OutlineNode): Api.OutlineNode {
  return { ...node };
}

/** Drops the responsible leader's name for viewers who may not read personal data. */
function withoutPersonal<T extends { leader: string | null }>(
  item: T,
  viewer: Viewer,
): T | Omit<T, 'leader'> {
  if (can(viewer, 'item:read-personal')) return item;
  const { leader: _leader, ...rest } = item;
  return rest;
}

export function presentTarget(target: Target, viewer: Viewer): Api.Target {
  return withoutPersonal({ ...target, coUnitIds: [...target.coUnitIds] }, viewer);
}

export function presentAchievement(achievement: Achievement): Api.Achievement {
  return { ...achievement };
}

export function presentTask(task: Task, viewer: Viewer): Api.Task {
  return withoutPersonal({ ...task, coUnitIds: [...task.coUnitIds] }, viewer);
}

export function presentProjectList(list: ProjectList): Api.ProjectList {
  return { ...list };
}

export function presentProject(project: Project): Api.Project {
  return { ...project };
}

export function presentUnit(unit: Unit): Api.Unit {
  return {
    id: unit.id,
    name: unit.name,
    kind: unit.kind,
    ...(unit.area === undefined ? {} : { area: unit.area }),
  };
}

/** A user account, never with its password hash (only signed-in staff ever get here). */
export function presentUser(user: User): Api.User {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitIds: [...user.unitIds],
    disabled: user.disabled,
    jurisdictionId: user.jurisdictionId,
    seesDescendants: user.seesDescendants,
  };
}

/** Maps a page's items, keeping its total. */
export function presentPage<T, R>(page: Page<T>, present: (item: T) => R): { items: R[]; total: number } {
  return { items: page.items.map(present), total: page.total };
}

/**
 * What the public may see of an order: the one rule (src/requests/privacy.ts), for every
 * public output and every status.
 */
export function presentPublicOrder(order: WorkOrder): Api.PublicOrder {
  return derivePublicOrder(order);
}

/** What a viewer may see of a full order: the centre everything, a unit its view (deriveUnitView). */
export function presentOrderFor(
  order: WorkOrder,
  actor: RequestActor | undefined,
  role: User['role'] | undefined,
) {
  if (actor?.role === 'center' || role === 'leader') return order;
  if (actor?.role === 'unit') return deriveUnitView(order);
  return presentPublicOrder(order);
}
