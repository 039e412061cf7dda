/**
 * Plans: list, summary, text, upload (import), title and state (publish), delete.
 * Each route: auth (onRequest guard or visibility) → validate (schema) → command → presenter.
 */
import { PLAN_READ } from '../plan-reads.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow, requireUser, userOf } from '../auth/actor.js';
import { can } from '../auth/policy.js';
import { changeMeta, checkVisible, getVisiblePlan } from '../context.js';
import type { ApiApp, ServerContext } from '../context.js';
import { inBody } from '../errors.js';
import { presentPage, presentPlan, presentPlanSummary, presentReaderWarnings } from '../presenters.js';
import { ReimportFields, readUpload } from '../report-upload.js';
import {
  ErrorBody,
  ExtractionDoubts,
  Id,
  ImportSummary,
  Plan,
  PlanListQuery,
  PlanPatch,
  PlanSummary,
  pageOf,
} from '../../contract/index.js';
import {
  deletePlan,
  importReport,
  loadExtractionDoubts,
  reimportReport,
  updatePlan,
} from '../../commands/plans.js';

const PlanParams = z.object({ planId: Id });

const tags = ['plans'];

export function planRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    planReadRoutes(app, ctx);
    planImportRoutes(app, ctx);
    planChangeRoutes(app, ctx);
  };
}

function planReadRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/plans',
    {
      schema: {
        tags,
        summary: 'List plans (the public sees published plans only)',
        querystring: PlanListQuery,
        response: { 200: pageOf(Plan) },
      },
    },
    async (request) => {
      const { limit, offset, state } = request.query;
      const mayReadDrafts = can(userOf(request), 'plan:read-draft');
      if (!mayReadDrafts && state === 'draft') return { items: [], total: 0 };
      // The plans of the jurisdiction the caller works in (the jurisdiction switch chooses another it sees).
      const page = await store.plans.list({
        limit,
        offset,
        state: mayReadDrafts ? state : 'published',
        jurisdictionIds: [request.scope.jurisdictionId],
      });
      return presentPage(page, presentPlan);
    },
  );

  app.get(
    '/plans/:planId',
    {
      config: PLAN_READ,
      schema: {
        tags,
        summary: 'A plan with its counts',
        params: PlanParams,
        response: { 200: PlanSummary, 404: ErrorBody },
      },
    },
    async (request) => {
      const summary = await store.plans.getSummary(request.params.planId);
      checkVisible(summary.plan, userOf(request));
      return presentPlanSummary(summary);
    },
  );

  app.get(
    '/plans/:planId/text',
    {
      config: PLAN_READ,
      schema: {
        tags,
        summary: "The report's plain text, which every span indexes",
        params: PlanParams,
        response: { 200: z.object({ text: z.string() }) },
      },
    },
    async (request) => {
      await getVisiblePlan(store, userOf(request), request.params.planId);
      return { text: await store.plans.getText(request.params.planId) };
    },
  );
}

function planImportRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/plans',
    {
      onRequest: allow('plan:import'),
      schema: {
        tags,
        summary: 'Import a report file as a draft plan',
        description:
          'multipart/form-data: `file` (the report), optional `year` and `place`. ' +
          '413 over the size limit; 422 with the reason when the file is not a work report.',
        consumes: ['multipart/form-data'],
        response: { 201: ImportSummary, 413: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const { file, fields } = await readUpload(request);
      const { text } = await ctx.readReport(file);
      const input = {
        jurisdictionId: request.scope.jurisdictionId,
        text,
        sourceName: file.fileName,
        state: 'draft' as const,
        ...(fields.year === undefined ? {} : { year: fields.year }),
        ...(fields.place === undefined ? {} : { place: fields.place }),
      };
      const { summary, extraction } = await inBody(() => importReport(store, input), ['file']);
      return reply
        .code(201)
        .send({ ...presentPlanSummary(summary), warnings: presentReaderWarnings(text, extraction) });
    },
  );

  app.put(
    '/plans/:planId/report',
    {
      onRequest: allow('plan:import'),
      schema: {
        tags,
        summary: "Replace a plan's report with a new version, keeping assignments and progress",
        description:
          'multipart/form-data: `file` (the new report), `version` (the plan version read), optional ' +
          '`year` and `place`. Rows are matched to the old ones by span and text, so what people ' +
          'assigned survives; unmatched old rows are removed. 409 on a stale version.',
        consumes: ['multipart/form-data'],
        params: PlanParams,
        response: { 200: ImportSummary, 409: ErrorBody, 413: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => {
      const { planId } = request.params;
      const plan = await store.plans.get(planId);
      const { file, fields } = await readUpload(request, ReimportFields);
      const { text } = await ctx.readReport(file);
      const input = {
        jurisdictionId: plan.jurisdictionId ?? request.scope.jurisdictionId,
        text,
        sourceName: file.fileName,
        ...(fields.year === undefined ? {} : { year: fields.year }),
        ...(fields.place === undefined ? {} : { place: fields.place }),
      };
      const { summary, extraction } = await inBody(
        () => reimportReport(store, planId, input, fields.version),
        ['file'],
      );
      return { ...presentPlanSummary(summary), warnings: presentReaderWarnings(text, extraction) };
    },
  );

  app.get(
    '/plans/:planId/doubts',
    {
      onRequest: allow('plan:import'),
      schema: {
        tags,
        summary: "The reader's confidence in each item, project and heading of the plan's report",
        description:
          "The stored text read again: each thing's span, confidence (0–1) and reasons for doubt, for the review mode.",
        params: PlanParams,
        response: { 200: ExtractionDoubts, 404: ErrorBody },
      },
    },
    async (request) => {
      await getVisiblePlan(store, userOf(request), request.params.planId);
      return loadExtractionDoubts(store, request.params.planId);
    },
  );
}

function planChangeRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.patch(
    '/plans/:planId',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Rename, publish or unpublish a plan',
        params: PlanParams,
        body: PlanPatch,
        response: { 200: Plan, 409: ErrorBody },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      const plan = await updatePlan(
        store,
        request.params.planId,
        patch,
        version,
        changeMeta(ctx, requireUser(request)),
      );
      return presentPlan(plan);
    },
  );

  app.delete(
    '/plans/:planId',
    {
      onRequest: allow('plan:delete'),
      schema: { tags, summary: 'Delete a plan and everything in it', params: PlanParams },
    },
    async (request, reply) => {
      await deletePlan(store, request.params.planId);
      return reply.code(204).send();
    },
  );
}
