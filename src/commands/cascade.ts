/**
 * Plans between levels (issue 16.3), the writes and the roll-up read: a higher plan's target
 * handed down to the plans of jurisdictions below it (任务下达: the lower plan gets the target
 * as the higher office wrote it, with its own share when given, and a link back), a lower
 * plan's own target linked to the higher one it serves, links suggested by metric and unit,
 * and the higher target seen through its links (src/plan/cascade.ts). Each write is checked
 * and audited on the lower plan in one transaction; a lower plan must belong to a jurisdiction
 * below the higher plan's.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { isWithin } from '../jurisdictions/tree.js';
import {
  convertUnit,
  deriveCascadeRollup,
  deriveHandedDownTarget,
  deriveHandedDownTask,
  suggestCascadeLinks,
} from '../plan/cascade.js';
import type { CascadeRollup, Contribution, LinkSuggestion } from '../plan/cascade.js';
import { deriveDirection } from '../plan/review.js';
import type { Plan, Target, Task } from '../plan/types.js';
import type { PlanLink } from '../store/plan-links.js';
import type { ChangeMeta, Store } from '../store/types.js';
import { changeEvent, loadApprovedFigures } from './frame.js';
import { derivePlanHealthView } from './health.js';
import type { HealthViews } from './health.js';

/** One lower plan a target is handed down to, with its own share of the figure when given. */
export interface HandDownTo {
  planId: number;
  share?: { value: number; unit?: string } | undefined;
}

export interface HandedDown {
  planId: number;
  target: Target;
  linkId: number;
}

/** NOT_FOUND / BAD_INPUT unless `lower` belongs to a jurisdiction strictly below `higher`'s. */
async function checkBelow(store: Store, higher: Plan, lower: Plan, path: string): Promise<ErrorDetail[]> {
  const nodes = await store.jurisdictions.list();
  const above = higher.jurisdictionId;
  const below = lower.jurisdictionId;
  if (above === undefined || below === undefined || below === above || !isWithin(nodes, below, above)) {
    const name = nodes.find((j) => j.id === below)?.name ?? '';
    return [{ path, message: `计划「${lower.title}」${name ? `（${name}）` : ''}不属于下级辖区` }];
  }
  return [];
}

/**
 * The lower plans named by `to` (in its order), with a problem at `to.N.planId` for each one that
 * does not exist, is not below `higher`, is named twice or was given this item already.
 */
async function checkLowers(
  tx: Store,
  higher: Plan,
  to: readonly { planId: number }[],
  given: readonly PlanLink[],
  what: '目标' | '任务',
): Promise<{ lowers: Plan[]; problems: ErrorDetail[] }> {
  const problems: ErrorDetail[] = [];
  const lowers: Plan[] = [];
  const seen = new Set<number>();
  for (const [i, { planId }] of to.entries()) {
    const path = `to.${i}.planId`;
    const lower = await tx.plans.find(planId);
    if (!lower) {
      problems.push({ path, message: `没有编号为 ${planId} 的计划` });
      continue;
    }
    lowers.push(lower);
    problems.push(...(await checkBelow(tx, higher, lower, path)));
    if (seen.has(lower.id) || given.some((l) => l.child.planId === lower.id)) {
      problems.push({ path, message: `已向计划「${lower.title}」下达过此${what}` });
    }
    seen.add(lower.id);
  }
  return { lowers, problems };
}

function metaAction(meta: ChangeMeta | undefined, action: string, reason?: string): ChangeMeta {
  return {
    ...(meta ?? { actor: null, at: new Date().toISOString() }),
    action,
    reason: reason ?? meta?.reason ?? null,
  };
}

/**
 * Hands a higher plan's target down to lower plans (one per jurisdiction below): each lower plan
 * gets a new target with the higher one's words and figure (or its share) and a link back.
 * All or nothing. BAD_INPUT naming `to.N.planId` for a plan not below, one already given this
 * target, or a share in a unit that does not convert; NOT_FOUND for an unknown target or plan.
 */
export async function handDownTarget(
  store: Store,
  input: { planId: number; targetId: number; to: readonly HandDownTo[] },
  meta?: ChangeMeta,
): Promise<HandedDown[]> {
  if (input.to.length === 0) {
    throw new AppError('BAD_INPUT', '请选择下达的辖区计划', [
      { path: 'to', message: '至少选择一个下级计划' },
    ]);
  }
  return store.transaction(async (tx) => {
    const higher = await tx.plans.get(input.planId);
    const target = await tx.targets.get(input.planId, input.targetId);
    const given = await tx.planLinks.listByParent('target', input.planId, input.targetId);
    const { lowers, problems } = await checkLowers(tx, higher, input.to, given, '目标');
    for (const [i, to] of input.to.entries()) {
      if (to.share !== undefined && !(Number.isFinite(to.share.value) && to.share.value >= 0)) {
        problems.push({ path: `to.${i}.share.value`, message: '分解值应为不小于 0 的数' });
      }
    }
    if (problems.length > 0) throw new AppError('BAD_INPUT', '目标未下达', problems);
    const stamp = meta?.at ?? new Date().toISOString();
    const out: HandedDown[] = [];
    for (const [i, lower] of lowers.entries()) {
      const down = deriveHandedDownTarget(target, input.to[i]!.share);
      const id = await tx.targets.insert(
        lower.id,
        {
          metric: down.metric,
          comparator: down.comparator,
          value: down.value,
          unit: down.unit,
          period: down.period,
          outlineNodeId: null,
          // Not in the lower plan's own text: no span, the higher plan's words kept as its quote.
          span: [0, 0],
          quote: down.quote,
          taskId: null,
          direction: down.direction ?? deriveDirection(down.comparator),
          sentence: down.sentence,
        },
        stamp,
      );
      const linkId = await tx.planLinks.insert({
        kind: 'target',
        child: { planId: lower.id, itemId: id },
        parent: { planId: higher.id, itemId: target.id },
        origin: 'handed_down',
        createdBy: meta?.actor?.userId ?? null,
        createdAt: stamp,
      });
      const after = { metric: down.metric, value: down.value, unit: down.unit, source: down.source };
      await tx.audit.append(
        changeEvent({ type: 'target', id }, lower.id, null, after, metaAction(meta, 'target.hand_down')),
      );
      out.push({ planId: lower.id, target: await tx.targets.get(lower.id, id), linkId });
    }
    return out;
  });
}

/** A task handed down: the lower plan, its new task and the link back. */
export interface HandedDownTaskResult {
  planId: number;
  task: Task;
  linkId: number;
}

/**
 * Hands a higher plan's task down to lower plans (任务下达, one per jurisdiction below): each
 * gets a task with the higher office's words and deadline, unassigned (the lower office assigns
 * its own units), and a link back. All or nothing. BAD_INPUT naming `to.N.planId` for a plan
 * not below or one already given this task; NOT_FOUND for an unknown task or plan.
 */
export async function handDownTask(
  store: Store,
  input: { planId: number; taskId: number; to: readonly { planId: number }[] },
  meta?: ChangeMeta,
): Promise<HandedDownTaskResult[]> {
  if (input.to.length === 0) {
    throw new AppError('BAD_INPUT', '请选择下达的辖区计划', [
      { path: 'to', message: '至少选择一个下级计划' },
    ]);
  }
  return store.transaction(async (tx) => {
    const higher = await tx.plans.get(input.planId);
    const task = await tx.tasks.get(input.planId, input.taskId);
    const given = await tx.planLinks.listByParent('task', input.planId, input.taskId);
    const { lowers, problems } = await checkLowers(tx, higher, input.to, given, '任务');
    if (problems.length > 0) throw new AppError('BAD_INPUT', '任务未下达', problems);
    const stamp = meta?.at ?? new Date().toISOString();
    const down = deriveHandedDownTask(task);
    const out: HandedDownTaskResult[] = [];
    for (const lower of lowers) {
      const id = await tx.tasks.insert(
        lower.id,
        {
          text: down.text,
          outlineNodeId: null,
          state: 'not_started',
          progress: 0,
          carriedFrom: null,
          leadUnitId: null,
          coUnitIds: [],
          leader: null,
          deadline: task.deadline,
          weight: 1,
        },
        stamp,
      );
      const linkId = await tx.planLinks.insert({
        kind: 'task',
        child: { planId: lower.id, itemId: id },
        parent: { planId: higher.id, itemId: task.id },
        origin: 'handed_down',
        createdBy: meta?.actor?.userId ?? null,
        createdAt: stamp,
      });
      await tx.plans.touch(lower.id);
      await tx.audit.append(
        changeEvent(
          { type: 'task', id },
          lower.id,
          null,
          { text: down.text, deadline: task.deadline, source: down.source },
          metaAction(meta, 'task.hand_down'),
        ),
      );
      out.push({ planId: lower.id, task: await tx.tasks.get(lower.id, id), linkId });
    }
    return out;
  });
}

/**
 * Links a lower plan's own target to the higher plan's target it serves. BAD_INPUT when the
 * higher plan is not above, the units measure different things, or the target is linked
 * already (unlink first).
 */
export async function linkTarget(
  store: Store,
  input: {
    planId: number;
    targetId: number;
    parentPlanId: number;
    parentTargetId: number;
    weight?: number | null;
  },
  meta?: ChangeMeta,
): Promise<PlanLink> {
  return store.transaction(async (tx) => {
    const lower = await tx.plans.get(input.planId);
    const target = await tx.targets.get(input.planId, input.targetId);
    const higher = await tx.plans.get(input.parentPlanId);
    const parent = await tx.targets.get(input.parentPlanId, input.parentTargetId);
    const problems = await checkBelow(tx, higher, lower, 'parentPlanId');
    if (convertUnit(1, target.unit, parent.unit) === undefined) {
      problems.push({
        path: 'parentTargetId',
        message: `单位不能换算：本级「${target.unit}」、上级「${parent.unit}」`,
      });
    }
    if (await tx.planLinks.findByChild('target', lower.id, target.id)) {
      problems.push({ path: 'targetId', message: '此目标已关联上级目标，请先取消关联' });
    }
    if (input.weight !== undefined && input.weight !== null && !(input.weight > 0)) {
      problems.push({ path: 'weight', message: '权重应大于 0' });
    }
    if (problems.length > 0) throw new AppError('BAD_INPUT', '未关联', problems);
    const stamp = meta?.at ?? new Date().toISOString();
    const id = await tx.planLinks.insert({
      kind: 'target',
      child: { planId: lower.id, itemId: target.id },
      parent: { planId: higher.id, itemId: parent.id },
      origin: 'linked',
      weight: input.weight ?? null,
      createdBy: meta?.actor?.userId ?? null,
      createdAt: stamp,
    });
    await tx.audit.append(
      changeEvent(
        { type: 'target', id: target.id },
        lower.id,
        null,
        { link: { planId: higher.id, targetId: parent.id, metric: parent.metric } },
        metaAction(meta, 'target.link'),
      ),
    );
    const link = await tx.planLinks.findByChild('target', lower.id, target.id);
    if (link?.id !== id) throw new AppError('INTERNAL', `link ${id} not read back`);
    return link;
  });
}

/** Removes a lower target's link (a handed-down target stays in its plan, unlinked). NOT_FOUND without one. */
export async function unlinkTarget(
  store: Store,
  input: { planId: number; targetId: number },
  meta?: ChangeMeta,
): Promise<void> {
  await store.transaction(async (tx) => {
    const link = await tx.planLinks.findByChild('target', input.planId, input.targetId);
    if (!link) throw new AppError('NOT_FOUND', `target ${input.targetId} has no link`);
    await tx.planLinks.delete(link.id);
    await tx.audit.append(
      changeEvent(
        { type: 'target', id: input.targetId },
        input.planId,
        { link: { planId: link.parent.planId, targetId: link.parent.itemId } },
        null,
        metaAction(meta, 'target.unlink'),
      ),
    );
  });
}

/** Suggested links from a lower plan's unlinked targets to a higher plan's (best first). */
export async function suggestTargetLinks(
  store: Store,
  planId: number,
  parentPlanId: number,
): Promise<LinkSuggestion[]> {
  const [children, parents, links] = await Promise.all([
    store.targets.listOfPlan(planId),
    store.targets.listOfPlan(parentPlanId),
    store.planLinks.listByChildPlan(planId),
  ]);
  return suggestCascadeLinks(parents, children, new Set(links.map((l) => l.child.itemId)));
}

/** The higher target with the lower targets linked to it, as the roll-up judges them by `date`. */
export interface TargetCascade extends CascadeRollup {
  target: Target;
}

/**
 * The higher target seen through its links at `date`: each lower jurisdiction's latest approved
 * figure, its health as its own plan computes it and its evidence, summed or weighted with the
 * arithmetic written out (deriveCascadeRollup). Lower plans the caller may not see are left out
 * by `visible` (their jurisdiction ids).
 */
export async function deriveTargetCascade(
  store: Store,
  views: HealthViews,
  input: { planId: number; targetId: number; date: string; visible: (jurisdictionId: number) => boolean },
): Promise<TargetCascade> {
  const target = await store.targets.get(input.planId, input.targetId);
  const links = (await store.planLinks.listByParent('target', input.planId, input.targetId)).filter((l) =>
    input.visible(l.jurisdictionId),
  );
  const jurisdictions = new Map((await store.jurisdictions.list()).map((j) => [j.id, j]));
  const contributions: Contribution[] = [];
  for (const link of links) {
    const view = await derivePlanHealthView(store, views, link.child.planId, input.date);
    const child = view.items.targets.find((t) => t.id === link.child.itemId);
    const health = child && view.health.targets.get(child.id);
    if (!child || !health) continue;
    const figures = await loadApprovedFigures(store, view.frame, view.items);
    const observed = (figures.targets.get(child.id) ?? []).filter((o) => o.asOf <= input.date);
    const latest = observed.at(-1) ?? null;
    const reports = await store.tracking.listReports(link.child.planId);
    const evidence = reports.reduce(
      (n, r) =>
        n +
        r.targets.filter((e) => e.targetId === child.id).reduce((m, e) => m + (e.evidence?.length ?? 0), 0),
      0,
    );
    contributions.push({
      jurisdictionId: link.jurisdictionId,
      jurisdictionName: jurisdictions.get(link.jurisdictionId)?.name ?? '',
      target: child,
      latest: latest ? { value: latest.value, asOf: latest.asOf } : null,
      health,
      evidence,
      ...(link.weight === null ? {} : { weight: link.weight }),
    });
  }
  return { target, ...deriveCascadeRollup(target, contributions, input.date) };
}
