/**
 * Tracking (issue 4): settings, reporting periods and locks, 我的待办 (what a unit owes with
 * last period carried forward), unit reports (with evidence) and their review, corrections,
 * reminders and evidence files. Routes validate → command (src/commands/tracking.ts) → present.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { deriveActor } from '../../plan/audit.js';
import { dateOf } from '../../plan/dates.js';
import { mayUseEvidence } from '../../plan/evidence.js';
import { derivePeriodStatus } from '../../plan/periods.js';
import type { UnitReport as DomainUnitReport } from '../../plan/reporting.js';
import { lineStatusOf } from '../../plan/report-lines.js';
import type { User } from '../../plan/types.js';
import {
  closePeriod,
  correctLockedFigure,
  listPeriods,
  listReminders,
  listTodos,
  reviewUnitReport,
  saveSettings,
  submitUnitReport,
  uploadEvidence,
} from '../../commands/tracking.js';
import { loadTrackingSettings } from '../../commands/frame.js';
import { listNotifications } from '../../commands/notifications.js';
import type { UploadedEvidence } from '../../commands/tracking.js';
import { allow, requireUser, signedIn } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ApiApp, ServerContext } from '../context.js';
import {
  asOfQueryShape,
  CorrectionBody,
  ErrorBody,
  EvidenceFileInfo,
  FigureCorrection,
  Id,
  NotificationPage,
  PeriodKey,
  PeriodLockAnswer,
  PeriodRowPage,
  RemindersAnswer,
  ReportBody,
  ReviewBody,
  SettingsBody,
  TodoAnswer,
  TrackingSettings,
  UnitReport,
  UnitReportPage,
} from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });
const tags = ['tracking'];

/** Reports and their evidence, as a client sees them: every line with where it stands. */
export function presentReport(report: DomainUnitReport & { version: number }) {
  return {
    ...report,
    tasks: report.tasks.map((t) => ({ ...t, status: lineStatusOf(report, t) })),
    targets: report.targets.map((t) => ({ ...t, status: lineStatusOf(report, t) })),
  };
}

function nowOf(ctx: ServerContext): string {
  return ctx.now().toISOString();
}

/** The date a list is read at: the as-of date asked for (issue 14.9), never after today. */
function dateAsked(ctx: ServerContext, asOf: string | undefined): string {
  const today = dateOf(nowOf(ctx));
  return asOf !== undefined && asOf < today ? asOf : today;
}

/** The units a signed-in user may see the to-dos of: a reporter its own; staff any it names. */
function unitsFor(user: User, unitId: number | undefined): number[] {
  if (user.role === 'reporter') {
    if (unitId !== undefined && !user.unitIds.includes(unitId)) {
      throw new AppError('FORBIDDEN', '您不是该单位的填报人，不能代其填报');
    }
    return unitId === undefined ? user.unitIds : [unitId];
  }
  if (unitId === undefined) {
    throw new AppError('BAD_INPUT', 'name the unit', [
      { path: 'query.unitId', message: 'required for your role' },
    ]);
  }
  return [unitId];
}

/** Every file and the `report` JSON field of a multipart report submission. */
async function readReportParts(
  request: FastifyRequest,
): Promise<{ body: unknown; files: UploadedEvidence[] }> {
  const files: UploadedEvidence[] = [];
  let raw: string | undefined;
  for await (const part of request.parts({ limits: { files: 10, fieldSize: 1024 * 1024, fields: 5 } })) {
    if (part.type === 'file') {
      files.push({ name: part.filename, mimeType: part.mimetype, bytes: await part.toBuffer() });
    } else if (part.fieldname === 'report') {
      raw = String(part.value);
    }
  }
  if (raw === undefined) {
    throw new AppError('BAD_INPUT', 'no report', [
      { path: 'body.report', message: 'send the report as JSON in "report"' },
    ]);
  }
  try {
    return { body: JSON.parse(raw) as unknown, files };
  } catch {
    throw new AppError('BAD_INPUT', 'the report field is not JSON', [
      { path: 'body.report', message: 'not JSON' },
    ]);
  }
}

function parseReport(body: unknown) {
  const parsed = ReportBody.safeParse(body);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    path: ['body', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new AppError('BAD_INPUT', `invalid ${details.map((d) => d.path).join(', ')}`, details);
}

export function trackingRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    settingsRoutes(app, ctx);
    reportRoutes(app, ctx);
    reportReviewRoutes(app, ctx);
    reminderRoutes(app, ctx);
    evidenceRoutes(app, ctx);
  };
}

function settingsRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/plans/:planId/tracking/settings',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Reporting cycle and health thresholds',
        params: PlanParams,
        response: { 200: TrackingSettings, 404: ErrorBody },
      },
    },
    async (request) => {
      await getVisiblePlan(store, requireUser(request), request.params.planId);
      return loadTrackingSettings(store, request.params.planId);
    },
  );

  app.put(
    '/plans/:planId/tracking/settings',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Change the reporting cycle or the thresholds',
        params: PlanParams,
        body: SettingsBody,
        response: { 200: TrackingSettings, 400: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      const { version, period, health } = request.body;
      const clean = Object.fromEntries(Object.entries(period).filter(([, v]) => v !== undefined));
      return saveSettings(
        store,
        request.params.planId,
        { period: clean, health },
        version,
        deriveActor(user),
        nowOf(ctx),
      );
    },
  );

  app.get(
    '/plans/:planId/periods',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Reporting periods with status and lock',
        params: PlanParams,
        querystring: z.object(asOfQueryShape),
        response: { 200: PeriodRowPage, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      await getVisiblePlan(store, requireUser(request), request.params.planId);
      const { periods } = await listPeriods(store, request.params.planId);
      const date = dateAsked(ctx, request.query.asOf);
      const items = periods.map(({ period, lock: held }) => {
        // A period locked after the as-of date was still open then.
        const lock = held && dateOf(held.lockedAt) <= date ? held : null;
        return {
          ...period,
          status: derivePeriodStatus(period, date, { lock }),
          lockedAt: lock?.lockedAt ?? null,
        };
      });
      return { items, total: items.length };
    },
  );

  app.post(
    '/plans/:planId/periods/:periodKey/lock',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Close a period: no more reports; corrections only',
        params: PlanParams.extend({ periodKey: PeriodKey }),
        response: { 201: PeriodLockAnswer, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      const lock = await closePeriod(
        store,
        request.params.planId,
        request.params.periodKey,
        deriveActor(user),
        nowOf(ctx),
      );
      return reply.code(201).send({ key: lock.key, lockedAt: lock.lockedAt });
    },
  );
}

function reportRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/plans/:planId/todos',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '我的待办: what a unit owes this period, last period carried forward',
        params: PlanParams,
        querystring: z.object({ unitId: Id.optional(), periodKey: PeriodKey.optional(), ...asOfQueryShape }),
        response: { 200: TodoAnswer, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      const unitIds = unitsFor(user, request.query.unitId);
      const { period, todos } = await listTodos(
        store,
        request.params.planId,
        unitIds,
        dateAsked(ctx, request.query.asOf),
        request.query.periodKey,
      );
      return {
        period,
        items: todos.map((t) => ({
          unitId: t.unitId,
          dueOn: t.obligation.dueOn,
          owed: t.obligation.items,
          report: t.report ? presentReport(t.report) : null,
          draft: t.draft,
        })),
      };
    },
  );

  app.post(
    '/plans/:planId/reports',
    {
      onRequest: allow('item:report'),
      schema: {
        tags,
        summary: "Submit a unit's one report for a period (JSON, or multipart with files)",
        description:
          'JSON body, or multipart/form-data with the same JSON in a `report` field and evidence ' +
          'files in any file field. Refused: a locked period (409), another unit’s item (403), ' +
          'a wrong unit or a percent over 100 (400), a forbidden or too large file (415/413), ' +
          'a second submission (409). Nothing is stored unless everything passes.',
        params: PlanParams,
        response: {
          201: UnitReport,
          400: ErrorBody,
          403: ErrorBody,
          409: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      const { body, files } = request.isMultipart()
        ? await readReportParts(request)
        : { body: request.body, files: [] };
      const input = parseReport(body);
      const report = await submitUnitReport(
        store,
        request.params.planId,
        input,
        deriveActor(user),
        nowOf(ctx),
        files,
      );
      return reply.code(201).send(presentReport(report));
    },
  );

  app.get(
    '/plans/:planId/reports',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Unit reports (reporters: their own units only)',
        params: PlanParams,
        querystring: z.object({
          periodKey: PeriodKey.optional(),
          unitId: Id.optional(),
          status: z.enum(['draft', 'submitted', 'approved', 'returned']).optional(),
        }),
        response: { 200: UnitReportPage, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      const reports = await store.tracking.listReports(request.params.planId, request.query);
      const visible =
        user.role === 'reporter' ? reports.filter((r) => user.unitIds.includes(r.unitId)) : reports;
      return { items: visible.map(presentReport), total: visible.length };
    },
  );
}

function reportReviewRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/plans/:planId/reports/:reportId/review',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Approve lines awaiting review, or return them with a reason (the lines named, else all)',
        params: PlanParams.extend({ reportId: Id }),
        body: ReviewBody,
        response: { 200: UnitReport, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId, reportId } = request.params;
      await getVisiblePlan(store, user, planId);
      const body = request.body;
      const action =
        body.type === 'approve'
          ? { type: 'approve' as const, lines: body.lines }
          : { type: 'return' as const, reason: body.reason, lines: body.lines };
      const report = await reviewUnitReport(
        store,
        planId,
        reportId,
        action,
        body.version,
        deriveActor(user),
        nowOf(ctx),
      );
      return presentReport(report);
    },
  );

  app.post(
    '/plans/:planId/corrections',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Correct an approved figure of a locked period (audited)',
        params: PlanParams,
        body: CorrectionBody,
        response: { 201: FigureCorrection, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      const correction = await correctLockedFigure(
        store,
        request.params.planId,
        request.body,
        deriveActor(user),
        nowOf(ctx),
      );
      return reply.code(201).send(correction);
    },
  );
}

function reminderRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/plans/:planId/reminders',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Due soon and overdue, per unit (reporters: their own units)',
        params: PlanParams,
        querystring: z.object({
          soonDays: z.coerce.number().int().min(0).max(60).default(3),
          ...asOfQueryShape,
        }),
        response: { 200: RemindersAnswer, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      const { period, reminders } = await listReminders(
        store,
        request.params.planId,
        dateAsked(ctx, request.query.asOf),
        request.query.soonDays,
      );
      const mine =
        user.role === 'reporter' ? reminders.filter((r) => user.unitIds.includes(r.unitId)) : reminders;
      return { period, items: mine, total: mine.length };
    },
  );

  app.get(
    '/plans/:planId/notifications',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'In-app notifications: what awaits the signed-in user in this plan now',
        description:
          'A reporter: reminders of its units, notices to answer, returned reports. A supervisor ' +
          '(and an admin): reports to review, answered notices, extension requests, closing ' +
          'applications, overdue units. A leader: overdue units and overdue notices.',
        params: PlanParams,
        response: { 200: NotificationPage, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId } = request.params;
      await getVisiblePlan(store, user, planId);
      const items = await listNotifications(store, planId, user, dateOf(nowOf(ctx)));
      return { items, total: items.length };
    },
  );
}

function evidenceRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/plans/:planId/evidence',
    {
      onRequest: allow('item:report'),
      schema: {
        tags,
        summary: 'Upload an evidence file (PDF, image, Office, OFD; 20 MiB at most)',
        description: 'multipart/form-data: `file`, optional `unitId`. 413 too large; 415 a forbidden type.',
        consumes: ['multipart/form-data'],
        params: PlanParams,
        response: { 201: EvidenceFileInfo, 400: ErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      if (!request.isMultipart()) {
        throw new AppError('UNSUPPORTED_FORMAT', 'send the file as multipart/form-data with a "file" field');
      }
      let file: UploadedEvidence | undefined;
      let unitId: number | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          file ??= { name: part.filename, mimeType: part.mimetype, bytes };
        } else if (part.fieldname === 'unitId') {
          unitId = Number(part.value);
          if (!Number.isInteger(unitId) || unitId <= 0) {
            const said = '请选择上传佐证材料的单位';
            throw new AppError('BAD_INPUT', said, [{ path: 'body.unitId', code: 'required', message: said }]);
          }
        }
      }
      if (file === undefined) {
        throw new AppError('BAD_INPUT', 'no evidence file', [
          { path: 'body.file', message: 'attach the file' },
        ]);
      }
      if (unitId !== null && user.role === 'reporter' && !user.unitIds.includes(unitId)) {
        throw new AppError('FORBIDDEN', '您不是该单位的填报人，不能代其填报');
      }
      const info = await uploadEvidence(
        store,
        request.params.planId,
        file,
        unitId,
        deriveActor(user),
        nowOf(ctx),
      );
      return reply.code(201).send(info);
    },
  );

  app.get(
    '/plans/:planId/evidence/:fileId',
    {
      onRequest: signedIn,
      schema: { tags, summary: 'Download an evidence file', params: PlanParams.extend({ fileId: Id }) },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      const file = await store.tracking.getEvidence(request.params.planId, request.params.fileId);
      // Another unit's file, or one uploaded for no unit by someone else (plan/evidence.ts).
      if (!mayUseEvidence(deriveActor(user), file)) {
        throw new AppError('FORBIDDEN', 'this file belongs to another unit');
      }
      return reply
        .header('content-type', file.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(Buffer.from(file.bytes));
    },
  );
}
