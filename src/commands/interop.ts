/**
 * Interop and the next year (issue 6): a Decidim accountability results CSV imported as a new
 * draft plan (the same import as a report, then each task's progress, state and end date as
 * audited updates, in one transaction); next year's plan linked to last year's (deriveCarryOver
 * suggestions) and unfinished tasks carried over with their owners, once.
 */
import {
  decidimToReport,
  deriveActuals,
  deriveCarryOver,
  deriveDecidimSource,
  formatDecidimResults,
  parseDecidimSource,
  planToDecidimResults,
  sourcedDecidimResults,
  yearOfResults,
} from '../documents/index.js';
import type { CarryOverSuggestions } from '../documents/index.js';
import type { Parser } from '../documents/parse-pool.js';
import { AppError } from '../errors.js';
import { createAuditEvent, deriveActor } from '../plan/audit.js';
import type { Plan, User } from '../plan/types.js';
import type { Extraction } from '../report/types.js';
import type { PlanItems, PlanSummary, Store } from '../store/types.js';
import { createTask, updateTask } from './items.js';
import { loadPlanData } from './plan-data.js';
import { importPlan } from './plans.js';

/**
 * Imports a Decidim results CSV (read by `parser`, off the event loop) as a new draft plan:
 * results with children become outline nodes, the others tasks with their progress, state and
 * end date (audited as `task.import`); each result keeps its Decidim id, statuses, dates,
 * descriptions and locales (the plan's Decidim source) for the export. The year is `year`, else
 * the earliest date in the file, else this year; the title the file's name. All or nothing: each
 * bad line answers BAD_INPUT as "line N, column"; `decidim.dropped` names the columns not read.
 */
export async function importDecidim(
  store: Store,
  parser: Parser,
  file: { bytes: Uint8Array; fileName: string },
  fields: {
    title?: string | undefined;
    place?: string | undefined;
    year?: number | undefined;
    locale?: string | undefined;
  },
  user: User,
  now: Date,
  jurisdictionId: number,
): Promise<{
  summary: PlanSummary;
  decidim: { locale: string; results: number; outline: number; tasks: number; dropped: string[] };
}> {
  const drafts = await parser.run(
    'parseDecidimResults',
    file.bytes,
    fields.locale ? { defaultLocale: fields.locale } : {},
  );
  const year = fields.year ?? yearOfResults(drafts) ?? now.getUTCFullYear();
  const title = fields.title ?? file.fileName.replace(/\.[^.]+$/, '');
  const { text, extraction, taskAt, outlineAt } = decidimToReport(drafts, {
    title,
    year,
    place: fields.place ?? '',
  });
  const at = now.toISOString();
  const summary = await store.transaction(async (tx) => {
    const imported = await importPlan(tx, {
      jurisdictionId,
      text,
      extraction,
      sourceName: file.fileName,
      state: 'draft',
      year,
      ...(fields.place === undefined ? {} : { place: fields.place }),
    });
    const planId = imported.plan.id;
    const items = await tx.plans.getItems(planId);
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
      await updateTask(
        tx,
        planId,
        task.id,
        { progress, state: draft.state, deadline: draft.deadline },
        task.version,
        {
          actor: { userId: user.id, role: user.role },
          at,
          action: 'task.import',
          reason: `Decidim ${file.fileName} line ${draft.line}`,
        },
      );
    }
    const source = deriveDecidimSource(drafts, (key) => itemOf.get(key));
    await tx.plans.saveDecidimSource(planId, JSON.stringify(source), at);
    return tx.plans.getSummary(planId);
  });
  return {
    summary,
    decidim: {
      locale: drafts.locale,
      results: drafts.results.length,
      outline: drafts.outline.length,
      tasks: drafts.tasks.length,
      dropped: drafts.dropped,
    },
  };
}

/**
 * The plan as a Decidim accountability results CSV. A plan imported from Decidim writes its
 * results back under their own ids, with their statuses, dates, descriptions and every locale,
 * progress and end dates as they are now (`locale` is then not used); any other plan is
 * numbered 1…n in `locale`, chapters as parents and tasks as children.
 */
export async function exportDecidim(store: Store, planId: number, locale: string): Promise<string> {
  const items = await store.plans.getItems(planId);
  const source = parseDecidimSource(await store.plans.findDecidimSource(planId));
  if (source) {
    const { locales, columns, finalEol } = source;
    return formatDecidimResults(sourcedDecidimResults(items, source), locales, { columns, finalEol });
  }
  const { results } = planToDecidimResults({ outline: items.outline, tasks: items.tasks, locale });
  return formatDecidimResults(results, [locale]);
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
  const [items, last] = await Promise.all([
    store.plans.getItems(planId),
    loadPlanData(store, previousPlanId),
  ]);
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
  const events = await store.audit.list(planId);
  const out = new Set<number>();
  for (const e of events) {
    if (e.action !== 'task.carry_over') continue;
    const from = (e.after as { carriedFrom?: { planId?: number; taskId?: number } } | null)?.carriedFrom;
    if (from?.planId === previousPlanId && typeof from.taskId === 'number') out.add(from.taskId);
  }
  return out;
}

/**
 * Last year's plan matched to this one: recurring targets with last year's result, continuing
 * tasks and projects, and last year's unfinished tasks, by this plan's ids. BAD_INPUT
 * (`body.previousPlanId`) for the plan itself or a plan of the same or a later year.
 */
export async function linkPreviousPlan(store: Store, planId: number, previousPlanId: number) {
  return presentSuggestions(await linkPlans(store, planId, previousPlanId));
}

/**
 * Carries chosen unfinished tasks of last year's plan over, with their owners, in one
 * transaction: a task continued by one of this plan's tasks gives it its owners (when it has no
 * lead unit yet); one with no continuation is copied as a new task (no place in this report's
 * text). Each gets a `task.carry_over` audit event. BAD_INPUT for a task that is not unfinished
 * in the previous plan; CONFLICT for one carried over before.
 */
export async function carryOverTasks(
  store: Store,
  planId: number,
  previousPlanId: number,
  taskIds: readonly number[],
  user: User,
  now: string,
): Promise<{ lastTaskId: number; taskId: number; how: 'created' | 'assigned' | 'kept' }[]> {
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
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'some tasks cannot be carried over', problems);
  const actor = deriveActor(user);
  return store.transaction(async (tx) => {
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
      const event = (taskId: number, after: object) =>
        createAuditEvent({
          at: now,
          actor,
          entity: { type: 'task', id: taskId },
          planId,
          action: 'task.carry_over',
          before: null,
          after,
          reason,
        });
      const next = u.continuedBy === null ? undefined : view.items.tasks[u.continuedBy];
      if (next) {
        const current = await tx.tasks.get(planId, next.id);
        const how = current.leadUnitId === null ? 'assigned' : 'kept';
        const task =
          how === 'assigned'
            ? await updateTask(tx, planId, next.id, owners, current.version, {
                actor: { userId: actor.userId, role: actor.role },
                at: now,
                action: 'task.assign',
                reason,
              })
            : current;
        await tx.audit.append(event(task.id, { carriedFrom, how, ...owners }));
        out.push({ lastTaskId, taskId: task.id, how });
        continue;
      }
      const task = await createTask(tx, planId, {
        text: u.text,
        outlineNodeId: null,
        state: u.state === 'in_progress' ? 'in_progress' : 'not_started',
        progress: u.state === 'in_progress' ? u.progress : 0,
        ...owners,
        deadline: null,
        weight: 1,
        carriedFrom: lastTaskId,
      });
      await tx.audit.append(
        event(task.id, { carriedFrom, how: 'created', text: task.text, ...owners, progress: task.progress }),
      );
      out.push({ lastTaskId, taskId: task.id, how: 'created' });
    }
    return out;
  });
}
