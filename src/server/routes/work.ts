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
  ForJurisdiction,
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
import { canSee } from '../scope.js';
import type { WorkContext } from '../../commands/work.js';
import { workFileRoutes } from './work-files.js';
import { workJurisdiction, workScopeRoutes } from './work-scope.js';

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
    workScopeRoutes(app, ctx);
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
        jurisdictionId: await workJurisdiction(ctx, request, q.jurisdictionId),
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
 * jurisdiction the caller does not see (a city's 督查室 sees its districts'), or, for a unit,
 * not one it leads or helps with.
 */
export async function visibleItem(
  ctx: ServerContext,
  request: FastifyRequest,
  id: number,
): Promise<StoredWorkItem> {
  const user = requireUser(request);
  const item = await ctx.store.work.getItem(id);
  const plan = await ctx.store.plans.get(item.planId);
  if (!canSee(request.scope, plan.jurisdictionId) || !canSeeWork(user, item)) {
    throw new AppError('NOT_FOUND', `no item of work ${id}`);
  }
  return item;
}

/** What a source's routes need to serve it: its paths, its bodies and its two commands. */
interface SourceRouteSpec<Body extends z.ZodType, Action extends z.ZodType> {
  /** POST `${register}` registers one (a path with `:id` names its parent, a meeting). */
  register: { path: string; summary: string; body: Body };
  /** POST `/work/${actions}/:id/actions` moves one. */
  actions: { path: string; summary: string; body: Action };
  /** For a path with `:id`: the jurisdiction of that parent, which the item goes in. */
  parentJurisdiction?(store: ServerContext['store'], parentId: number): Promise<number | undefined>;
  registerItem(
    store: ServerContext['store'],
    body: z.output<Body>,
    parentId: number | undefined,
    actor: ReturnType<typeof deriveActor>,
    now: string,
    jurisdictionId: number,
  ): Promise<unknown>;
  moveItem(
    store: ServerContext['store'],
    context: WorkContext,
    id: number,
    action: Omit<z.output<Action>, 'version'>,
    version: number | undefined,
    actor: ReturnType<typeof deriveActor>,
    now: string,
  ): Promise<StoredWorkItem>;
}

/**
 * The two routes of one source of work: register (the office, into the ledger of the
 * jurisdiction asked for) and move (anyone who may see the item; the command checks who may
 * take which step).
 */
function sourceRoutes<Body extends z.ZodType, Action extends z.ZodType>(
  app: ApiApp,
  ctx: ServerContext,
  spec: SourceRouteSpec<Body, Action>,
): void {
  const { store } = ctx;
  const parent = spec.register.path.includes(':id');
  app.post(
    spec.register.path,
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: spec.register.summary,
        ...(parent ? { params: IdParams } : {}),
        body: spec.register.body,
        response: { 201: WorkItem, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { jurisdictionId, ...body } = request.body as { jurisdictionId?: number };
      const parentId = parent ? (request.params as { id: number }).id : undefined;
      const asked =
        parentId !== undefined && spec.parentJurisdiction
          ? await spec.parentJurisdiction(store, parentId)
          : jurisdictionId;
      const created = await spec.registerItem(
        store,
        body as z.output<Body>,
        parentId,
        deriveActor(user),
        ctx.now().toISOString(),
        await workJurisdiction(ctx, request, asked),
      );
      return reply.code(201).send(created as never);
    },
  );
  app.post(
    `/work/${spec.actions.path}/:id/actions`,
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: spec.actions.summary,
        params: IdParams,
        body: spec.actions.body,
        response: { 200: WorkItem, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params as { id: number };
      await visibleItem(ctx, request, id);
      const { version, ...action } = request.body as { version?: number };
      return spec.moveItem(
        store,
        { publicUrl: ctx.notify.publicUrl },
        id,
        action as Omit<z.output<Action>, 'version'>,
        version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
    },
  );
}

function instructionRoutes(app: ApiApp, ctx: ServerContext): void {
  sourceRoutes(app, ctx, {
    register: { path: '/work/instructions', summary: 'Register a 领导批示件', body: InstructionBody },
    actions: {
      path: 'instructions',
      summary: 'Assign, answer, return, close, file or reopen a 批示件',
      body: InstructionAction,
    },
    registerItem: (store, body, _parent, actor, now, where) =>
      registerInstructionItem(store, body, actor, now, where),
    moveItem: moveInstructionItem,
  });
}

function meetingRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/work/meetings',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Meetings whose decisions are chased',
        querystring: z.object(ForJurisdiction),
        response: { 200: z.array(Meeting) },
      },
    },
    async (request) => {
      const where = await workJurisdiction(ctx, request, request.query.jurisdictionId);
      const ledgers = new Set(await store.work.listLedgerPlanIds(where));
      return (await store.work.listMeetings()).filter((m) => ledgers.has(m.planId));
    },
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
      const { jurisdictionId, ...body } = request.body;
      const meeting = await registerMeetingItem(
        store,
        body,
        deriveActor(user),
        ctx.now().toISOString(),
        await workJurisdiction(ctx, request, jurisdictionId),
      );
      return reply.code(201).send(meeting);
    },
  );
  sourceRoutes(app, ctx, {
    register: {
      path: '/work/meetings/:id/decisions',
      summary: 'Register one decision of a meeting (议定事项)',
      body: DecisionBody,
    },
    actions: {
      path: 'decisions',
      summary: 'Assign, answer, return, close or reopen a decision',
      body: DecisionAction,
    },
    // A decision goes in its meeting's ledger: a meeting of a jurisdiction the caller may not register for answers 404.
    parentJurisdiction: async (store, meetingId) =>
      (await store.plans.get((await store.work.getMeeting(meetingId)).planId)).jurisdictionId,
    registerItem: (store, body, meetingId, actor, now) =>
      registerDecisionItem(store, meetingId!, body, actor, now),
    moveItem: moveDecisionItem,
  });
}

function proposalRoutes(app: ApiApp, ctx: ServerContext): void {
  sourceRoutes(app, ctx, {
    register: {
      path: '/work/proposals',
      summary: 'Register a 人大代表建议 or 政协委员提案',
      body: ProposalBody,
    },
    actions: {
      path: 'proposals',
      summary: 'Assign, co-opinion, answer, return, rate, close or reopen a 建议/提案',
      body: ProposalAction,
    },
    registerItem: (store, body, _parent, actor, now, where) =>
      registerProposalItem(store, body, actor, now, where),
    moveItem: moveProposalItem,
  });
}

const ListFields = z.object({ name: z.string().trim().min(1).max(200), ...ForJurisdiction });

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
        await workJurisdiction(ctx, request, fields.jurisdictionId),
      );
      return reply.code(201).send(result);
    },
  );
}
