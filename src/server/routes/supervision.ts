/**
 * Supervision (issue 4): 督办单 (issue, answer, close, escalate), 延期申请 (request, decide)
 * and 销号 (apply with evidence, approve or return, reopen). Supervisors act; a unit answers
 * and applies for its own items only; two supervisors acting at once: one wins, one gets 409.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { deriveActor } from '../../plan/audit.js';
import { dateOf } from '../../plan/dates.js';
import { isNoticeOverdue } from '../../plan/supervision.js';
import type {
  ClosureApplication as DomainClosure,
  ExtensionRequest as DomainExtension,
  SupervisionNotice as DomainSupervisionNotice,
} from '../../plan/supervision.js';
import { closureAsOf, extensionAsOf, noticeAsOf } from '../../plan/as-of.js';
import {
  applyToClose,
  decideClosing,
  decideDeadlineExtension,
  issueSupervisionNotice,
  moveNotice,
  reopenClosedTask,
  requestDeadlineExtension,
} from '../../commands/supervision.js';
import { loadNoticeNumbers } from '../../commands/notice-sheet.js';
import { allow, requireUser, signedIn } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ApiApp, ServerContext } from '../context.js';
import {
  ClosureApplication,
  ClosureApplicationPage,
  ClosureBody,
  ClosureDecision,
  ClosureDecisionAnswer,
  ErrorBody,
  ExtensionBody,
  ExtensionDecision,
  ExtensionRequest,
  ExtensionRequestPage,
  Id,
  NoticeAction,
  NoticeBody,
  ReopenBody,
  SupervisionListQuery,
  SupervisionNotice,
  SupervisionNoticePage,
  TaskStateAnswer,
} from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });
const tags = ['supervision'];

const PAGES = {
  notice: SupervisionNoticePage,
  extension: ExtensionRequestPage,
  closure: ClosureApplicationPage,
} as const;

export function supervisionRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    supervisionListRoutes(app, ctx);
    noticeRoutes(app, ctx);
    extensionRoutes(app, ctx);
    closureRoutes(app, ctx);
  };
}

type SupervisionRecord = DomainSupervisionNotice | DomainExtension | DomainClosure;

/** The records of one kind as they stood at the end of `date`, in `state` then when named. */
function recordsAsOf<R extends SupervisionRecord>(
  kind: 'notice' | 'extension' | 'closure',
  records: readonly R[],
  date: string,
  state: string | undefined,
): R[] {
  const then = records.map((r) =>
    kind === 'notice'
      ? noticeAsOf(r as DomainSupervisionNotice, date)
      : kind === 'extension'
        ? extensionAsOf(r as DomainExtension, date)
        : closureAsOf(r as DomainClosure, date),
  ) as (R | undefined)[];
  return then.filter((r): r is R => r !== undefined && (state === undefined || r.state === state));
}

function supervisionListRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  for (const [path, kind] of [
    ['notices', 'notice'],
    ['extensions', 'extension'],
    ['closures', 'closure'],
  ] as const) {
    app.get(
      `/plans/:planId/${path}`,
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: `List ${path} (reporters: their own units')`,
          params: PlanParams,
          querystring: SupervisionListQuery,
          response: { 200: PAGES[kind], 404: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { planId } = request.params;
        await getVisiblePlan(store, user, planId);
        const q = request.query;
        const today = dateOf(ctx.now().toISOString());
        // A past as-of date (issue 14.9): each record as it stood at the end of that day.
        const date = q.asOf !== undefined && q.asOf < today ? q.asOf : undefined;
        const stored = await store.supervision.list(kind, planId, {
          ...(q.subjectType && q.subjectId ? { subject: { type: q.subjectType, id: q.subjectId } } : {}),
          ...(q.unitId === undefined ? {} : { unitId: q.unitId }),
          ...(q.state === undefined || date ? {} : { state: q.state }),
        });
        const records = date ? recordsAsOf(kind, stored, date, q.state) : stored;
        const mine =
          user.role === 'reporter' ? records.filter((r) => user.unitIds.includes(r.unitId)) : records;
        const numbers =
          kind === 'notice' ? await loadNoticeNumbers(store, planId) : new Map<number, string>();
        // A notice still unanswered after its due date is flagged (催办); each has its 文号.
        const items = mine.map((r) =>
          kind === 'notice'
            ? {
                ...r,
                overdue: isNoticeOverdue(r as DomainSupervisionNotice, date ?? today),
                number: numbers.get(r.id) ?? '',
              }
            : r,
        );
        // The kind is known only at run time; the serializer checks the page against PAGES[kind].
        return { items, total: items.length } as z.infer<(typeof PAGES)[typeof kind]>;
      },
    );
  }
}

function noticeRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/plans/:planId/notices',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Issue a 督办单',
        params: PlanParams,
        body: NoticeBody,
        response: { 201: SupervisionNotice, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      const b = request.body;
      const notice = await issueSupervisionNotice(
        store,
        request.params.planId,
        {
          subject: b.subject,
          content: b.content,
          dueOn: b.dueOn,
          ...(b.unitId === undefined ? {} : { unitId: b.unitId }),
          ...(b.urgency === undefined ? {} : { urgency: b.urgency }),
        },
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return reply.code(201).send(notice);
    },
  );

  app.post(
    '/plans/:planId/notices/:noticeId/actions',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Answer (the unit), close or escalate (a supervisor) a notice',
        params: PlanParams.extend({ noticeId: Id }),
        body: NoticeAction,
        response: {
          200: SupervisionNotice,
          400: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId, noticeId } = request.params;
      await getVisiblePlan(store, user, planId);
      const { version, ...action } = request.body;
      return moveNotice(
        store,
        planId,
        noticeId,
        action as never,
        version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
    },
  );
}

function extensionRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/plans/:planId/extensions',
    {
      onRequest: allow('item:report'),
      schema: {
        tags,
        summary: 'Ask for a new deadline',
        params: PlanParams,
        body: ExtensionBody,
        response: { 201: ExtensionRequest, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await getVisiblePlan(store, user, request.params.planId);
      const request_ = await requestDeadlineExtension(
        store,
        request.params.planId,
        request.body,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return reply.code(201).send(request_);
    },
  );

  app.post(
    '/plans/:planId/extensions/:extensionId/decision',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Approve or deny an extension request',
        params: PlanParams.extend({ extensionId: Id }),
        body: ExtensionDecision,
        response: { 200: ExtensionRequest, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId, extensionId } = request.params;
      await getVisiblePlan(store, user, planId);
      const { version, ...action } = request.body;
      return decideDeadlineExtension(
        store,
        planId,
        extensionId,
        action as never,
        version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
    },
  );
}

function closureRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/plans/:planId/tasks/:taskId/closure',
    {
      onRequest: allow('item:report'),
      schema: {
        tags,
        summary: 'Apply to close a done task (销号), with evidence',
        params: PlanParams.extend({ taskId: Id }),
        body: ClosureBody,
        response: {
          201: ClosureApplication,
          400: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { planId, taskId } = request.params;
      await getVisiblePlan(store, user, planId);
      const application = await applyToClose(
        store,
        planId,
        taskId,
        request.body,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return reply.code(201).send(application);
    },
  );

  app.post(
    '/plans/:planId/closures/:closureId/decision',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Approve (the task is closed) or return a closing application',
        params: PlanParams.extend({ closureId: Id }),
        body: ClosureDecision,
        response: { 200: ClosureDecisionAnswer, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId, closureId } = request.params;
      await getVisiblePlan(store, user, planId);
      const { version, ...action } = request.body;
      const { application, task } = await decideClosing(
        store,
        planId,
        closureId,
        action as never,
        version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return {
        application,
        task: { id: task.id, state: task.state, progress: task.progress, version: task.version },
      };
    },
  );

  app.post(
    '/plans/:planId/tasks/:taskId/reopen',
    {
      onRequest: allow('plan:update'),
      schema: {
        tags,
        summary: 'Reopen a closed task, with a reason',
        params: PlanParams.extend({ taskId: Id }),
        body: ReopenBody,
        response: { 200: TaskStateAnswer, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId, taskId } = request.params;
      await getVisiblePlan(store, user, planId);
      const task = await reopenClosedTask(
        store,
        planId,
        taskId,
        request.body.reason,
        request.body.version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      if (task.state !== 'in_progress') throw new AppError('INTERNAL', 'reopen left the task closed');
      return { id: task.id, state: task.state, progress: task.progress, version: task.version };
    },
  );
}
