/**
 * 接诉即办 (issue 7) 每月一题 under /api/v1/requests: monthly themes with their measure, plan
 * tasks a theme's text suggests, confirmed links between requests and plan tasks, and — public
 * for published plans — what people ask about a plan task.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getThemeMeasure, listRequestsOfTask, suggestThemeTasks } from '../../commands/request-queries.js';
import { confirmTaskLink, createTheme } from '../../commands/request-settings.js';
import { AppError } from '../../errors.js';
import { userOf } from '../auth/actor.js';
import { checkUnitIds, getVisiblePlan } from '../context.js';
import type { ApiApp, ServerContext } from '../context.js';
import { presentPublicOrder } from '../presenters.js';
import { Id, LinkBody, Month, ThemeBody } from '../../contract/index.js';
import { centreOnly, requireCentre, requireStaff, signedIn, tags } from './requests-access.js';

const IdParams = z.object({ id: Id });

export function requestThemeRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    themeRoutes(app, ctx);
    linkRoutes(app, ctx);
  };
}

function themeRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/requests/themes',
    {
      onRequest: centreOnly,
      schema: { tags, summary: '每月一题: pick a monthly topic with its lead department', body: ThemeBody },
    },
    async (request, reply) => {
      const { user } = requireCentre(request);
      await ctx.requests.setup(request.scope.jurisdictionId);
      await checkUnitIds(
        store,
        { 'body.leadUnitId': [request.body.leadUnitId] },
        request.scope.jurisdictionId,
      );
      const theme = await createTheme(
        store,
        ctx.requests,
        request.scope.jurisdictionId,
        request.body,
        user,
        ctx.now().toISOString(),
      );
      return reply.code(201).send(theme);
    },
  );

  app.get(
    '/requests/themes',
    { onRequest: signedIn, schema: { tags, summary: '每月一题, newest month first' } },
    async (request) => {
      requireStaff(request);
      await ctx.requests.setup(request.scope.jurisdictionId);
      const items = await store.requestThemes.listThemes(request.scope.jurisdictionId);
      return { items, total: items.length };
    },
  );

  app.get(
    '/requests/themes/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'A theme with its measure: the fall in orders on its topic since it started',
        params: IdParams,
        querystring: z.object({ asOf: Month.optional() }),
      },
    },
    async (request) => {
      requireStaff(request);
      await ctx.requests.setup(request.scope.jurisdictionId);
      const asOf = request.query.asOf ?? ctx.now().toISOString().slice(0, 7);
      return getThemeMeasure(store, request.scope.jurisdictionId, request.params.id, asOf);
    },
  );

  app.get(
    '/requests/themes/:id/task-suggestions',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: "Plan tasks close to a theme's text (suggestions; a person confirms)",
        params: IdParams,
        querystring: z.object({ planId: Id }),
      },
    },
    async (request) => {
      requireCentre(request);
      await ctx.requests.setup(request.scope.jurisdictionId);
      const items = await suggestThemeTasks(
        store,
        request.scope.jurisdictionId,
        request.params.id,
        request.query.planId,
      );
      return { items, total: items.length };
    },
  );
}

function linkRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/requests/task-links',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: 'Confirm (or reject) a link between requests and a plan task',
        body: LinkBody,
      },
    },
    async (request, reply) => {
      const { user } = requireCentre(request);
      await ctx.requests.setup(request.scope.jurisdictionId);
      const { sourceKey, taskId, score, accept } = request.body;
      if (!accept) return reply.code(200).send({ sourceKey, taskId, status: 'rejected' });
      const link = await confirmTaskLink(store, { sourceKey, taskId, score }, user, ctx.now().toISOString());
      return reply.code(201).send({ ...link, status: 'confirmed' });
    },
  );

  /*
   * Public on purpose, no sign-in: a published plan's task page is public (routes/tasks.ts) and
   * this is its 群众诉求 panel. The caller must be able to see the task's plan (the public:
   * published plans only; otherwise 404, as for the task itself), and every caller gets the
   * orders as presentPublicOrder shows them: no contact, no address, no media, the text
   * redacted — whether or not the citizen asked to stay anonymous. requests.test.ts proves it.
   */
  app.get(
    '/requests/by-task/:id',
    {
      schema: {
        tags,
        summary: 'What people ask about a plan task: its confirmed links and their recent orders',
        description:
          'Public for tasks of published plans (drafts: signed-in staff only; else 404). Orders are ' +
          'anonymised for everyone: no contact, no address, no media, the text redacted.',
        params: IdParams,
      },
    },
    async (request) => {
      const planId = await store.tasks.findPlanId(request.params.id);
      if (planId === undefined) throw new AppError('NOT_FOUND', `task ${request.params.id} not found`);
      await getVisiblePlan(store, userOf(request), planId);
      await ctx.requests.setup(request.scope.jurisdictionId);
      const { jurisdictionId } = await store.plans.get(planId);
      return listRequestsOfTask(
        store,
        jurisdictionId ?? request.scope.jurisdictionId,
        request.params.id,
        presentPublicOrder,
      );
    },
  );
}
