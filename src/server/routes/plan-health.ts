/**
 * Health (issue 4), computed on read: the plan and its outline with 红黄绿 colours, every
 * task's, target's and project list's health and progress (each with why, as a code), the
 * monthly trend, the explanation of any rolled-up figure, and an item's history with field
 * diffs. The public sees these for published plans only (drafts answer 404), with nothing
 * personal.
 */
import { PLAN_READ } from '../plan-reads.js';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, isAppError } from '../../errors.js';
import { deriveHealthColor, HEALTH_LABELS } from '../../plan/colors.js';
import { dateOf } from '../../plan/dates.js';
import type { HealthResult } from '../../plan/health.js';
import type { HealthWhy } from '../../plan/health-why.js';
import { deriveTrendMonths, MAX_TREND_MONTHS } from '../../plan/health-trend.js';
import type { OutlineHealth } from '../../plan/plan-health.js';
import { derivePlanHealthView } from '../../commands/health.js';
import type { PlanHealthView } from '../../commands/health.js';
import { deriveItemHealthTrendPoints, derivePlanHealthTrendPoints } from '../../commands/health-trend.js';
import { listApprovedFigures, listItemHistory } from '../../commands/tracking.js';
import { userOf } from '../auth/actor.js';
import { can } from '../auth/policy.js';
import { getVisiblePlan } from '../context.js';
import type { ApiApp, ServerContext } from '../context.js';
import {
  ErrorBody,
  HealthTrend,
  Id,
  IsoDate,
  ItemHealthPage,
  ItemHealthTrend,
  Month,
  PlanHealthAnswer,
} from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });
const AsOf = z.object({ date: IsoDate.optional().describe('judge as of this date (default today)') });
const TrendQuery = z.object({
  from: Month.optional().describe('first month, YYYY-MM (default: January of the plan’s year)'),
  to: Month.optional().describe('last month, YYYY-MM (default: December of the plan’s year)'),
});
const TrendItemParams = PlanParams.extend({
  item: z
    .string()
    .regex(/^(task|target):[1-9]\d{0,15}$/, 'expected task:<id> or target:<id>')
    .describe('`task:<id>` or `target:<id>`'),
});
const tags = ['health'];

function round(n: number | null, digits = 2): number | null {
  if (n === null) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The trend's months; the domain names `from` and `to`, which the client sent in the query. */
function trendMonths(from: string, to: string, today: string) {
  try {
    return deriveTrendMonths(from, to, today);
  } catch (error) {
    if (!isAppError(error, 'BAD_INPUT')) throw error;
    const details = error.details.map((d) => ({ ...d, path: `query.${d.path}` }));
    throw new AppError('BAD_INPUT', error.message, details);
  }
}

/** Why, with its figures rounded to four places (a ratio of 0.8044, an expected 49.7238). */
export function presentWhy(why: HealthWhy): HealthWhy {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(why.params)) {
    params[key] = typeof value === 'number' ? round(value, 4) : value;
  }
  // Same keys, same kinds of value: only numbers were rounded.
  return { code: why.code, params } as HealthWhy;
}

/** A node's roll-up as clients see it: with its colour and the office's label. */
function presentNode(node: OutlineHealth) {
  return {
    health: node.health,
    color: deriveHealthColor(node.health),
    label: HEALTH_LABELS[node.health],
    progress: round(node.progress),
    expected: round(node.expected),
    ratio: round(node.ratio, 4),
    coverage: round(node.coverage, 4),
  };
}

/** A health result as clients see it: with its colour, the office's label and why. */
export function presentHealth(result: HealthResult) {
  return {
    health: result.health,
    color: deriveHealthColor(result.health),
    label: HEALTH_LABELS[result.health],
    ratio: round(result.ratio, 4),
    expected: round(result.expected),
    actual: round(result.actual),
    comparedAt: result.comparedAt,
    stale: result.stale,
    why: presentWhy(result.why),
    reason: result.reason,
  };
}

function presentOutline(view: PlanHealthView) {
  const rows = [];
  for (const [id, node] of view.health.outline) rows.push({ id, ...presentNode(node) });
  return rows;
}

/** The date health is judged at: the query's, or today. */
function dateFor(ctx: ServerContext, query: { date?: string | undefined }): string {
  return query.date ?? dateOf(ctx.now().toISOString());
}

/** The plan's health as of the query's date, for a caller who may see the plan (else NOT_FOUND). */
async function healthViewOf(
  ctx: ServerContext,
  request: FastifyRequest,
  planId: number,
  query: { date?: string | undefined },
): Promise<PlanHealthView> {
  await getVisiblePlan(ctx.store, userOf(request), planId);
  return derivePlanHealthView(ctx.store, ctx.health, planId, dateFor(ctx, query));
}

export function planHealthRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    planHealthViewRoutes(app, ctx);
    trendRoutes(app, ctx);
    itemHealthRoutes(app, ctx);
    explainRoutes(app, ctx);
  };
}

function planHealthViewRoutes(app: ApiApp, ctx: ServerContext): void {
  app.get(
    '/plans/:planId/health',
    {
      config: PLAN_READ,
      schema: {
        tags,
        summary: 'The plan’s health: roll-up over the outline with colours, and counts',
        params: PlanParams,
        querystring: AsOf,
        response: { 200: PlanHealthAnswer, 404: ErrorBody },
      },
    },
    async (request) => {
      const view = await healthViewOf(ctx, request, request.params.planId, request.query);
      const outline = presentOutline(view);
      return {
        planId: view.frame.plan.id,
        asOf: view.date,
        plan: outline.find((n) => n.id === 'plan') ?? null,
        outline: outline.filter((n) => n.id !== 'plan'),
        counts: view.health.counts,
      };
    },
  );
}

function trendRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/plans/:planId/health/trend',
    {
      config: PLAN_READ,
      schema: {
        tags,
        summary: 'The plan’s health at each month end: its roll-up and the counts per health',
        description:
          'One point per month from `from` to `to` (default: the plan’s year), judged at the month’s ' +
          'last day, or today for the current month; months after today are left out. At most ' +
          `${MAX_TREND_MONTHS} months (400 BAD_INPUT beyond, or when from is after to).`,
        params: PlanParams,
        querystring: TrendQuery,
        response: { 200: HealthTrend, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { planId } = request.params;
      const plan = await getVisiblePlan(store, userOf(request), planId);
      const from = request.query.from ?? `${plan.year}-01`;
      const to = request.query.to ?? `${plan.year}-12`;
      const months = trendMonths(from, to, dateFor(ctx, {}));
      const points = await derivePlanHealthTrendPoints(store, planId, months);
      const items = points.map((point) => ({
        month: point.month,
        asOf: point.date,
        plan: presentNode(point.plan),
        counts: point.counts,
      }));
      return { planId, from, to, items, total: items.length };
    },
  );

  app.get(
    '/plans/:planId/health/trend/:item',
    {
      config: PLAN_READ,
      schema: {
        tags,
        summary: 'A task’s or target’s health at each reporting period’s end: actual, expected, ratio',
        description:
          'One point per reporting period of the plan’s year (monthly or quarterly, as its settings ' +
          'say), judged at the period’s last day, or today for the current period; periods after ' +
          'today are left out. 404 NOT_FOUND naming the item when the plan has no such task or target.',
        params: TrendItemParams,
        response: { 200: ItemHealthTrend, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { planId } = request.params;
      await getVisiblePlan(store, userOf(request), planId);
      const [type, id] = request.params.item.split(':') as ['task' | 'target', string];
      const item = { type, id: Number(id) };
      const { frequency, points } = await deriveItemHealthTrendPoints(store, planId, item, dateFor(ctx, {}));
      const items = points.map((point) => ({
        period: { key: point.key, label: point.label, start: point.start, end: point.end },
        asOf: point.date,
        ...('deadline' in point.health
          ? { deadline: point.health.deadline, extended: point.health.extended }
          : {}),
        ...presentHealth(point.health),
      }));
      return { planId, item, frequency, items, total: items.length };
    },
  );
}

function itemHealthRoutes(app: ApiApp, ctx: ServerContext): void {
  app.get(
    '/plans/:planId/health/items',
    {
      config: PLAN_READ,
      schema: {
        tags,
        summary: 'Health and progress of every task, target and project list',
        params: PlanParams,
        querystring: AsOf.extend({ type: z.enum(['task', 'target', 'project-list']).optional() }),
        response: { 200: ItemHealthPage, 404: ErrorBody },
      },
    },
    async (request) => {
      const view = await healthViewOf(ctx, request, request.params.planId, request.query);
      const type = request.query.type;
      const tasks =
        type === undefined || type === 'task'
          ? view.items.tasks.map((task) => {
              const h = view.health.tasks.get(task.id)!;
              return {
                type: 'task' as const,
                id: task.id,
                state: task.state,
                progress: task.progress,
                deadline: h.deadline,
                extended: h.extended,
                ...presentHealth(h),
              };
            })
          : [];
      const targets =
        type === undefined || type === 'target'
          ? view.items.targets.map((target) => ({
              type: 'target' as const,
              id: target.id,
              ...presentHealth(view.health.targets.get(target.id)!),
            }))
          : [];
      const lists =
        type === undefined || type === 'project-list'
          ? [...view.projectLists.values()].map((h) => ({
              type: 'project-list' as const,
              id: h.listId,
              ...presentHealth(h),
            }))
          : [];
      const items = [...tasks, ...targets, ...lists];
      return { asOf: view.date, items, total: items.length };
    },
  );
}

function explainRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/plans/:planId/explain/:nodeId',
    {
      config: PLAN_READ,
      schema: {
        tags,
        summary: 'How a rolled-up figure was made: children, weights, values',
        description: 'nodeId: `plan`, `outline:<id>` or `task:<id>`.',
        params: PlanParams.extend({ nodeId: z.string().regex(/^(plan|outline:\d+|task:\d+)$/) }),
        querystring: AsOf,
      },
    },
    async (request) => {
      const view = await healthViewOf(ctx, request, request.params.planId, request.query);
      const id = request.params.nodeId;
      if (view.health.progress.findFigure(id) === undefined) {
        throw new AppError('NOT_FOUND', `no node ${id} in plan ${request.params.planId}`);
      }
      return {
        asOf: view.date,
        progress: view.health.progress.explain(id),
        expected: view.health.expected.explain(id),
        health: view.health.outline.get(id) ?? null,
      };
    },
  );

  for (const type of ['task', 'target'] as const) {
    app.get(
      `/plans/:planId/${type}s/:itemId/figures`,
      {
        schema: {
          tags,
          summary: `The approved figures of a ${type} (${type === 'task' ? 'progress' : 'value'}), oldest first`,
          params: PlanParams.extend({ itemId: Id }),
        },
      },
      async (request) => {
        const { planId, itemId } = request.params;
        await getVisiblePlan(store, userOf(request), planId);
        const items = await listApprovedFigures(store, planId, { type, id: itemId });
        return { items, total: items.length };
      },
    );
  }

  for (const [path, type] of [
    ['tasks/:itemId', 'task'],
    ['targets/:itemId', 'target'],
    ['projects/:itemId', 'project'],
  ] as const) {
    app.get(
      `/plans/:planId/${path}/history`,
      {
        schema: {
          tags,
          summary: `A ${type}'s history with field differences (public: no names)`,
          params: PlanParams.extend({ itemId: Id }),
        },
      },
      async (request) => {
        const viewer = userOf(request);
        const { planId, itemId } = request.params;
        await getVisiblePlan(store, viewer, planId);
        if (type === 'task') await store.tasks.get(planId, itemId);
        else if (type === 'target') await store.targets.get(planId, itemId);
        else await store.projects.get(planId, itemId);
        const audience = can(viewer, 'item:read-personal') ? 'internal' : 'public';
        const items = await listItemHistory(store, planId, { type, id: itemId }, audience);
        return { items, total: items.length };
      },
    );
  }
}
