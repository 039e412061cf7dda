/** The report's outline (chapters, sections, lead phrases) and its achievements (成绩). */
import { PLAN_READ } from '../plan-reads.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { userOf } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import { presentAchievement, presentOutlineNode, presentPage } from '../presenters.js';
import { Achievement, AchievementQuery, Id, OutlineNode, pageOf } from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });
const AchievementParams = z.object({ planId: Id, achievementId: Id });

export function outlineRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/plans/:planId/outline',
      {
        config: PLAN_READ,
        schema: {
          tags: ['outline'],
          summary: "The plan's outline in the report's order (parentId makes the tree)",
          params: PlanParams,
          response: { 200: pageOf(OutlineNode) },
        },
      },
      async (request) => {
        await getVisiblePlan(store, userOf(request), request.params.planId);
        const nodes = await store.plans.listOutline(request.params.planId);
        return { items: nodes.map(presentOutlineNode), total: nodes.length };
      },
    );

    app.get(
      '/plans/:planId/outline/:nodeId',
      {
        config: PLAN_READ,
        schema: {
          tags: ['outline'],
          summary: 'One outline node (chapter, section or lead phrase)',
          params: z.object({ planId: Id, nodeId: Id }),
          response: { 200: OutlineNode },
        },
      },
      async (request) => {
        const { planId, nodeId } = request.params;
        await getVisiblePlan(store, userOf(request), planId);
        const node = (await store.plans.listOutline(planId)).find((n) => n.id === nodeId);
        if (node === undefined)
          throw new AppError('NOT_FOUND', `outline node ${nodeId} not found in plan ${planId}`);
        return presentOutlineNode(node);
      },
    );

    app.get(
      '/plans/:planId/achievements',
      {
        config: PLAN_READ,
        schema: {
          tags: ['achievements'],
          summary: 'Achievements (成绩) the report states as done',
          params: PlanParams,
          querystring: AchievementQuery,
          response: { 200: pageOf(Achievement) },
        },
      },
      async (request) => {
        await getVisiblePlan(store, userOf(request), request.params.planId);
        const { limit, offset, q } = request.query;
        const page = await store.achievements.list(request.params.planId, {
          limit,
          offset,
          ...(q ? { q } : {}),
        });
        return presentPage(page, presentAchievement);
      },
    );

    app.get(
      '/plans/:planId/achievements/:achievementId',
      {
        config: PLAN_READ,
        schema: {
          tags: ['achievements'],
          summary: 'One achievement',
          params: AchievementParams,
          response: { 200: Achievement },
        },
      },
      async (request) => {
        const { planId, achievementId } = request.params;
        await getVisiblePlan(store, userOf(request), planId);
        return presentAchievement(await store.achievements.get(planId, achievementId));
      },
    );
  };
}
