/**
 * Interop and the next year (issue 6): Decidim accountability results CSV in (a new draft plan)
 * and out; open data downloads of every published plan without sign-in (JSON and CSV, listed
 * in the README's "Open data: downloads"); next year's plan linked to last year's
 * (deriveCarryOver suggestions) and unfinished tasks carried over with their owners.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import {
  deriveActuals,
  deriveCarryOver,
  deriveDecidimSource,
  formatDecidimResults,
  parseDecidimSource,
  planToDecidimResults,
  sourcedDecidimResults,
  tableToCsv,
} from '../../documents/index.js';
import type { CarryOverSuggestions, DecidimImport } from '../../documents/index.js';
import { createAuditEvent, deriveActor } from '../../plan/audit.js';
import { dateOf } from '../../plan/dates.js';
import type { Plan, Task, User } from '../../plan/types.js';
import type { Extraction, Heading, Task as ExtractedTask } from '../../report/types.js';
import type { PlanItems, Store } from '../../store/types.js';
import { allow, requireUser, userOf } from '../auth/actor.js';
import { checkVisible, getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import { loadPlanData, loadTaskHealth, readOneFile, sendFile } from '../document-data.js';
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
import { allAchievements, listTable } from './documents.js';

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

/**
 * Decidim drafts → a report-shaped text and extraction, so that the plan is stored by the same
 * import as a report: each outline node a heading line, each task its own line under it. Every
 * span then resolves in the plan's text, which reads as the results list did.
 */
export function decidimToReport(
  drafts: DecidimImport,
  header: { title: string; year: number; place: string },
): {
  text: string;
  extraction: Extraction;
  taskAt: Map<number, DecidimImport['tasks'][number]>;
  outlineAt: Map<number, string>;
} {
  let text = `${header.title}\n\n`;
  const outline: Heading[] = [];
  const tasks: ExtractedTask[] = [];
  const taskAt = new Map<number, DecidimImport['tasks'][number]>();
  const outlineAt = new Map<number, string>();
  const addTask = (task: DecidimImport['tasks'][number]) => {
    const body = task.text;
    const start = text.length;
    text += `${body}\n`;
    tasks.push({
      span: [start, start + body.length],
      text: body,
      outlinePath: [],
      itemIndexes: [],
      projectIndexes: [],
    });
    taskAt.set(start, task);
  };
  for (const task of drafts.tasks.filter((t) => t.outlineKey === null)) addTask(task);
  const walk = (parentKey: string | null) => {
    for (const node of drafts.outline.filter((n) => n.parentKey === parentKey)) {
      const title = node.title.replace(/\s+/g, ' ').trim() || `#${node.sourceId}`;
      const start = text.length;
      text += `${title}\n`;
      outline.push({ level: node.level, title, span: [start, start + title.length] });
      outlineAt.set(start, node.key);
      for (const task of drafts.tasks.filter((t) => t.outlineKey === node.key)) addTask(task);
      walk(node.key);
    }
  };
  walk(null);
  const extraction: Extraction = {
    report: { title: header.title, year: header.year, ...(header.place ? { place: header.place } : {}) },
    outline,
    zones: [],
    items: [],
    projects: [],
    tasks,
    warnings: [],
  };
  return { text, extraction, taskAt, outlineAt };
}

/**
 * Stores the drafts as a new draft plan in one transaction: the plan, each task's progress,
 * state and deadline (audited as `task.import`), and the Decidim source its export writes back.
 */
async function storeDecidimPlan(
  store: Store,
  drafts: DecidimImport,
  input: { fileName: string; title: string; year: number; place?: string; user: User; at: string },
) {
  const { text, extraction, taskAt, outlineAt } = decidimToReport(drafts, {
    title: input.title,
    year: input.year,
    place: input.place ?? '',
  });
  return store.transaction(async (tx) => {
    const imported = await tx.importPlan({
      text,
      extraction,
      sourceName: input.fileName,
      state: 'draft',
      year: input.year,
      ...(input.place === undefined ? {} : { place: input.place }),
    });
    const planId = imported.plan.id;
    const items = await tx.getPlanItems(planId);
    const itemOf = new Map<string, { kind: 'outline' | 'task'; id: number }>();
    for (const node of items.outline) {
      const key = outlineAt.get(node.span[0]);
      if (key) itemOf.set(key, { kind: 'outline', id: node.id });
    }
    for (const task of items.tasks) {
      const draft = taskAt.get(task.span[0]);
      if (!draft) continue;
      itemOf.set(draft.key, { kind: 'task', id: task.id });
      const progress = draft.progress ?? 0;
      if (progress === 0 && draft.state === 'not_started' && draft.deadline === null) continue;
      await tx.updateTask(
        planId,
        task.id,
        { progress, state: draft.state, deadline: draft.deadline },
        task.version,
        {
          actor: { userId: input.user.id, role: input.user.role },
          at: input.at,
          action: 'task.import',
          reason: `Decidim ${input.fileName} line ${draft.line}`,
        },
      );
    }
    const source = deriveDecidimSource(drafts, (key) => itemOf.get(key));
    await tx.saveDecidimSource(planId, JSON.stringify(source), input.at);
    return tx.getPlanSummary(planId);
  });
}

/** The plan's year from the results' dates (the earliest), when no year is given. */
function yearOfResults(drafts: DecidimImport): number | undefined {
  const years = drafts.results
    .flatMap((r) => [r.startDate, r.endDate])
    .filter((d): d is string => d !== null)
    .map((d) => Number(d.slice(0, 4)));
  return years.length > 0 ? Math.min(...years) : undefined;
}

/** The new plan as an extraction-shaped list, so deriveCarryOver can match it to last year's. */
function nextOf(items: PlanItems): Pick<Extraction, 'items' | 'tasks' | 'projects'> {
  return {
    items: items.targets.map((t) => ({
      span: t.span,
      quote: t.quote,
      value: t.value,
      unit: t.unit,
      comparator: t.comparator,
      kind: 'target' as const,
      period: t.period,
      metric: t.metric,
      ...(t.direction === null ? {} : { direction: t.direction }),
    })),
    tasks: items.tasks.map((t) => ({
      span: t.span,
      text: t.text,
      outlinePath: [],
      itemIndexes: [],
      projectIndexes: [],
    })),
    projects: items.projects.map((p) => ({
      span: p.span,
      name: p.name,
      stage: p.stage,
      kind: p.kind,
      listSpan: p.span,
    })),
  };
}

interface CarryOverView {
  plan: Plan;
  previous: Plan;
  items: PlanItems;
  suggestions: CarryOverSuggestions;
}

/** Last year's plan against this one: suggestions by the new plan's ids. */
async function linkPlans(store: Store, planId: number, previousPlanId: number): Promise<CarryOverView> {
  if (previousPlanId === planId) {
    throw new AppError('BAD_INPUT', 'a plan cannot continue itself', [
      { path: 'body.previousPlanId', message: 'name last year’s plan' },
    ]);
  }
  const [items, last] = await Promise.all([store.getPlanItems(planId), loadPlanData(store, previousPlanId)]);
  const previous = last.frame.plan;
  if (previous.year >= items.plan.year) {
    throw new AppError(
      'BAD_INPUT',
      `plan ${previousPlanId} is for ${previous.year}, not before ${items.plan.year}`,
      [{ path: 'body.previousPlanId', message: 'must be a plan of an earlier year' }],
    );
  }
  const suggestions = deriveCarryOver({
    last: {
      year: previous.year,
      targets: last.items.targets,
      actuals: deriveActuals(last.figures.targets, `${previous.year}-12-31`),
      tasks: last.items.tasks,
      projects: last.items.projects,
    },
    next: nextOf(items),
  });
  return { plan: items.plan, previous, items, suggestions };
}

function presentSuggestions(view: CarryOverView) {
  const { items, suggestions } = view;
  const targetId = (i: number) => items.targets[i]?.id ?? null;
  const taskId = (i: number) => items.tasks[i]?.id ?? null;
  const projectId = (i: number) => items.projects[i]?.id ?? null;
  return {
    planId: view.plan.id,
    previousPlanId: view.previous.id,
    targets: suggestions.targets.map(({ nextIndex, ...link }) => ({
      targetId: targetId(nextIndex),
      ...link,
    })),
    tasks: suggestions.tasks.map(({ nextIndex, ...link }) => ({ taskId: taskId(nextIndex), ...link })),
    projects: suggestions.projects.map(({ nextIndex, ...link }) => ({
      projectId: projectId(nextIndex),
      ...link,
    })),
    unfinished: suggestions.unfinished.map(({ continuedBy, ...task }) => ({
      ...task,
      continuedBy: continuedBy === null ? null : taskId(continuedBy),
    })),
  };
}

/** Tasks of `planId` already carried over from the previous plan's tasks, by source task id. */
async function carriedBefore(store: Store, planId: number, previousPlanId: number): Promise<Set<number>> {
  const events = await store.listAuditEvents(planId);
  const out = new Set<number>();
  for (const e of events) {
    if (e.action !== 'task.carry_over') continue;
    const from = (e.after as { carriedFrom?: { planId?: number; taskId?: number } } | null)?.carriedFrom;
    if (from?.planId === previousPlanId && typeof from.taskId === 'number') out.add(from.taskId);
  }
  return out;
}

export function interopRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    // ---- Decidim -----------------------------------------------------------------------------
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
            '400 as "line N, column"; Decidim 2017\'s comma-separated format answers 415 naming it.',
          consumes: ['multipart/form-data'],
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { file, fields } = await readOneFile(request, DecidimFields, 'results CSV');
        const drafts = await ctx.parser.run(
          'parseDecidimResults',
          file.bytes,
          fields.locale ? { defaultLocale: fields.locale } : {},
        );
        const year = fields.year ?? yearOfResults(drafts) ?? ctx.now().getUTCFullYear();
        const summary = await storeDecidimPlan(store, drafts, {
          fileName: file.fileName,
          title: fields.title ?? file.fileName.replace(/\.[^.]+$/, ''),
          year,
          ...(fields.place === undefined ? {} : { place: fields.place }),
          user,
          at: ctx.now().toISOString(),
        });
        return reply.code(201).send({
          ...presentPlanSummary(summary),
          decidim: {
            locale: drafts.locale,
            results: drafts.results.length,
            outline: drafts.outline.length,
            tasks: drafts.tasks.length,
            dropped: drafts.dropped,
          },
        });
      },
    );

    app.get(
      '/plans/:planId/decidim.csv',
      {
        schema: {
          tags,
          summary:
            'The plan as a Decidim accountability results CSV (chapters as parents, tasks as children)',
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
        const items = await store.getPlanItems(planId);
        const name = `${plan.title}（Decidim）`;
        const source = parseDecidimSource(await store.findDecidimSource(planId));
        if (source) {
          const results = sourcedDecidimResults(items, source);
          const { locales, columns, finalEol } = source;
          const csv = formatDecidimResults(results, locales, { columns, finalEol });
          return sendFile(reply, name, 'csv', csv);
        }
        const locale = request.query.locale;
        const { results } = planToDecidimResults({ outline: items.outline, tasks: items.tasks, locale });
        return sendFile(reply, name, 'csv', formatDecidimResults(results, [locale]));
      },
    );

    // ---- open data ---------------------------------------------------------------------------
    app.get(
      '/public/plans',
      { schema: { tags, summary: 'Open data: every published plan, with its download links' } },
      async () => {
        const items: Plan[] = [];
        for (let offset = 0; ; offset += 1000) {
          const page = await store.listPlans({ state: 'published', limit: 1000, offset });
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
        schema: {
          tags,
          summary: 'Open data: a published plan in one JSON file (no sign-in, nothing personal)',
          params: PlanParams,
        },
      },
      async (request, reply) => {
        const { planId } = request.params;
        const plan = checkVisible(await store.getPlan(planId), undefined);
        const data = await loadPlanData(store, planId);
        const date = today(ctx);
        const actuals = deriveActuals(data.figures.targets, date);
        const health = await loadTaskHealth(store, planId, date);
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
        };
        return sendFile(reply, `${plan.title}`, 'json', JSON.stringify(body));
      },
    );

    app.get(
      '/public/plans/:planId/:list.csv',
      {
        schema: {
          tags,
          summary: 'Open data: one list of a published plan as CSV (UTF-8 with BOM)',
          params: PlanParams.extend({ list: z.enum(OPEN_DATA_LISTS) }),
        },
      },
      async (request, reply) => {
        const { planId, list } = request.params;
        const plan = checkVisible(await store.getPlan(planId), undefined);
        const spec = await listTable(store, planId, list, undefined, today(ctx));
        return sendFile(reply, `${plan.title}${spec.name}`, 'csv', tableToCsv(spec));
      },
    );

    // ---- next year ---------------------------------------------------------------------------
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
        return presentSuggestions(await linkPlans(store, planId, request.body.previousPlanId));
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
        const view = await linkPlans(store, planId, previousPlanId);
        const unfinished = new Map(view.suggestions.unfinished.map((u) => [u.lastTaskId, u]));
        const problems = taskIds.flatMap((id, i) =>
          unfinished.has(id)
            ? []
            : [
                {
                  path: `body.taskIds.${i}`,
                  message: `task ${id} is not an unfinished task of plan ${previousPlanId}`,
                },
              ],
        );
        if (problems.length > 0)
          throw new AppError('BAD_INPUT', 'some tasks cannot be carried over', problems);
        const at = ctx.now().toISOString();
        const actor = deriveActor(user);
        const carried = await store.transaction(async (tx) => {
          const before = await carriedBefore(tx, planId, previousPlanId);
          const again = taskIds.filter((id) => before.has(id));
          if (again.length > 0) {
            throw new AppError(
              'CONFLICT',
              'already carried over',
              again.map((id) => ({ path: 'body.taskIds', message: `task ${id} was carried over before` })),
            );
          }
          const out: { lastTaskId: number; taskId: number; how: 'created' | 'assigned' | 'kept' }[] = [];
          for (const lastTaskId of [...new Set(taskIds)]) {
            const u = unfinished.get(lastTaskId)!;
            const reason = `结转自${view.previous.year}年计划（${view.previous.title}）任务${lastTaskId}`;
            const carriedFrom = { planId: previousPlanId, taskId: lastTaskId };
            const owners = { leadUnitId: u.leadUnitId, coUnitIds: u.coUnitIds, leader: u.leader };
            const next = u.continuedBy === null ? undefined : view.items.tasks[u.continuedBy];
            if (next) {
              const current = await tx.getTask(planId, next.id);
              const how = current.leadUnitId === null ? 'assigned' : 'kept';
              const task =
                how === 'assigned'
                  ? await tx.updateTask(planId, next.id, owners, current.version, {
                      actor: { userId: actor.userId, role: actor.role },
                      at,
                      action: 'task.assign',
                      reason,
                    })
                  : current;
              await tx.appendAuditEvent(
                createAuditEvent({
                  at,
                  actor,
                  entity: { type: 'task', id: task.id },
                  planId,
                  action: 'task.carry_over',
                  before: null,
                  after: { carriedFrom, how, ...owners },
                  reason,
                }),
              );
              out.push({ lastTaskId, taskId: task.id, how });
              continue;
            }
            const task = await tx.createTask(planId, {
              text: u.text,
              outlineNodeId: null,
              state: u.state === 'in_progress' ? 'in_progress' : 'not_started',
              progress: u.state === 'in_progress' ? u.progress : 0,
              ...owners,
              deadline: null,
              weight: 1,
              carriedFrom: lastTaskId,
            });
            await tx.appendAuditEvent(
              createAuditEvent({
                at,
                actor,
                entity: { type: 'task', id: task.id },
                planId,
                action: 'task.carry_over',
                before: null,
                after: { carriedFrom, how: 'created', text: task.text, ...owners, progress: task.progress },
                reason,
              }),
            );
            out.push({ lastTaskId, taskId: task.id, how: 'created' });
          }
          return out;
        });
        return { planId, previousPlanId, items: carried, total: carried.length };
      },
    );
  };
}
