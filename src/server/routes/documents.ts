/**
 * Office documents (issue 6) over HTTP: the 任务分解表 ledger (.xlsx out, edited .xlsx back in
 * one transaction), each unit's data-call workbook for a period (out, and back through the
 * same submission path as a web report), list exports (.xlsx/CSV) and the year-end review
 * (JSON, .docx, .xlsx). Each route: auth → validate → a command (src/commands/ledger.ts,
 * data-calls.ts, exports.ts) → bytes with a Chinese file name.
 */
import { PERSONAL_PLAN_READ } from '../plan-reads.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportDataCallWorkbook, submitDataCallWorkbook } from '../../commands/data-calls.js';
import { listTable, loadReview } from '../../commands/exports.js';
import { exportLedgerWorkbook, importLedgerWorkbook } from '../../commands/ledger.js';
import { tableToCsv, tablesToXlsx, writeReviewDocx, writeReviewXlsx } from '../../documents/index.js';
import type { Review } from '../../documents/index.js';
import { AppError } from '../../errors.js';
import { dateOf } from '../../plan/dates.js';
import type { Task, User } from '../../plan/types.js';
import { allow, requireUser, signedIn, userOf } from '../auth/actor.js';
import { can, canReportOn } from '../auth/policy.js';
import { getVisiblePlan } from '../context.js';
import type { ApiApp, ServerContext } from '../context.js';
import { canSee } from '../scope.js';
import { chineseDate, readOneFile, sendFile } from '../document-data.js';
import { sendOffice } from './office-format.js';
import type { Viewer } from '../presenters.js';
import { EXPORT_LISTS, Id, IsoDate, PeriodKey } from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });
const DataCallParams = PlanParams.extend({ periodKey: PeriodKey, unitId: Id });
const tags = ['documents'];

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

function today(ctx: ServerContext): string {
  return dateOf(ctx.now().toISOString());
}

/** The ledger as a viewer may take it: a reporter gets its own units' tasks only. */
function ledgerTasks(tasks: Task[], user: User): Task[] {
  return user.role === 'reporter' ? tasks.filter((t) => canReportOn(user, t)) : tasks;
}

/** A reporter files data calls for its own units only. */
function checkUnit(user: User, unitId: number): void {
  if (user.role === 'reporter' && !user.unitIds.includes(unitId)) {
    throw new AppError('FORBIDDEN', `you do not report for unit ${unitId}`);
  }
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

export function documentRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    ledgerRoutes(app, ctx);
    dataCallRoutes(app, ctx);
    exportRoutes(app, ctx);
  };
}

function ledgerRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
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
      const plan = await getVisiblePlan(store, user, request.params.planId);
      const date = today(ctx);
      const bytes = await exportLedgerWorkbook(store, ctx.health, plan, (tasks) => ledgerTasks(tasks, user), {
        ...request.query,
        date,
        asOf: chineseDate(date),
        now: ctx.now().toISOString(),
      });
      return sendFile(reply, `${plan.title}任务分解表`, 'xlsx', bytes);
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
          'Progress can be changed only in locked periods (an audited correction). A 牵头单位 (or 责任单位) ' +
          'cell naming jurisdictions below (黄浦区、静安区; 各区) hands the row’s task down to their plans of ' +
          'the year (`handDowns`). `?dryRun=1` reports only.',
        consumes: ['multipart/form-data'],
        params: PlanParams,
        querystring: DryRun,
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId } = request.params;
      await getVisiblePlan(store, user, planId);
      const { file } = await readOneFile(request, z.object({}), '任务台账（.xlsx）');
      const now = ctx.now().toISOString();
      return importLedgerWorkbook(
        store,
        ctx.parser,
        planId,
        file,
        user,
        now,
        today(ctx),
        request.query.dryRun,
        (id) => canSee(request.scope, id),
      );
    },
  );
}

function dataCallRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
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
      const workbook = await exportDataCallWorkbook(store, plan, unitId, periodKey, today(ctx));
      const name = `${plan.title}${workbook.periodLabel}数据填报表（${workbook.unitName}）`;
      return sendFile(reply, name, 'xlsx', workbook.bytes);
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
      const { file } = await readOneFile(request, z.object({}), '数据填报表（.xlsx）');
      const target = { planId, unitId, periodKey };
      const report = await submitDataCallWorkbook(
        store,
        ctx.parser,
        target,
        file,
        user,
        ctx.now().toISOString(),
      );
      return reply.code(201).send({ ...report, tasks: [...report.tasks], targets: [...report.targets] });
    },
  );
}

function exportRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/plans/:planId/exports/:list.:format',
    {
      // The audit trail names accounts, whose names change apart from the plan: never held.
      config: {
        planRead: {
          personal: true,
          skip: (request) => (request.params as { list?: string }).list === 'audit',
        },
      },
      schema: {
        tags,
        summary: 'A list as .xlsx or CSV: targets, achievements, projects, tasks, audit',
        description:
          'The public: published plans, without 责任领导; the audit trail: the plan office and leaders only.',
        params: PlanParams.extend({ list: z.enum(EXPORT_LISTS), format: z.enum(['xlsx', 'csv']) }),
      },
    },
    async (request, reply) => {
      const viewer = userOf(request);
      const { planId, list, format } = request.params;
      if (list === 'audit' && !can(requireUser(request), 'audit:read'))
        throw new AppError('FORBIDDEN', 'the audit trail of all units is for the plan office and leaders');
      const plan = await getVisiblePlan(store, viewer, planId);
      const date = today(ctx);
      const personal = can(viewer, 'item:read-personal');
      const spec = await listTable(store, ctx.health, planId, list, personal, date);
      const base = `${plan.title}${spec.name}`;
      if (format === 'csv') return sendFile(reply, base, 'csv', tableToCsv(spec));
      return sendFile(reply, base, 'xlsx', await tablesToXlsx(plan, [spec], chineseDate(date)));
    },
  );

  for (const format of ['json', 'docx', 'pdf', 'xlsx'] as const) {
    app.get(
      format === 'json' ? '/plans/:planId/review' : `/plans/:planId/review.${format}`,
      {
        config: PERSONAL_PLAN_READ,
        schema: {
          tags,
          summary:
            format === 'json'
              ? 'The year-end review: 对照表 with verdicts, task counts, project lists, carry-over, sourced paragraphs'
              : format === 'pdf'
                ? 'The year-end review as PDF (the Word document printed by LibreOffice)'
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
        const base = `${plan.title}落实情况报告`;
        if (format === 'xlsx') return sendFile(reply, base, 'xlsx', await writeReviewXlsx(review));
        return sendOffice(ctx, reply, base, format, await writeReviewDocx(review));
      },
    );
  }
}
