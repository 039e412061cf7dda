/**
 * Office documents (issue 6) over HTTP: the 任务分解表 ledger (.xlsx out, edited .xlsx back in
 * one transaction), each unit's data-call workbook for a period (out, and back through the
 * same submission path as a web report), list exports (.xlsx/CSV) and the year-end review
 * (JSON, .docx, .xlsx). Each route: auth → validate → load (document-data.ts) → a pure
 * src/documents function → bytes with a Chinese file name.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ErrorDetail } from '../../errors.js';
import { AppError, isAppError } from '../../errors.js';
import {
  achievementsTable,
  auditTable,
  deriveActuals,
  deriveDataCallInput,
  deriveProgressByPeriod,
  deriveReview,
  describeLedgerChange,
  exportDataCall,
  exportLedger,
  projectsTable,
  tableToCsv,
  tablesToXlsx,
  targetsTable,
  tasksTable,
  writeReviewDocx,
  writeReviewXlsx,
} from '../../documents/index.js';
import type { LedgerChange, Review, TableSpec } from '../../documents/index.js';
import { DATA_CALL_SHEETS } from '../../documents/data-call.js';
import { loadWorkbook, workbookBuffer } from '../../documents/xlsx.js';
import { deriveActor } from '../../plan/audit.js';
import { dateOf } from '../../plan/dates.js';
import { derivePeriodStatus } from '../../plan/periods.js';
import { resolveHealthConfig } from '../../plan/thresholds.js';
import type { Task, Unit, User } from '../../plan/types.js';
import type { Store } from '../../store/types.js';
import { correctLockedFigure, listTodos, submitUnitReport } from '../../tracking/commands.js';
import { allow, requireUser, signedIn, userOf } from '../auth/actor.js';
import { can, canReportOn } from '../auth/policy.js';
import { getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import type { Viewer } from '../presenters.js';
import type { PlanData } from '../document-data.js';
import { chineseDate, loadPlanData, loadTaskHealth, readOneFile, sendFile } from '../document-data.js';
import { EXPORT_LISTS, Id, IsoDate, PeriodKey } from '../../contract/index.js';
import type { LedgerChangeReport } from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });
const tags = ['documents'];

export type ExportList = (typeof EXPORT_LISTS)[number];

const LedgerQuery = z.object({
  layout: z.enum(['single', 'by-chapter']).default('single'),
  idColumn: z.enum(['narrow', 'hidden']).default('narrow'),
});
const DryRun = z.object({
  dryRun: z
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true')
    .describe('1: check and report the changes, apply nothing'),
});
const AsOfQuery = z.object({
  asOf: IsoDate.optional().describe('the date the review speaks for (default: today, at most the year end)'),
});

/** Rows of the ledger's hidden sheet that record each task's version at export ("v:12" → "3"). */
const VERSION_KEY = 'v:';

function today(ctx: ServerContext): string {
  return dateOf(ctx.now().toISOString());
}

/** The ledger as a viewer may take it: a reporter gets its own units' tasks only. */
function ledgerTasks(tasks: Task[], user: User): Task[] {
  return user.role === 'reporter' ? tasks.filter((t) => canReportOn(user, t)) : tasks;
}

/** Adds each task's version (and the export time) to the ledger's hidden sheet. */
async function stampVersions(bytes: Buffer, tasks: Task[], exportedAt: string): Promise<Buffer> {
  const wb = await loadWorkbook(bytes);
  const meta = wb.getWorksheet('_luoshi');
  if (!meta) throw new AppError('INTERNAL', 'the ledger has no _luoshi sheet');
  meta.addRow(['exportedAt', exportedAt]);
  for (const t of tasks) meta.addRow([`${VERSION_KEY}${t.id}`, String(t.version)]);
  return workbookBuffer(wb);
}

/** Task versions recorded in an uploaded ledger's hidden sheet; empty for a table pasted elsewhere. */
function readVersions(meta: Record<string, string>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, v] of Object.entries(meta)) {
    if (k.startsWith(VERSION_KEY)) out.set(Number(k.slice(VERSION_KEY.length)), Number(v));
  }
  return out;
}

/**
 * Checks what the ledger's changes need beyond the file: progress of a period can only change
 * once the period is locked (a supervisor's correction; before that it is the unit's report),
 * and a task changed in Luoshi since the export cannot be overwritten from the old file.
 */
function checkLedgerChanges(
  changes: LedgerChange[],
  data: PlanData,
  versions: Map<number, number>,
  date: string,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const tasks = new Map(data.items.tasks.map((t) => [t.id, t]));
  const stale = new Set<number>();
  for (const c of changes) {
    const task = tasks.get(c.taskId);
    const exported = versions.get(c.taskId);
    if (task && exported !== undefined && exported !== task.version && !stale.has(c.taskId)) {
      stale.add(c.taskId);
      problems.push({
        path: c.path,
        message: `task ${c.taskId} was changed in Luoshi after this file was exported (version ${exported} → ${task.version}): download the ledger again`,
      });
    }
    if (c.field !== 'progress') continue;
    const period = data.frame.periods.find((p) => p.key === c.period);
    const lock = data.frame.locks.find((l) => l.key === c.period) ?? null;
    if (!period) continue;
    if (derivePeriodStatus(period, date, { lock }) !== 'locked') {
      problems.push({
        path: c.path,
        message: `${period.label} is not locked: its progress comes from the unit's report (data call); lock the period to correct it here`,
      });
    } else if (c.after === null) {
      problems.push({
        path: c.path,
        message: 'an approved figure cannot be cleared: type the corrected value',
      });
    }
  }
  return problems;
}

function presentChange(c: LedgerChange, data: PlanData, units: Unit[]): LedgerChangeReport {
  const words = describeLedgerChange(c, units, data.periods);
  return {
    taskId: c.taskId,
    field: c.field,
    period: c.field === 'progress' ? c.period : null,
    ...words,
    cell: c.path,
    appliedAs: c.field === 'progress' ? 'correction' : 'task',
  };
}

/**
 * A domain problem at `tasks.3.progress` → the workbook cell the value came from; a line's id
 * (another unit's item) → its value cell; `tasks` (a line owed and missing) → its sheet.
 */
function toCell(
  detail: ErrorDetail,
  cells: { tasks: Record<string, string>[]; targets: Record<string, string>[] },
): ErrorDetail {
  if (detail.path === 'tasks' || detail.path === 'targets') {
    return { path: `${DATA_CALL_SHEETS[detail.path]}!A1`, message: detail.message };
  }
  const m = /^(tasks|targets)\.(\d+)\.(\w+)$/.exec(detail.path);
  if (!m) return detail;
  const list = m[1] as 'tasks' | 'targets';
  const field = m[3] === 'taskId' || m[3] === 'targetId' ? (list === 'tasks' ? 'progress' : 'value') : m[3]!;
  const cell = cells[list][Number(m[2])]?.[field];
  return cell ? { path: cell, message: detail.message } : detail;
}

/** The review at `asOf`, from approved figures and the plan's tolerances. */
async function loadReview(
  store: Store,
  planId: number,
  asOf: string | undefined,
  date: string,
): Promise<Review> {
  const data = await loadPlanData(store, planId);
  const { plan, settings } = data.frame;
  const yearEnd = `${plan.year}-12-31`;
  const at = asOf ?? (date < yearEnd ? date : yearEnd);
  const units = await store.listUnits();
  return deriveReview({
    plan,
    asOf: at,
    outline: data.items.outline,
    targets: data.items.targets,
    actuals: deriveActuals(data.figures.targets, at),
    tasks: data.items.tasks,
    units,
    projectLists: data.items.projectLists,
    projects: data.items.projects,
    options: { tolerances: resolveHealthConfig(settings.health).tolerances },
  });
}

/** The review as a viewer may see it: the public gets no responsible leader's name. */
function reviewFor(review: Review, viewer: Viewer): Review {
  if (can(viewer, 'item:read-personal')) return review;
  return { ...review, carryOver: review.carryOver.map((row) => ({ ...row, leader: null })) };
}

/** The review as JSON: for the public, the carry-over rows have no leader field at all. */
function presentReview(review: Review, viewer: Viewer) {
  if (can(viewer, 'item:read-personal')) return review;
  return { ...review, carryOver: review.carryOver.map(({ leader: _leader, ...row }) => row) };
}

/**
 * One list as a table for this viewer. The public gets no 责任领导 column and no audit trail
 * (it would name who acted); everything else in a published plan is public by design.
 */
export async function listTable(
  store: Store,
  planId: number,
  list: ExportList,
  viewer: Viewer,
  date: string,
): Promise<TableSpec> {
  const data = await loadPlanData(store, planId);
  const units = await store.listUnits();
  switch (list) {
    case 'targets':
      return targetsTable(data.items.targets, units, deriveActuals(data.figures.targets, date));
    case 'achievements':
      return achievementsTable(await allAchievements(store, planId));
    case 'projects':
      return projectsTable(data.items.projects, data.items.projectLists);
    case 'tasks': {
      const spec = tasksTable(
        data.items.tasks,
        units,
        data.items.outline,
        await loadTaskHealth(store, planId, date),
      );
      return can(viewer, 'item:read-personal') ? spec : withoutColumn(spec, '责任领导');
    }
    case 'audit': {
      if (!can(viewer, 'item:read-personal'))
        throw new AppError('UNAUTHENTICATED', 'sign in to read the audit trail');
      const users = new Map((await store.listUsers()).map((u) => [u.id, u.displayName]));
      return auditTable(await store.listAuditEvents(planId), { userName: (id) => users.get(id) });
    }
  }
}

/** Every achievement of a plan (the store pages by 1,000). */
export async function allAchievements(store: Store, planId: number) {
  const out = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.listAchievements(planId, { limit: 1000, offset });
    out.push(...page.items);
    if (page.items.length < 1000) return out;
  }
}

/** Drops a column from a table (the public's copy has no personal names). */
export function withoutColumn(spec: TableSpec, header: string): TableSpec {
  const i = spec.columns.findIndex((c) => c.header === header);
  if (i < 0) return spec;
  return {
    ...spec,
    columns: spec.columns.filter((_, k) => k !== i),
    rows: spec.rows.map((r) => r.filter((_, k) => k !== i)),
  };
}

export function documentRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    // ---- the ledger ------------------------------------------------------------------------
    app.get(
      '/plans/:planId/ledger.xlsx',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: '任务分解表 (.xlsx): units, leaders, deadlines, approved progress per period, health',
          description:
            'layout=single (one sheet) or by-chapter (one sheet per chapter). Reporters get their units’ tasks.',
          params: PlanParams,
          querystring: LedgerQuery,
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { planId } = request.params;
        const plan = await getVisiblePlan(store, user, planId);
        const data = await loadPlanData(store, planId);
        const date = today(ctx);
        const tasks = ledgerTasks(data.items.tasks, user);
        const bytes = await exportLedger(
          {
            plan,
            outline: data.items.outline,
            tasks,
            units: await store.listUnits(),
            periods: data.periods,
            progress: deriveProgressByPeriod(data.figures.tasks, data.periods),
            health: await loadTaskHealth(store, planId, date),
            asOf: chineseDate(date),
          },
          { layout: request.query.layout, idColumn: request.query.idColumn },
        );
        const stamped = await stampVersions(bytes, tasks, ctx.now().toISOString());
        return sendFile(reply, `${plan.title}任务分解表`, 'xlsx', stamped);
      },
    );

    app.post(
      '/plans/:planId/ledger',
      {
        onRequest: allow('item:assign'),
        schema: {
          tags,
          summary: 'Import an edited 任务分解表: every change in one transaction, or nothing',
          description:
            'multipart/form-data `file` (.xlsx). Any problem anywhere (unknown unit, bad date, unknown or ' +
            'duplicate 任务ID, merged cells, a formula with no value, a missing column or sheet) answers 400 ' +
            'listing each cell ("任务分解表!C7"); a task changed since the export answers 409. ' +
            'Progress can be changed only in locked periods (an audited correction). `?dryRun=1` reports only.',
          consumes: ['multipart/form-data'],
          params: PlanParams,
          querystring: DryRun,
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { planId } = request.params;
        await getVisiblePlan(store, user, planId);
        const { file } = await readOneFile(request, z.object({}), 'ledger workbook (.xlsx)');
        const data = await loadPlanData(store, planId);
        const units = await store.listUnits();
        const date = today(ctx);
        const result = await ctx.parser.run(
          'importLedger',
          file.bytes,
          {
            planId,
            tasks: data.items.tasks,
            units,
            periods: data.periods,
            progress: deriveProgressByPeriod(data.figures.tasks, data.periods),
          },
          file.fileName,
        );
        const versions = readVersions(result.meta);
        const problems = checkLedgerChanges(result.changes, data, versions, date);
        if (problems.length > 0) {
          const stale = problems.some((p) => p.message.includes('after this file was exported'));
          throw new AppError(stale ? 'CONFLICT' : 'BAD_INPUT', `${file.fileName} was not imported`, problems);
        }
        const changes = result.changes.map((c) => presentChange(c, data, units));
        const answer = {
          dryRun: request.query.dryRun,
          applied: !request.query.dryRun,
          rows: result.rows,
          tasksChanged: new Set(result.changes.map((c) => c.taskId)).size,
          changes,
          warnings: result.warnings,
        };
        if (request.query.dryRun || result.changes.length === 0) return { ...answer, applied: false };
        await applyLedger(store, planId, result.changes, data, user, ctx.now().toISOString(), file.fileName);
        return answer;
      },
    );

    // ---- data calls ------------------------------------------------------------------------
    const DataCallParams = PlanParams.extend({ periodKey: PeriodKey, unitId: Id });
    const checkUnit = (user: User, unitId: number) => {
      if (user.role === 'reporter' && !user.unitIds.includes(unitId)) {
        throw new AppError('FORBIDDEN', `you do not report for unit ${unitId}`);
      }
    };

    app.get(
      '/plans/:planId/data-calls/:periodKey/units/:unitId.xlsx',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: "A unit's data-call workbook for a period: what it owes, last period carried forward",
          params: DataCallParams,
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { planId, periodKey, unitId } = request.params;
        checkUnit(user, unitId);
        const plan = await getVisiblePlan(store, user, planId);
        const unit = await store.getUnit(unitId);
        const { period, todos } = await listTodos(store, planId, [unitId], today(ctx), periodKey);
        const todo = todos[0];
        if (!period || !todo) {
          throw new AppError('NOT_FOUND', `${unit.name} owes nothing for ${periodKey}`);
        }
        const items = await store.getPlanItems(planId);
        const input = deriveDataCallInput({
          plan,
          unit,
          period: { key: period.key, label: period.label, dueOn: todo.obligation.dueOn },
          obligation: todo.obligation,
          draft: todo.draft,
          tasks: items.tasks,
          targets: items.targets,
        });
        const bytes = await exportDataCall(input);
        return sendFile(reply, `${plan.title}${period.label}数据填报表（${unit.name}）`, 'xlsx', bytes);
      },
    );

    app.post(
      '/plans/:planId/data-calls/:periodKey/units/:unitId',
      {
        onRequest: allow('item:report'),
        schema: {
          tags,
          summary: 'Upload a filled data-call workbook: submitted as the unit’s report for the period',
          description:
            'multipart/form-data `file` (.xlsx). The same checks as a report sent in the app (locked period, ' +
            'percent over 100, wrong unit, missing lines…), each pointed at its cell ("任务进展!F5").',
          consumes: ['multipart/form-data'],
          params: DataCallParams,
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { planId, periodKey, unitId } = request.params;
        checkUnit(user, unitId);
        await getVisiblePlan(store, user, planId);
        const { file } = await readOneFile(request, z.object({}), 'data-call workbook (.xlsx)');
        const submission = await ctx.parser.run(
          'parseDataCallWorkbook',
          file.bytes,
          { planId, unitId, periodKey },
          file.fileName,
        );
        const cells = {
          tasks: submission.tasks.map((t) => t.cells),
          targets: submission.targets.map((t) => t.cells),
        };
        try {
          const report = await submitUnitReport(
            store,
            planId,
            {
              unitId,
              periodKey,
              evidence: [],
              tasks: submission.tasks.map(({ taskId, progress, state, note }) => ({
                taskId,
                progress,
                state,
                note,
              })),
              targets: submission.targets.map(({ targetId, value, unit, note }) => ({
                targetId,
                value: value ?? Number.NaN,
                unit,
                note,
              })),
            },
            deriveActor(user),
            ctx.now().toISOString(),
          );
          return reply.code(201).send({ ...report, tasks: [...report.tasks], targets: [...report.targets] });
        } catch (error) {
          if (!isAppError(error)) throw error;
          // A blank value reaches the domain as NaN ("not a number"): say "blank" instead.
          const blank = new Set(
            submission.targets.flatMap((t, i) => (t.value === null ? [`targets.${i}.value`] : [])),
          );
          const details = error.details.map((d) =>
            toCell(blank.has(d.path) ? { path: d.path, message: 'blank: type the value to date' } : d, cells),
          );
          throw new AppError(error.code, `${file.fileName} was not submitted: ${error.message}`, details);
        }
      },
    );

    // ---- list exports ----------------------------------------------------------------------
    app.get(
      '/plans/:planId/exports/:list.:format',
      {
        schema: {
          tags,
          summary: 'A list as .xlsx or CSV: targets, achievements, projects, tasks, audit',
          description: 'The public: published plans, without 责任领导; the audit trail needs sign-in.',
          params: PlanParams.extend({ list: z.enum(EXPORT_LISTS), format: z.enum(['xlsx', 'csv']) }),
        },
      },
      async (request, reply) => {
        const viewer = userOf(request);
        const { planId, list, format } = request.params;
        if (list === 'audit') requireUser(request);
        const plan = await getVisiblePlan(store, viewer, planId);
        const date = today(ctx);
        const spec = await listTable(store, planId, list, viewer, date);
        const base = `${plan.title}${spec.name}`;
        if (format === 'csv') return sendFile(reply, base, 'csv', tableToCsv(spec));
        return sendFile(reply, base, 'xlsx', await tablesToXlsx(plan, [spec], chineseDate(date)));
      },
    );

    // ---- the year-end review -----------------------------------------------------------------
    for (const format of ['json', 'docx', 'xlsx'] as const) {
      app.get(
        format === 'json' ? '/plans/:planId/review' : `/plans/:planId/review.${format}`,
        {
          schema: {
            tags,
            summary:
              format === 'json'
                ? 'The year-end review: 对照表 with verdicts, task counts, project lists, carry-over, sourced paragraphs'
                : `The year-end review as .${format}`,
            params: PlanParams,
            querystring: AsOfQuery,
          },
        },
        async (request, reply) => {
          const viewer = userOf(request);
          const { planId } = request.params;
          const plan = await getVisiblePlan(store, viewer, planId);
          const review = reviewFor(await loadReview(store, planId, request.query.asOf, today(ctx)), viewer);
          if (format === 'json') return presentReview(review, viewer);
          const bytes = format === 'docx' ? await writeReviewDocx(review) : await writeReviewXlsx(review);
          return sendFile(reply, `${plan.title}落实情况报告`, format, bytes);
        },
      );
    }
  };
}

/** Applies the ledger's changes in one transaction: task updates, then locked-period corrections. */
async function applyLedger(
  store: Store,
  planId: number,
  changes: LedgerChange[],
  data: PlanData,
  user: User,
  now: string,
  fileName: string,
): Promise<void> {
  const actor = deriveActor(user);
  const reason = `任务分解表导入（${fileName}）`;
  const loaded = new Map(data.items.tasks.map((t) => [t.id, t]));
  await store.transaction(async (tx) => {
    const byTask = new Map<number, LedgerChange[]>();
    for (const c of changes) byTask.set(c.taskId, [...(byTask.get(c.taskId) ?? []), c]);
    for (const [taskId, list] of byTask) {
      const patch: Parameters<Store['updateTask']>[2] = {};
      for (const c of list) {
        if (c.field === 'leadUnitId') patch.leadUnitId = c.after;
        else if (c.field === 'coUnitIds') patch.coUnitIds = c.after;
        else if (c.field === 'leader') patch.leader = c.after;
        else if (c.field === 'deadline') patch.deadline = c.after;
        else if (c.field === 'state') patch.state = c.after;
      }
      if (Object.keys(patch).length === 0) continue;
      const version = loaded.get(taskId)?.version ?? 0;
      await tx.updateTask(planId, taskId, patch, version, {
        actor: { userId: actor.userId, role: actor.role },
        at: now,
        action: 'task.ledger_import',
        reason,
      });
    }
    for (const c of changes) {
      if (c.field !== 'progress' || c.after === null) continue;
      await correctLockedFigure(
        tx,
        planId,
        { periodKey: c.period, item: { type: 'task', id: c.taskId }, value: c.after, state: null, reason },
        actor,
        now,
      );
    }
  });
}
