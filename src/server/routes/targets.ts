/** Targets (目标): list with filters, one, and assignment. */
import { PERSONAL_PLAN_READ } from '../plan-reads.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow, requireUser, userOf } from '../auth/actor.js';
import { changeMeta, getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import { presentPage, presentTarget } from '../presenters.js';
import { ErrorBody, Id, Target, TargetPatch, TargetQuery, pageOf } from '../../contract/index.js';
import { checkAssignment, moveNoteOf, pickAssignment } from './assignment.js';
import { updateTarget } from '../../commands/items.js';

const PlanParams = z.object({ planId: Id });
const TargetParams = z.object({ planId: Id, targetId: Id });

const tags = ['targets'];

export function targetRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/plans/:planId/targets',
      {
        config: PERSONAL_PLAN_READ,
        schema: {
          tags,
          summary: 'Targets (目标), filtered by unit, outline node or text',
          params: PlanParams,
          querystring: TargetQuery,
          response: { 200: pageOf(Target) },
        },
      },
      async (request) => {
        const viewer = userOf(request);
        await getVisiblePlan(store, viewer, request.params.planId);
        const page = await store.targets.list(request.params.planId, request.query);
        return presentPage(page, (target) => presentTarget(target, viewer));
      },
    );

    app.get(
      '/plans/:planId/targets/:targetId',
      {
        config: PERSONAL_PLAN_READ,
        schema: { tags, summary: 'One target', params: TargetParams, response: { 200: Target } },
      },
      async (request) => {
        const viewer = userOf(request);
        const { planId, targetId } = request.params;
        await getVisiblePlan(store, viewer, planId);
        return presentTarget(await store.targets.get(planId, targetId), viewer);
      },
    );

    app.patch(
      '/plans/:planId/targets/:targetId',
      {
        onRequest: allow('item:assign'),
        schema: {
          tags,
          summary: 'Assign a target: lead unit, co-units, leader, deadline, weight',
          params: TargetParams,
          body: TargetPatch,
          response: { 200: Target, 409: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { planId, targetId } = request.params;
        const plan = await getVisiblePlan(store, user, planId);
        await store.targets.get(planId, targetId);
        const patch = pickAssignment(request.body);
        await checkAssignment(store, user, patch, plan.jurisdictionId);
        const target = await updateTarget(
          store,
          planId,
          targetId,
          { ...patch, ...moveNoteOf(request.body) },
          request.body.version,
          changeMeta(ctx, user),
        );
        return presentTarget(target, user);
      },
    );
  };
}
