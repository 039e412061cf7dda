/**
 * The knowledge base (知识库, issue 20) under /api/v1/requests/knowledge: entries with their
 * versions, the search an operator's screen runs as they type, the upkeep list of a unit
 * (stale, lapsing, waiting, returned), and the steps of an entry (revise, submit, approve or
 * return, confirm a review, retire), each audited. And the operator's one step, POST
 * /requests/answer: a call taken in and closed as 直接答复 from an entry.
 *
 * Roles: every signed-in member of staff reads; a unit keeps its own entries, the centre any
 * and approves (never its own edit); a leader reads only; the public nothing.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  answerFromKnowledge,
  confirmKnowledge,
  createKnowledge,
  decideKnowledge,
  exportKnowledge,
  importKnowledge,
  knowledgeContext,
  retireKnowledge,
  reviseKnowledge,
  submitKnowledge,
} from '../../commands/knowledge.js';
import { noticeStaleKnowledge } from '../../commands/knowledge-notices.js';
import { AppError } from '../../errors.js';
import { beijingDate, listKnowledgeUpkeep, searchKnowledge } from '../../requests/index.js';
import type { KnowledgeContent } from '../../requests/index.js';
import {
  DirectAnswerBody,
  Id,
  KnowledgeConfirmBody,
  KnowledgeContentBody,
  KnowledgeDecisionBody,
  KnowledgeHit,
  KnowledgeQuery,
  KnowledgeRetireBody,
  KnowledgeReviseBody,
  KnowledgeSearchQuery,
  KnowledgeStepBody,
  KnowledgeUpkeepItem,
  StoredKnowledgeEntry,
  WorkOrder,
  pageOf,
} from '../../contract/index.js';
import type { ApiApp, ServerContext } from '../context.js';
import { readOneFile, sendFile } from '../document-data.js';
import { centreOnly, requireCentre, requireStaff, signedIn } from './requests-access.js';

const tags = ['knowledge'];
const IdParams = z.object({ id: Id });

export function knowledgeRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    workbookRoutes(app, ctx);
    entryRoutes(app, ctx);
    stepRoutes(app, ctx);
    noticeRoutes(app, ctx);
  };
}

/** The base as a workbook (知识库.xlsx) out, and such a workbook read back in. */
function workbookRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  app.get(
    '/requests/knowledge.xlsx',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          '知识库 (.xlsx): every entry in use (or one unit’s), its latest version, ready to edit and import',
        querystring: z.object({ ownerUnitId: Id.optional() }),
      },
    },
    async (request, reply) => {
      requireStaff(request);
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      const bytes = await exportKnowledge(store, setup, request.query.ownerUnitId, nowIso());
      return sendFile(reply, '12345热线知识库', 'xlsx', bytes);
    },
  );

  app.post(
    '/requests/knowledge/import',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Import a 知识库 workbook: new entries as drafts, changed rows as revisions, all or none',
        description:
          'multipart/form-data `file` (.xlsx). Any bad cell (unknown unit, category or street, bad date, ' +
          'review date not ahead) answers 400 naming each cell ("知识库!C7"); a row the unit may not ' +
          'write, or an entry waiting for approval, names its row.',
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({
            created: z.array(z.int()),
            revised: z.array(z.int()),
            unchanged: z.array(z.int()),
          }),
        },
      },
    },
    async (request) => {
      const { user } = requireStaff(request);
      const { file } = await readOneFile(request, z.object({}), '知识库表格（.xlsx）');
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      return importKnowledge(store, ctx.knowledge, setup, file, user, nowIso());
    },
  );
}

/** Reading the base (list, search, upkeep, one entry) and writing an entry (new, revision). */
function entryRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  const contextNow = async (jurisdictionId: number) =>
    knowledgeContext(await ctx.requests.setup(jurisdictionId), nowIso());
  app.get(
    '/requests/knowledge',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Entries, newest change first: by owner unit, status, category, words of the question',
        querystring: KnowledgeQuery,
        response: { 200: pageOf(StoredKnowledgeEntry) },
      },
    },
    async (request) => {
      requireStaff(request);
      const { retired, ...filter } = request.query;
      return store.knowledge.list({
        ...filter,
        jurisdictionId: request.scope.jurisdictionId,
        retired: retired === 'true',
      });
    },
  );

  app.get(
    '/requests/knowledge/search',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          'The entries in force today for what the operator typed, best first (category and street lift)',
        querystring: KnowledgeSearchQuery,
        response: { 200: z.object({ items: z.array(KnowledgeHit) }) },
      },
    },
    async (request) => {
      requireStaff(request);
      const today = beijingDate(nowIso());
      const index = await ctx.knowledge.index(request.scope.jurisdictionId, today);
      const { text, area, category, limit } = request.query;
      return { items: searchKnowledge(index, { text, date: today, area, category, limit }) };
    },
  );

  app.get(
    '/requests/knowledge/upkeep',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: "A unit's upkeep list: entries past their review date (stale), lapsing, waiting, returned",
        querystring: z.object({ unitId: Id.optional() }),
        response: { 200: z.object({ items: z.array(KnowledgeUpkeepItem), asOf: z.string() }) },
      },
    },
    async (request) => {
      const { actor } = requireStaff(request);
      const unitId = request.query.unitId;
      if (actor?.role === 'unit' && unitId !== undefined && !actor.unitIds.includes(unitId))
        throw new AppError('FORBIDDEN', `unit ${unitId} is not yours`);
      const today = beijingDate(nowIso());
      const entries = await store.knowledge.listLive(request.scope.jurisdictionId, unitId);
      let items = listKnowledgeUpkeep(entries, today, unitId === undefined ? {} : { unitId });
      if (actor?.role === 'unit') items = items.filter((i) => actor.unitIds.includes(i.ownerUnitId));
      return { items, asOf: today };
    },
  );

  app.get(
    '/requests/knowledge/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'An entry with every version',
        params: IdParams,
        response: { 200: StoredKnowledgeEntry },
      },
    },
    async (request) => {
      requireStaff(request);
      return store.knowledge.get(request.params.id, request.scope.jurisdictionId);
    },
  );

  app.post(
    '/requests/knowledge',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'A new entry, a draft of its owner unit (a unit writes only its own)',
        body: KnowledgeContentBody,
        response: { 201: StoredKnowledgeEntry },
      },
    },
    async (request, reply) => {
      const { user } = requireStaff(request);
      const content: KnowledgeContent = request.body;
      const made = await createKnowledge(
        store,
        ctx.knowledge,
        request.scope.jurisdictionId,
        content,
        user,
        await contextNow(request.scope.jurisdictionId),
        nowIso(),
      );
      return reply.code(201).send(made);
    },
  );

  app.put(
    '/requests/knowledge/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'A revision: a new draft version (the open draft replaced); the version read is checked',
        params: IdParams,
        body: KnowledgeReviseBody,
        response: { 200: StoredKnowledgeEntry },
      },
    },
    async (request) => {
      const { user } = requireStaff(request);
      const { content, version } = request.body;
      const ctxNow = await contextNow(request.scope.jurisdictionId);
      return reviseKnowledge(
        store,
        ctx.knowledge,
        request.scope.jurisdictionId,
        request.params.id,
        version,
        content,
        user,
        ctxNow,
        nowIso(),
      );
    },
  );
}

/** An entry's steps (submit, decide, confirm, retire) and the call answered from one. */
function stepRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  const contextNow = async (jurisdictionId: number) =>
    knowledgeContext(await ctx.requests.setup(jurisdictionId), nowIso());
  const step = (path: string, summary: string) => ({
    path: `/requests/knowledge/:id/${path}`,
    summary,
  });

  const submit = step('submit', 'Send the draft to the centre for approval');
  app.post(
    submit.path,
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: submit.summary,
        params: IdParams,
        body: KnowledgeStepBody,
        response: { 200: StoredKnowledgeEntry },
      },
    },
    async (request) => {
      const { user } = requireStaff(request);
      return submitKnowledge(
        store,
        ctx.knowledge,
        request.scope.jurisdictionId,
        request.params.id,
        request.body.version,
        user,
        nowIso(),
      );
    },
  );

  const decision = step(
    'decision',
    "The centre's decision: approve (it reaches operators) or return with a note",
  );
  app.post(
    decision.path,
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: decision.summary,
        params: IdParams,
        body: KnowledgeDecisionBody,
        response: { 200: StoredKnowledgeEntry },
      },
    },
    async (request) => {
      const { user } = requireCentre(request);
      const { version, ...rest } = request.body;
      return decideKnowledge(
        store,
        ctx.knowledge,
        request.scope.jurisdictionId,
        request.params.id,
        version,
        rest,
        user,
        nowIso(),
      );
    },
  );

  const confirm = step('confirm', '复核确认: the answer still holds; the next review date');
  app.post(
    confirm.path,
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: confirm.summary,
        params: IdParams,
        body: KnowledgeConfirmBody,
        response: { 200: StoredKnowledgeEntry },
      },
    },
    async (request) => {
      const { user } = requireStaff(request);
      const { reviewBy, version } = request.body;
      const ctxNow = await contextNow(request.scope.jurisdictionId);
      return confirmKnowledge(
        store,
        ctx.knowledge,
        request.scope.jurisdictionId,
        request.params.id,
        version,
        reviewBy,
        user,
        ctxNow,
        nowIso(),
      );
    },
  );

  const retire = step('retire', 'Withdraw the entry (停用) with the reason; it stays for the record');
  app.post(
    retire.path,
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: retire.summary,
        params: IdParams,
        body: KnowledgeRetireBody,
        response: { 200: StoredKnowledgeEntry },
      },
    },
    async (request) => {
      const { user } = requireStaff(request);
      const { reason, version } = request.body;
      return retireKnowledge(
        store,
        ctx.knowledge,
        request.scope.jurisdictionId,
        request.params.id,
        version,
        reason,
        user,
        nowIso(),
      );
    },
  );

  app.post(
    '/requests/answer',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary:
          '直接答复: take the call in and close it with an entry’s answer, in one step (no unit dispatched)',
        body: DirectAnswerBody,
        response: { 201: WorkOrder },
      },
    },
    async (request, reply) => {
      const { actor } = requireCentre(request);
      const { intake, entryId, text } = request.body;
      if (intake.media?.length)
        throw new AppError('BAD_INPUT', '直接答复的来电不带附件：有附件的诉求请受理后派单', [
          { path: 'body.intake.media', message: 'not taken with a direct answer' },
        ]);
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      const order = await answerFromKnowledge(store, setup, intake, { entryId, text }, actor, nowIso());
      // Only the centre answers a call: it reads the order whole.
      return reply.code(201).send(order);
    },
  );
}

/** Stale entries told to their units (the centre sends; the outbox delivers). */
function noticeRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  app.post(
    '/requests/knowledge/stale-notices',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary:
          'Tell each unit its entries past their review date (one notice per unit through the outbox; the same list once)',
        response: {
          200: z.object({ units: z.int(), entries: z.int(), messages: z.int() }),
        },
      },
    },
    async (request) => {
      const { user } = requireCentre(request);
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      const names = new Map(setup.units.map((unit) => [unit.id, unit.name]));
      return noticeStaleKnowledge(store, {
        jurisdictionId: request.scope.jurisdictionId,
        unitName: (id) => names.get(id) ?? '',
        publicUrl: ctx.notify.publicUrl,
        actor: { userId: user.id, role: user.role },
        now: nowIso(),
      });
    },
  );
}
