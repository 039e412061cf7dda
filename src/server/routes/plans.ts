/**
 * Plans: list, summary, text, upload (import), title and state (publish), delete.
 * Each route: auth (onRequest guard or visibility) → validate (schema) → command → presenter.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { extractReport } from '../../report/index.js';
import type { Extraction } from '../../report/index.js';
import { allow, requireUser, userOf } from '../auth/actor.js';
import { can } from '../auth/policy.js';
import { changeMeta, checkVisible, getVisiblePlan } from '../context.js';
import type { ServerContext, UploadedFile } from '../context.js';
import { presentPage, presentPlan, presentPlanSummary } from '../presenters.js';
import { ReimportFields, findNotAReportReason, readUpload } from '../report-upload.js';
import {
  ErrorBody,
  Id,
  Plan,
  PlanListQuery,
  PlanPatch,
  PlanSummary,
  Span,
  pageOf,
} from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });

// What the reader found odd in an imported report (a chapter heading missed, no plan zone, a part
// much longer than usual, no period): said before anything is published (issue 13).
const ReaderWarning = z
  .object({ code: z.string(), message: z.string(), span: Span.optional(), excerpt: z.string() })
  .meta({ id: 'ReaderWarning' });
const ImportSummary = PlanSummary.extend({ warnings: z.array(ReaderWarning) }).meta({ id: 'ImportSummary' });
// How sure the reader is of each thing it read, by span, for the review mode to sort and filter.
const Doubt = z.object({ span: Span, confidence: z.number(), doubts: z.array(z.string()) });
const Doubts = z
  .object({ items: z.array(Doubt), projects: z.array(Doubt), outline: z.array(Doubt) })
  .meta({ id: 'ExtractionDoubts' });

const tags = ['plans'];

export function planRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
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
        const page = await store.listPlans({ limit, offset, state: mayReadDrafts ? state : 'published' });
        return presentPage(page, presentPlan);
      },
    );

    app.get(
      '/plans/:planId',
      {
        schema: {
          tags,
          summary: 'A plan with its counts',
          params: PlanParams,
          response: { 200: PlanSummary, 404: ErrorBody },
        },
      },
      async (request) => {
        const summary = await store.getPlanSummary(request.params.planId);
        checkVisible(summary.plan, userOf(request));
        return presentPlanSummary(summary);
      },
    );

    app.get(
      '/plans/:planId/text',
      {
        schema: {
          tags,
          summary: "The report's plain text, which every span indexes",
          params: PlanParams,
          response: { 200: z.object({ text: z.string() }) },
        },
      },
      async (request) => {
        await getVisiblePlan(store, userOf(request), request.params.planId);
        return { text: await store.getPlanText(request.params.planId) };
      },
    );

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
        const { text, extraction } = await readAndExtract(ctx, file);
        const summary = await store.importPlan({
          text,
          extraction,
          sourceName: file.fileName,
          state: 'draft',
          ...(fields.year === undefined ? {} : { year: fields.year }),
          ...(fields.place === undefined ? {} : { place: fields.place }),
        });
        return reply
          .code(201)
          .send({ ...presentPlanSummary(summary), warnings: presentWarnings(text, extraction) });
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
        await store.getPlan(planId);
        const { file, fields } = await readUpload(request, ReimportFields);
        const { text, extraction } = await readAndExtract(ctx, file);
        const summary = await store.reimportPlan(
          planId,
          {
            text,
            extraction,
            sourceName: file.fileName,
            ...(fields.year === undefined ? {} : { year: fields.year }),
            ...(fields.place === undefined ? {} : { place: fields.place }),
          },
          fields.version,
        );
        return { ...presentPlanSummary(summary), warnings: presentWarnings(text, extraction) };
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
          response: { 200: Doubts, 404: ErrorBody },
        },
      },
      async (request) => {
        await getVisiblePlan(store, userOf(request), request.params.planId);
        const x = extractReport(await store.getPlanText(request.params.planId));
        const doubt = (t: { span: [number, number]; confidence?: number; doubts?: string[] }) => ({
          span: t.span,
          confidence: t.confidence ?? 1,
          doubts: t.doubts ?? [],
        });
        return { items: x.items.map(doubt), projects: x.projects.map(doubt), outline: x.outline.map(doubt) };
      },
    );

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
        const plan = await store.updatePlan(
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
        await store.deletePlan(request.params.planId);
        return reply.code(204).send();
      },
    );
  };
}

/** Reads an uploaded report and extracts it; UNPROCESSABLE with the reason when it is not a report. */
async function readAndExtract(
  ctx: ServerContext,
  file: UploadedFile,
): Promise<{ text: string; extraction: Extraction }> {
  const { text } = await ctx.readReport(file);
  const extraction = extractReport(text);
  const reason = findNotAReportReason(extraction);
  if (reason !== undefined)
    throw new AppError('UNPROCESSABLE', reason, [{ path: 'body.file', message: reason }]);
  return { text, extraction };
}

/** The reader's warnings as the import answers them, each with the words it points at. */
function presentWarnings(text: string, extraction: Extraction): z.infer<typeof ReaderWarning>[] {
  return extraction.warnings.map((w) => {
    const excerpt = w.span ? text.slice(w.span[0], Math.min(w.span[1], w.span[0] + 60)).trim() : '';
    return { code: w.code, message: w.message, ...(w.span ? { span: w.span } : {}), excerpt };
  });
}
