/**
 * Interop and the next year (issue 6): Decidim accountability results CSV in (a new draft plan)
 * and out; open data downloads of every published plan without sign-in (JSON and CSV, listed
 * in the README's "Open data: downloads"); next year's plan linked to last year's
 * (deriveCarryOver suggestions) and unfinished tasks carried over with their owners.
 */
import { loadVerdictRecords } from '../../commands/verdicts.js';
import { deriveVerdictExportRow } from '../../verdicts/index.js';
import { PLAN_READ } from '../plan-reads.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deriveActuals, tableToCsv } from '../../documents/index.js';
import { dateOf } from '../../plan/dates.js';
import type { Plan, Task } from '../../plan/types.js';
import { allow, requireUser, userOf } from '../auth/actor.js';
import { checkVisible, getVisiblePlan } from '../context.js';
import type { ApiApp, ServerContext } from '../context.js';
import { loadPlanData, loadTaskHealth } from '../../commands/plan-data.js';
import { readOneFile, sendFile } from '../document-data.js';
import {
  presentAchievement,
  presentOutlineNode,
  presentPlan,
  presentPlanSummary,
  presentProject,
  presentProjectList,
  presentTarget,
  presentTask,
} from '../presenters.js';
import { Id, OPEN_DATA_LISTS } from '../../contract/index.js';
import { allAchievements, listTable } from '../../commands/exports.js';
import { carryOverTasks, exportDecidim, importDecidim, linkPreviousPlan } from '../../commands/interop.js';

const PlanParams = z.object({ planId: Id });
const tags = ['interop'];

const DecidimFields = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  place: z.string().trim().min(1).max(100).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/)
    .optional(),
});

const LinkBody = z.object({ previousPlanId: Id }).strict();
const CarryOverBody = z
  .object({
    previousPlanId: Id,
    taskIds: z.array(Id).min(1).max(10_000).describe("last year's unfinished tasks to carry over"),
  })
  .strict();

function today(ctx: ServerContext): string {
  return dateOf(ctx.now().toISOString());
}

export function interopRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    decidimRoutes(app, ctx);
    openDataRoutes(app, ctx);
    nextYearRoutes(app, ctx);
  };
}

function decidimRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/plans/import/decidim',
    {
      onRequest: allow('plan:import'),
      schema: {
        tags,
        summary: 'Import a Decidim accountability results CSV as a new draft plan',
        description:
          'multipart/form-data: `file` (the results CSV, `;`-separated, UTF-8), optional `title`, `place`, ' +
          '`year` (default: the earliest date in the file), `locale` (default `en` if present). Results ' +
          'with children become outline nodes, the others tasks with their progress, state and end date; ' +
          'each result keeps its Decidim id, status, dates, descriptions and locales for the export. ' +
          '`decidim.dropped` lists the columns Luoshi does not read. All or nothing: each bad line answers ' +
          '400 as "第N行，列名"; Decidim 2017\'s comma-separated format answers 415 naming it.',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { file, fields } = await readOneFile(request, DecidimFields, '结果CSV文件');
      const { summary, decidim } = await importDecidim(
        store,
        ctx.parser,
        file,
        fields,
        user,
        ctx.now(),
        request.scope.jurisdictionId,
      );
      return reply.code(201).send({ ...presentPlanSummary(summary), decidim });
    },
  );

  app.get(
    '/plans/:planId/decidim.csv',
    {
      config: PLAN_READ,
      schema: {
        tags,
        summary: 'The plan as a Decidim accountability results CSV (chapters as parents, tasks as children)',
        description:
          'A plan imported from Decidim writes its results back under their own ids, with their statuses, ' +
          'dates, descriptions and every locale, progress and end dates as they are now (`locale` is then ' +
          'not used); any other plan is numbered 1…n in `locale`.',
        params: PlanParams,
        querystring: z.object({
          locale: z
            .string()
            .regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/)
            .default('zh'),
        }),
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const plan = await getVisiblePlan(store, userOf(request), planId);
      const csv = await exportDecidim(store, planId, request.query.locale);
      return sendFile(reply, `${plan.title}（Decidim）`, 'csv', csv);
    },
  );
}

function openDataRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/public/plans',
    { schema: { tags, summary: 'Open data: every published plan, with its download links' } },
    async () => {
      const items: Plan[] = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await store.plans.list({ state: 'published', limit: 1000, offset });
        items.push(...page.items);
        if (page.items.length < 1000) break;
      }
      const links = (id: number) => ({
        json: `/api/v1/public/plans/${id}.json`,
        ...Object.fromEntries(OPEN_DATA_LISTS.map((l) => [l, `/api/v1/public/plans/${id}/${l}.csv`])),
      });
      return {
        items: items.map((p) => ({ ...presentPlan(p), downloads: links(p.id) })),
        total: items.length,
      };
    },
  );

  app.get(
    '/public/plans/:planId.json',
    {
      config: PLAN_READ,
      schema: {
        tags,
        summary: 'Open data: a published plan in one JSON file (no sign-in, nothing personal)',
        params: PlanParams,
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const plan = checkVisible(await store.plans.get(planId), undefined);
      const data = await loadPlanData(store, planId);
      const date = today(ctx);
      const actuals = deriveActuals(data.figures.targets, date);
      const health = await loadTaskHealth(store, ctx.health, planId, date);
      const achievements = await allAchievements(store, planId);
      const body = {
        plan: presentPlan(plan),
        asOf: date,
        license: 'Public data of a government work report, published by the plan office',
        outline: data.items.outline.map(presentOutlineNode),
        targets: data.items.targets.map((t) => ({
          ...presentTarget(t, undefined),
          actual: actuals[t.id] ?? null,
        })),
        achievements: achievements.map(presentAchievement),
        tasks: data.items.tasks.map((t: Task) => ({
          ...presentTask(t, undefined),
          health: health[t.id] ?? null,
        })),
        projectLists: data.items.projectLists.map(presentProjectList),
        projects: data.items.projects.map(presentProject),
        // Public verdicts (issue 19): each commitment the plan office rated; the rest are 尚未评估.
        verdicts: [...(await loadVerdictRecords(store, plan)).values()].map((r) => ({
          type: r.subject.type,
          id: r.subject.id,
          ...deriveVerdictExportRow(r),
        })),
      };
      return sendFile(reply, `${plan.title}`, 'json', JSON.stringify(body));
    },
  );

  app.get(
    '/public/plans/:planId/:list.csv',
    {
      config: PLAN_READ,
      schema: {
        tags,
        summary: 'Open data: one list of a published plan as CSV (UTF-8 with BOM)',
        params: PlanParams.extend({ list: z.enum(OPEN_DATA_LISTS) }),
      },
    },
    async (request, reply) => {
      const { planId, list } = request.params;
      const plan = checkVisible(await store.plans.get(planId), undefined);
      const spec = await listTable(store, ctx.health, planId, list, false, today(ctx));
      return sendFile(reply, `${plan.title}${spec.name}`, 'csv', tableToCsv(spec));
    },
  );
}

function nextYearRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/plans/:planId/link-previous',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary:
          "Match this plan to last year's: recurring targets with last year's result, continuing tasks and projects, unfinished tasks",
        params: PlanParams,
        body: LinkBody,
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId } = request.params;
      await getVisiblePlan(store, user, planId);
      await getVisiblePlan(store, user, request.body.previousPlanId);
      return linkPreviousPlan(store, planId, request.body.previousPlanId);
    },
  );

  app.post(
    '/plans/:planId/carry-over',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary:
          "Carry chosen unfinished tasks of last year's plan over, with their owners (one transaction)",
        description:
          'A task continued by one of this plan’s tasks gives it its owners (when it has no lead unit yet); ' +
          'one with no continuation is copied as a new task (no place in this report’s text). ' +
          '400 for a task that is not unfinished in the previous plan; 409 for one carried over before.',
        params: PlanParams,
        body: CarryOverBody,
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId } = request.params;
      const { previousPlanId, taskIds } = request.body;
      await getVisiblePlan(store, user, planId);
      await getVisiblePlan(store, user, previousPlanId);
      const carried = await carryOverTasks(
        store,
        planId,
        previousPlanId,
        taskIds,
        user,
        ctx.now().toISOString(),
      );
      return { planId, previousPlanId, items: carried, total: carried.length };
    },
  );
}
