/**
 * The other sources of work (issue 18): 领导批示件, meetings and their decisions, 建议提案 and
 * imported lists. The office registers, assigns, closes and rates; a unit reads and answers
 * only the items it leads or helps with (others answer 404). Each write is one command.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  importWorkListItems,
  moveDecisionItem,
  moveInstructionItem,
  moveProposalItem,
  registerDecisionItem,
  registerInstructionItem,
  registerMeetingItem,
  registerProposalItem,
} from '../../commands/work-sources.js';
import {
  DecisionAction,
  DecisionBody,
  ErrorBody,
  Id,
  InstructionAction,
  InstructionBody,
  Meeting,
  MeetingBody,
  ProposalAction,
  ProposalBody,
  WorkItem,
  WorkItemPage,
  WorkItemQuery,
} from '../../contract/index.js';
import { readWorkList } from '../../documents/work-list.js';
import { AppError } from '../../errors.js';
import { deriveActor } from '../../plan/audit.js';
import type { User } from '../../plan/types.js';
import type { WorkItem as StoredWorkItem, WorkKind } from '../../store/types.js';
import { allow, requireUser, signedIn } from '../auth/actor.js';
import type { ApiApp, ServerContext } from '../context.js';
import { readUpload } from '../report-upload.js';
import { workFileRoutes } from './work-files.js';

const tags = ['work'];
const IdParams = z.object({ id: Id });
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } as const;

/** A reporter sees the items its units lead or help with; the office and leaders see all. */
export function canSeeWork(user: User, item: Pick<StoredWorkItem, 'leadUnitId' | 'coUnitIds'>): boolean {
  if (user.role !== 'reporter') return true;
  return (
    (item.leadUnitId !== null && user.unitIds.includes(item.leadUnitId)) ||
    item.coUnitIds.some((id) => user.unitIds.includes(id))
  );
}

export function workRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    readRoutes(app, ctx);
    instructionRoutes(app, ctx);
    meetingRoutes(app, ctx);
    proposalRoutes(app, ctx);
    listRoutes(app, ctx);
    await app.register(workFileRoutes(ctx));
  };
}

const KINDS_OF: Record<string, WorkKind[]> = {
  instruction: ['instruction'],
  decision: ['decision'],
  suggestion: ['suggestion'],
  proposal: ['proposal'],
  list: ['list'],
};

function readRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/work/items',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'List 批示件, 议定事项, 建议提案 and list items (a unit: its own)',
        querystring: WorkItemQuery,
        response: { 200: WorkItemPage, 400: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const filter = {
        jurisdictionId: request.scope.jurisdictionId,
        ...(q.kind ? { kinds: KINDS_OF[q.kind]! } : {}),
        ...(q.state ? { state: q.state } : {}),
        ...(q.unitId ? { unitId: q.unitId } : {}),
        ...(q.author ? { author: q.author } : {}),
        ...(q.rating ? { rating: q.rating } : {}),
        ...(q.meetingId ? { meetingId: q.meetingId } : {}),
        ...(q.q ? { q: q.q } : {}),
      };
      if (user.role !== 'reporter')
        return store.work.listItems({ ...filter, limit: q.limit, offset: q.offset });
      // A unit's own items: read whole, then paged (a unit holds hundreds, not tens of thousands).
      const all = (await store.work.listItems({ ...filter, limit: 10_000, offset: 0 })).items;
      const mine = all.filter((item) => canSeeWork(user, item));
      return { items: mine.slice(q.offset, q.offset + q.limit), total: mine.length };
    },
  );

  app.get(
    '/work/items/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'One item of work',
        params: IdParams,
        response: { 200: WorkItem, 404: ErrorBody },
      },
    },
    async (request) => visibleItem(ctx, request, request.params.id),
  );
}

/**
 * The item, or 404 when the caller may not see it (before any action on it): of a
 * jurisdiction outside the request's scope, or, for a unit, not one it leads or helps with.
 */
export async function visibleItem(
  ctx: ServerContext,
  request: FastifyRequest,
  id: number,
): Promise<StoredWorkItem> {
  const user = requireUser(request);
  const item = await ctx.store.work.getItem(id);
  const plan = await ctx.store.plans.get(item.planId);
  if (plan.jurisdictionId !== request.scope.jurisdictionId || !canSeeWork(user, item)) {
    throw new AppError('NOT_FOUND', `no item of work ${id}`);
  }
  return item;
}

function instructionRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/work/instructions',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Register a 领导批示件',
        body: InstructionBody,
        response: { 201: WorkItem, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const item = await registerInstructionItem(
        store,
        request.body,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return reply.code(201).send(item);
    },
  );
  app.post(
    '/work/instructions/:id/actions',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Assign, answer, return, close, file or reopen a 批示件',
        params: IdParams,
        body: InstructionAction,
        response: { 200: WorkItem, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await visibleItem(ctx, request, request.params.id);
      const { version, ...action } = request.body;
      return moveInstructionItem(
        store,
        { publicUrl: ctx.notify.publicUrl },
        request.params.id,
        action,
        version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
    },
  );
}

function meetingRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/work/meetings',
    {
      onRequest: signedIn,
      schema: { tags, summary: 'Meetings whose decisions are chased', response: { 200: z.array(Meeting) } },
    },
    async () => store.work.listMeetings(),
  );
  app.post(
    '/work/meetings',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Record a meeting (常务会议, 专题会议)',
        body: MeetingBody,
        response: { 201: Meeting, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const meeting = await registerMeetingItem(
        store,
        request.body,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return reply.code(201).send(meeting);
    },
  );
  app.post(
    '/work/meetings/:id/decisions',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Register one decision of a meeting (议定事项)',
        params: IdParams,
        body: DecisionBody,
        response: { 201: WorkItem, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const item = await registerDecisionItem(
        store,
        request.params.id,
        request.body,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return reply.code(201).send(item);
    },
  );
  app.post(
    '/work/decisions/:id/actions',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Assign, answer, return, close or reopen a decision',
        params: IdParams,
        body: DecisionAction,
        response: { 200: WorkItem, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await visibleItem(ctx, request, request.params.id);
      const { version, ...action } = request.body;
      return moveDecisionItem(
        store,
        { publicUrl: ctx.notify.publicUrl },
        request.params.id,
        action,
        version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
    },
  );
}

function proposalRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/work/proposals',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Register a 人大代表建议 or 政协委员提案',
        body: ProposalBody,
        response: { 201: WorkItem, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const item = await registerProposalItem(
        store,
        request.body,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return reply.code(201).send(item);
    },
  );
  app.post(
    '/work/proposals/:id/actions',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Assign, co-opinion, answer, return, rate, close or reopen a 建议/提案',
        params: IdParams,
        body: ProposalAction,
        response: { 200: WorkItem, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await visibleItem(ctx, request, request.params.id);
      const { version, ...action } = request.body;
      return moveProposalItem(
        store,
        { publicUrl: ctx.notify.publicUrl },
        request.params.id,
        action,
        version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
    },
  );
}

const ListFields = z.object({ name: z.string().trim().min(1).max(200) });

function listRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/work/lists',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Import a list of work from an .xlsx sheet or a .docx table (multipart: file, name)',
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ listId: z.int(), planId: z.int(), items: z.array(WorkItem) }),
          ...WRITE_ERRORS,
          413: ErrorBody,
          415: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { file, fields } = await readUpload(request, ListFields);
      const read = await readWorkList(file.bytes, file.fileName);
      const result = await importWorkListItems(
        store,
        { publicUrl: ctx.notify.publicUrl },
        { name: fields.name, fileName: file.fileName, rows: read.rows },
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return reply.code(201).send(result);
    },
  );
}
