/**
 * The leader's cockpit and the promise book for staff (issue 19): the cockpit of a plan, each
 * item's original vs current promise with every re-baseline (who, when, why), re-baselines by
 * the plan office, the plan's slippage thresholds, delivery confidence (the lead unit's own and
 * the 督查室's independent one) and the public verdict the plan office gives. Signed-in staff
 * only; the commands decide who may write what.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadCockpit } from '../../commands/cockpit.js';
import { buildStocktakeDocx, listPortfolioLeaders } from '../../commands/stocktake.js';
import { MIME } from '../document-data.js';
import { officeFormat, sendOffice } from './office-format.js';
import { derivePlanHealthView } from '../../commands/health.js';
import {
  loadPromiseBook,
  loadSlippageThresholds,
  rebaselineDeadline,
  rebaselineValue,
  saveSlippageThresholds,
} from '../../commands/promises.js';
import {
  assessItemConfidence,
  currentPeriodKey,
  giveItemVerdict,
  loadConfidenceViews,
  loadVerdictRecord,
} from '../../commands/verdicts.js';
import { AppError } from '../../errors.js';
import { deriveActor } from '../../plan/audit.js';
import { dateOf } from '../../plan/dates.js';
import type { ItemRef } from '../../store/promises.js';
import { presentVerdicts } from '../../commands/commitments.js';
import { allow, requireUser, signedIn } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ApiApp, ServerContext } from '../context.js';
import {
  Cockpit,
  CockpitQuery,
  ConfidenceAssessment,
  ConfidenceBody,
  ErrorBody,
  Id,
  IsoDate,
  LeaderList,
  ItemConfidence,
  ItemPromise,
  ItemType,
  PromiseList,
  PublicVerdictView,
  RebaselineBody,
  SlippageBody,
  SlippageThresholds,
  StocktakeQuery,
  VerdictBody,
} from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });
const ItemParams = PlanParams.extend({ type: ItemType, itemId: Id });
const AsOf = z.object({ date: IsoDate.optional().describe('as of this date (default today)') });
const tags = ['cockpit'];

export function cockpitRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    cockpitViewRoutes(app, ctx);
    stocktakeRoutes(app, ctx);
    promiseRoutes(app, ctx);
    confidenceRoutes(app, ctx);
  };
}

function cockpitViewRoutes(app: ApiApp, ctx: ServerContext): void {
  app.get(
    '/plans/:planId/cockpit',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '驾驶舱: headline targets with trajectories, chapters, worst items, units, 督办, 三率',
        params: PlanParams,
        querystring: CockpitQuery,
        response: { 200: Cockpit, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { planId } = request.params;
      await getVisiblePlan(ctx.store, requireUser(request), planId);
      const now = ctx.now().toISOString();
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      return loadCockpit(ctx.store, ctx.health, setup, planId, request.query.date ?? dateOf(now), now);
    },
  );
}

function stocktakeRoutes(app: ApiApp, ctx: ServerContext): void {
  app.get(
    '/plans/:planId/leaders',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'The leaders named on the plan’s items (责任领导), for their stocktake packs',
        params: PlanParams,
        response: { 200: LeaderList, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      await getVisiblePlan(ctx.store, requireUser(request), request.params.planId);
      return { items: await listPortfolioLeaders(ctx.store, request.params.planId) };
    },
  );

  app.get(
    '/plans/:planId/stocktake',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          'A leader’s stocktake pack (.docx, or PDF by ?format=pdf or Accept): one page per commitment, worst first',
        params: PlanParams,
        querystring: StocktakeQuery,
        produces: [MIME.docx, MIME.pdf],
        response: { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const plan = await getVisiblePlan(ctx.store, requireUser(request), planId);
      const { leader, date } = request.query;
      const bytes = await buildStocktakeDocx(
        ctx.store,
        ctx.health,
        planId,
        leader,
        date ?? dateOf(ctx.now().toISOString()),
      );
      const format = officeFormat(request, request.query.format);
      return sendOffice(ctx, reply, `${plan.title}${leader}盘点材料`, format, bytes);
    },
  );
}

function promiseRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/plans/:planId/promises',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Every item’s promise: original vs current deadline and value, the slip',
        params: PlanParams,
        querystring: AsOf,
        response: { 200: PromiseList, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { planId } = request.params;
      await getVisiblePlan(store, requireUser(request), planId);
      const today = request.query.date ?? dateOf(ctx.now().toISOString());
      const book = await loadPromiseBook(store, planId);
      const items = await store.plans.getItems(planId);
      const rows = [
        ...items.tasks.map((t) => ({
          type: 'task' as const,
          id: t.id,
          finished: t.state === 'done' || t.state === 'closed',
        })),
        ...items.targets.map((t) => ({ type: 'target' as const, id: t.id, finished: false })),
      ];
      return {
        asOf: today,
        items: rows.map((r) => ({
          type: r.type,
          id: r.id,
          view: book.view(r, { today, finished: r.finished }),
        })),
      };
    },
  );

  app.get(
    '/plans/:planId/items/:type/:itemId/promise',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'An item’s promise: every version of its deadline and value with who, when, why',
        params: ItemParams,
        querystring: AsOf,
        response: { 200: ItemPromise, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { planId, type, itemId } = request.params;
      await getVisiblePlan(store, requireUser(request), planId);
      return itemPromise(ctx, planId, { type, id: itemId }, request.query.date);
    },
  );

  app.post(
    '/plans/:planId/items/:type/:itemId/rebaseline',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Re-baseline a deadline or a target value by a decision (the original is kept)',
        params: ItemParams,
        body: RebaselineBody,
        response: { 200: ItemPromise, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { planId, type, itemId } = request.params;
      const user = requireUser(request);
      await getVisiblePlan(store, user, planId);
      const b = request.body;
      const note = { reason: b.reason, explanation: b.explanation ?? null, basis: b.basis ?? null };
      const now = ctx.now().toISOString();
      if (b.field === 'deadline') {
        await rebaselineDeadline(
          store,
          planId,
          { type, id: itemId },
          { deadline: b.deadline, ...note },
          deriveActor(user),
          now,
        );
      } else {
        if (type !== 'target') {
          throw new AppError('BAD_INPUT', 'Only a target has a value', [
            { path: 'body.field', message: 'a task has no value: re-baseline its deadline' },
          ]);
        }
        await rebaselineValue(store, planId, itemId, { value: b.value, ...note }, deriveActor(user), now);
      }
      return itemPromise(ctx, planId, { type, id: itemId }, undefined);
    },
  );

  app.get(
    '/plans/:planId/slippage',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'The plan’s slippage thresholds (past them a written explanation is required)',
        params: PlanParams,
        response: { 200: SlippageThresholds, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      await getVisiblePlan(store, requireUser(request), request.params.planId);
      return loadSlippageThresholds(store, request.params.planId);
    },
  );

  app.put(
    '/plans/:planId/slippage',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Set the plan’s slippage thresholds',
        params: PlanParams,
        body: SlippageBody,
        response: { 200: SlippageThresholds, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId } = request.params;
      await getVisiblePlan(store, user, planId);
      const current = await loadSlippageThresholds(store, planId);
      const next = { ...current, ...request.body };
      return saveSlippageThresholds(store, planId, next, deriveActor(user), ctx.now().toISOString());
    },
  );
}

async function itemPromise(ctx: ServerContext, planId: number, ref: ItemRef, date: string | undefined) {
  const today = date ?? dateOf(ctx.now().toISOString());
  const item =
    ref.type === 'task'
      ? await ctx.store.tasks.get(planId, ref.id)
      : await ctx.store.targets.get(planId, ref.id);
  const book = await loadPromiseBook(ctx.store, planId);
  const finished = 'state' in item && (item.state === 'done' || item.state === 'closed');
  return {
    type: ref.type,
    id: ref.id,
    view: book.view(ref, { today, finished }),
    deadline: book.deadline(ref)?.versions ?? [],
    value: ref.type === 'target' ? (book.value(ref.id)?.versions ?? []) : [],
    thresholds: book.thresholds,
  };
}

function confidenceRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  const healthOf = async (planId: number, ref: ItemRef, date: string) => {
    const view = await derivePlanHealthView(store, ctx.health, planId, date);
    const result = ref.type === 'task' ? view.health.tasks.get(ref.id) : view.health.targets.get(ref.id);
    if (!result) throw new AppError('NOT_FOUND', `${ref.type} ${ref.id} not found`);
    const task = ref.type === 'task' ? view.items.tasks.find((t) => t.id === ref.id) : undefined;
    return { health: result.health, ...(task ? { state: task.state } : {}) };
  };

  app.get(
    '/plans/:planId/items/:type/:itemId/confidence',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'An item’s delivery confidence: the lead unit’s, the independent one, disagreements',
        params: ItemParams,
        response: { 200: ItemConfidence, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { planId, type, itemId } = request.params;
      await getVisiblePlan(store, requireUser(request), planId);
      const ref = { type, id: itemId };
      const today = dateOf(ctx.now().toISOString());
      const { health } = await healthOf(planId, ref, today);
      const periodKey = await currentPeriodKey(store, planId, today);
      const views = await loadConfidenceViews(store, planId, periodKey, () => health);
      const history = (await store.promises.listConfidence(planId, ref)).reverse();
      return {
        periodKey,
        health,
        view: views.get(`${type}:${itemId}`) ?? {
          unit: null,
          independent: null,
          unitMissing: true,
          disagreements: [],
        },
        history,
      };
    },
  );

  app.post(
    '/plans/:planId/items/:type/:itemId/confidence',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Give a delivery confidence (lead unit: its own; 督查室: independent)',
        params: ItemParams,
        body: ConfidenceBody,
        response: {
          201: ConfidenceAssessment,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { planId, type, itemId } = request.params;
      const user = requireUser(request);
      await getVisiblePlan(store, user, planId);
      const b = request.body;
      const saved = await assessItemConfidence(
        store,
        planId,
        { type, id: itemId },
        {
          source: b.source,
          level: b.level,
          comment: b.comment ?? null,
          ...(b.periodKey === undefined ? {} : { periodKey: b.periodKey }),
        },
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return reply.code(201).send(saved);
    },
  );

  app.post(
    '/plans/:planId/items/:type/:itemId/verdict',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Give the public verdict (plan office): 按计划推进, 滞后, 调整, 不再推进, 已完成',
        params: ItemParams,
        body: VerdictBody,
        response: {
          200: PublicVerdictView,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request) => {
      const { planId, type, itemId } = request.params;
      const user = requireUser(request);
      const plan = await getVisiblePlan(store, user, planId);
      const ref = { type, id: itemId };
      const now = ctx.now().toISOString();
      const context = await healthOf(planId, ref, dateOf(now));
      const b = request.body;
      await giveItemVerdict(
        store,
        planId,
        ref,
        {
          verdict: b.verdict,
          note: b.note ?? null,
          newPromise: b.newPromise
            ? {
                text: b.newPromise.text,
                deadline: b.newPromise.deadline ?? null,
                value: b.newPromise.value ?? null,
              }
            : null,
          evidenceIds: b.evidenceIds ?? [],
        },
        context,
        deriveActor(user),
        now,
      );
      return presentVerdicts(await loadVerdictRecord(store, plan, ref));
    },
  );
}
