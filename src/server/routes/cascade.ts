/**
 * Plans between levels (issue 16.3) under a plan's targets: the plans below it to hand down to,
 * handing a target down, linking a lower plan's own target up (with suggestions), and the
 * higher target rolled up from the lower jurisdictions' figures with its arithmetic.
 *
 * Roles: the plan office (item:assign) hands down and links; anyone who may see the plan reads
 * the roll-up, which names only the jurisdictions the caller may see. A lower office links to a
 * higher plan it may see or that is published (a district reads its city's published plan).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deriveTargetCascade,
  handDownTarget,
  handDownTask,
  linkTarget,
  suggestTargetLinks,
  unlinkTarget,
} from '../../commands/cascade.js';
import {
  ErrorBody,
  HandDownAnswer,
  HandDownBody,
  HandDownTaskAnswer,
  HandDownTaskBody,
  Id,
  IsoDate,
  LowerPlan,
  PlanLink,
  TargetCascade,
  TargetLinkBody,
  TargetLinkSuggestion,
  TaskHandDown,
  UpperLinks,
} from '../../contract/index.js';
import { AppError, isAppError } from '../../errors.js';
import { listAncestry, listSubtree } from '../../jurisdictions/tree.js';
import { dateOf } from '../../plan/dates.js';
import type { Plan, Target } from '../../plan/types.js';
import type { Store } from '../../store/types.js';
import { allow, requireUser, userOf } from '../auth/actor.js';
import { changeMeta, getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import { presentTarget, presentTask } from '../presenters.js';
import { canSee } from '../scope.js';
import type { Scope } from '../scope.js';

const tags = ['cascade'];
const PlanParams = z.object({ planId: Id });
const TargetParams = z.object({ planId: Id, targetId: Id });
const TaskParams = z.object({ planId: Id, taskId: Id });

/** A plan the caller may name from another level: one they may see, or a published one. */
async function reachablePlan(ctx: ServerContext, scope: Scope, planId: number, path: string): Promise<Plan> {
  const plan = await ctx.store.plans.find(planId);
  if (!plan || !(canSee(scope, plan.jurisdictionId) || plan.state === 'published')) {
    throw new AppError('BAD_INPUT', `没有编号为 ${planId} 的计划`, [
      { path, message: '计划不存在或无权查看' },
    ]);
  }
  return plan;
}

/** A target's metric and figure under `key`, or nothing when it is gone. */
function viewOf(key: 'child' | 'parent', target: Target | undefined) {
  return target ? { [key]: { metric: target.metric, value: target.value, unit: target.unit } } : {};
}

/** The plans `to` names, in its order (undefined where none). */
function lowerPlansOf(store: Store, to: readonly { planId: number }[]): Promise<(Plan | undefined)[]> {
  return Promise.all(to.map((t) => store.plans.find(t.planId)));
}

/** A plan the caller may not see is answered as one that does not exist (`to.N.planId`). */
function assertSeesLowerPlans(scope: Scope, lowers: readonly (Plan | undefined)[]): void {
  for (const [i, lower] of lowers.entries()) {
    if (lower && !canSee(scope, lower.jurisdictionId)) {
      throw new AppError('BAD_INPUT', '未下达', [
        { path: `to.${i}.planId`, message: `没有编号为 ${lower.id} 的计划` },
      ]);
    }
  }
}

export function cascadeRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/plans/:planId/lower-plans',
      {
        schema: {
          tags,
          summary:
            'The plans of the jurisdictions below this plan’s that the caller may see (to hand down to)',
          params: PlanParams,
          response: { 200: z.object({ items: z.array(LowerPlan), total: z.number().int() }) },
        },
      },
      async (request) => {
        requireUser(request);
        const plan = await getVisiblePlan(store, userOf(request), request.params.planId);
        const all = await ctx.jurisdictions.list();
        const below = listSubtree(all, plan.jurisdictionId ?? -1).filter(
          (id) => id !== plan.jurisdictionId && canSee(request.scope, id),
        );
        const plans = await store.plans.list({ jurisdictionIds: below, limit: 500 });
        const names = new Map(all.map((j) => [j.id, j.name]));
        const items = plans.items.map((p) => ({
          id: p.id,
          title: p.title,
          year: p.year,
          jurisdictionId: p.jurisdictionId!,
          jurisdictionName: names.get(p.jurisdictionId!) ?? '',
        }));
        return { items, total: items.length };
      },
    );

    app.post(
      '/plans/:planId/targets/:targetId/hand-down',
      {
        onRequest: allow('item:assign'),
        schema: {
          tags,
          summary: 'Hand a target down to plans below (任务下达): each gets it, with its share, linked back',
          params: TargetParams,
          body: HandDownBody,
          response: { 201: HandDownAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        await getVisiblePlan(store, user, request.params.planId);
        assertSeesLowerPlans(request.scope, await lowerPlansOf(store, request.body.to));
        const done = await handDownTarget(
          store,
          { planId: request.params.planId, targetId: request.params.targetId, to: request.body.to },
          changeMeta(ctx, user),
        );
        reply.code(201);
        return {
          items: done.map((d) => ({
            planId: d.planId,
            linkId: d.linkId,
            target: presentTarget(d.target, user),
          })),
          total: done.length,
        };
      },
    );

    app.post(
      '/plans/:planId/tasks/:taskId/hand-down',
      {
        onRequest: allow('item:assign'),
        schema: {
          tags,
          summary: 'Hand a task down to plans below (任务下达): each gets it, unassigned, linked back',
          params: TaskParams,
          body: HandDownTaskBody,
          response: { 201: HandDownTaskAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        await getVisiblePlan(store, user, request.params.planId);
        assertSeesLowerPlans(request.scope, await lowerPlansOf(store, request.body.to));
        const done = await handDownTask(
          store,
          { planId: request.params.planId, taskId: request.params.taskId, to: request.body.to },
          changeMeta(ctx, user),
        );
        reply.code(201);
        return {
          items: done.map((d) => ({ planId: d.planId, linkId: d.linkId, task: presentTask(d.task, user) })),
          total: done.length,
        };
      },
    );

    app.get(
      '/plans/:planId/tasks/:taskId/hand-downs',
      {
        schema: {
          tags,
          summary:
            'The lower plans’ tasks handed down from (or linked to) this task, as far as the caller sees',
          params: TaskParams,
          response: {
            200: z.object({ items: z.array(TaskHandDown), total: z.number().int() }),
            404: ErrorBody,
          },
        },
      },
      async (request) => {
        requireUser(request);
        await getVisiblePlan(store, userOf(request), request.params.planId);
        await store.tasks.get(request.params.planId, request.params.taskId);
        const links = (
          await store.planLinks.listByParent('task', request.params.planId, request.params.taskId)
        ).filter((l) => canSee(request.scope, l.jurisdictionId));
        const names = new Map((await ctx.jurisdictions.list()).map((j) => [j.id, j.name]));
        const items = [];
        for (const link of links) {
          // A lower plan's task removed since (its report imported again) is no longer listed.
          const task = await store.tasks.get(link.child.planId, link.child.itemId).catch((error: unknown) => {
            if (isAppError(error, 'NOT_FOUND')) return undefined;
            throw error;
          });
          if (!task) continue;
          items.push({
            planId: link.child.planId,
            taskId: task.id,
            jurisdictionId: link.jurisdictionId,
            jurisdictionName: names.get(link.jurisdictionId) ?? '',
            state: task.state,
            progress: task.progress,
          });
        }
        return { items, total: items.length };
      },
    );

    app.post(
      '/plans/:planId/targets/:targetId/link',
      {
        onRequest: allow('item:assign'),
        schema: {
          tags,
          summary: 'Link this (lower) plan’s target to the higher plan’s target it serves',
          params: TargetParams,
          body: TargetLinkBody,
          response: { 201: PlanLink, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        await getVisiblePlan(store, user, request.params.planId);
        await reachablePlan(ctx, request.scope, request.body.parentPlanId, 'parentPlanId');
        const link = await linkTarget(store, { ...request.params, ...request.body }, changeMeta(ctx, user));
        reply.code(201);
        return { ...link, parent: { planId: link.parent.planId, itemId: link.parent.itemId } };
      },
    );

    app.delete(
      '/plans/:planId/targets/:targetId/link',
      {
        onRequest: allow('item:assign'),
        schema: {
          tags,
          summary: 'Remove this target’s link to a higher plan (a handed-down target stays, unlinked)',
          params: TargetParams,
          response: { 204: z.null(), 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        await getVisiblePlan(store, user, request.params.planId);
        await unlinkTarget(store, request.params, changeMeta(ctx, user));
        reply.code(204);
        return null;
      },
    );

    app.get(
      '/plans/:planId/link-suggestions',
      {
        schema: {
          tags,
          summary: 'Links suggested from this plan’s unlinked targets to a higher plan’s, by metric and unit',
          params: PlanParams,
          querystring: z.object({ parentPlanId: Id }),
          response: { 200: z.object({ items: z.array(TargetLinkSuggestion), total: z.number().int() }) },
        },
      },
      async (request) => {
        requireUser(request);
        await getVisiblePlan(store, userOf(request), request.params.planId);
        await reachablePlan(ctx, request.scope, request.query.parentPlanId, 'parentPlanId');
        const found = await suggestTargetLinks(store, request.params.planId, request.query.parentPlanId);
        const [children, parents] = await Promise.all([
          store.targets.listOfPlan(request.params.planId),
          store.targets.listOfPlan(request.query.parentPlanId),
        ]);
        const items = found.map((s) => ({
          ...s,
          ...viewOf(
            'child',
            children.find((x) => x.id === s.childTargetId),
          ),
          ...viewOf(
            'parent',
            parents.find((x) => x.id === s.parentTargetId),
          ),
        }));
        return { items, total: items.length };
      },
    );

    app.get(
      '/plans/:planId/upper-links',
      {
        schema: {
          tags,
          summary: 'The plans above this plan’s jurisdiction it may link to, and its targets’ links to them',
          params: PlanParams,
          response: { 200: UpperLinks, 404: ErrorBody },
        },
      },
      async (request) => {
        requireUser(request);
        const plan = await getVisiblePlan(store, userOf(request), request.params.planId);
        const all = await ctx.jurisdictions.list();
        const above = listAncestry(all, plan.jurisdictionId ?? -1).filter((id) => id !== plan.jurisdictionId);
        const names = new Map(all.map((j) => [j.id, j.name]));
        const higher = (await store.plans.list({ jurisdictionIds: above, limit: 500 })).items.filter(
          (p) => canSee(request.scope, p.jurisdictionId) || p.state === 'published',
        );
        const children = await store.targets.listOfPlan(plan.id);
        const links = [];
        for (const link of await store.planLinks.listByChildPlan(plan.id)) {
          const child = children.find((x) => x.id === link.child.itemId);
          if (link.kind !== 'target' || !child) continue;
          const parentPlan = await store.plans.find(link.parent.planId);
          const parent = (await store.targets.listOfPlan(link.parent.planId)).find(
            (x) => x.id === link.parent.itemId,
          );
          links.push({
            linkId: link.id,
            origin: link.origin,
            childTargetId: child.id,
            child: { metric: child.metric, value: child.value, unit: child.unit },
            parentPlanId: link.parent.planId,
            parentPlanTitle: parentPlan?.title ?? '',
            parentTargetId: link.parent.itemId,
            parent: parent ? { metric: parent.metric, value: parent.value, unit: parent.unit } : null,
          });
        }
        return {
          plans: higher.map((p) => ({
            id: p.id,
            title: p.title,
            year: p.year,
            jurisdictionId: p.jurisdictionId!,
            jurisdictionName: names.get(p.jurisdictionId!) ?? '',
          })),
          links,
        };
      },
    );

    app.get(
      '/plans/:planId/targets/:targetId/cascade',
      {
        schema: {
          tags,
          summary: 'The target rolled up from the lower jurisdictions’ linked targets, with how',
          params: TargetParams,
          querystring: z.object({ date: IsoDate.optional() }),
          response: { 200: TargetCascade, 404: ErrorBody },
        },
      },
      async (request) => {
        const viewer = userOf(request);
        await getVisiblePlan(store, viewer, request.params.planId);
        const date = request.query.date ?? dateOf(ctx.now().toISOString());
        const cascade = await deriveTargetCascade(store, ctx.health, {
          ...request.params,
          date,
          visible: (id) => canSee(request.scope, id),
        });
        return {
          asOf: date,
          target: presentTarget(cascade.target, viewer),
          method: cascade.method,
          total: cascade.total,
          health: cascade.health,
          ratio: cascade.ratio,
          reporting: cascade.reporting,
          linked: cascade.linked,
          byHealth: cascade.byHealth,
          evidence: cascade.evidence,
          contributions: cascade.contributions.map((c) => ({
            jurisdictionId: c.jurisdictionId,
            jurisdictionName: c.jurisdictionName,
            planId: c.target.planId,
            targetId: c.target.id,
            metric: c.target.metric,
            value: c.target.value,
            unit: c.target.unit,
            latest: c.latest,
            converted: c.converted,
            health: c.health.health,
            ratio: c.health.ratio,
            evidence: c.evidence,
            ...(c.weight === undefined ? {} : { weight: c.weight }),
          })),
          explain: cascade.explain.formula,
        };
      },
    );
  };
}
