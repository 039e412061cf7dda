/**
 * 服务包 and 企业诉求 (issue 17) under /api/v1/services: the year's packages by unit and 服务管家
 * with the 兑现 count, commitments and their events, enterprises and talents, enterprise requests
 * clocked like 接诉即办 orders, the 服务包台账 out and in, and the public's counts under
 * /api/v1/public/services.
 *
 * Who: the office (admin, supervisor) and leaders see all; a unit's user (reporter) sees the
 * packages it looks after as 服务管家 and the commitments and requests its units hold, nothing
 * else (an enterprise it holds nothing of is NOT_FOUND). Enterprise data is never public: the
 * public sees numbers only.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { moveEnterpriseRequest, takeEnterpriseRequest } from '../../commands/enterprise-requests.js';
import { exportServiceLedgerFile, importServiceLedgerFile } from '../../commands/office-ledgers.js';
import {
  deriveServiceScope,
  loadCommitments,
  loadEnterpriseDetail,
  loadEnterpriseRequests,
  loadPublicServiceView,
  loadServiceOverview,
} from '../../commands/service-queries.js';
import {
  addCommitment,
  assignCommitment,
  createEnterprise,
  createServicePackage,
  createTalent,
  moveCommitment,
  serviceActorOf,
} from '../../commands/services.js';
import type { Actor } from '../../plan/audit.js';
import type { User } from '../../plan/types.js';
import { beijingDate } from '../../requests/index.js';
import { inJurisdiction } from '../../store/library-scope.js';
import type { Store } from '../../store/types.js';
import { allow, requireUser, signedIn } from '../auth/actor.js';
import type { ApiApp, ServerContext } from '../context.js';
import { readOneFile, sendFile } from '../document-data.js';
import {
  COMMITMENT_STATE_VALUES,
  Commitment,
  CommitmentAssignBody,
  CommitmentBody,
  CommitmentEventBody,
  CommitmentRow,
  Enterprise,
  EnterpriseBody,
  EnterpriseDetail,
  EnterpriseRequest,
  EnterpriseRequestRow,
  ServicePackage,
  Talent,
  EnterpriseRequestBody,
  EnterpriseRequestEventBody,
  Id,
  IsoDate,
  LedgerImportResult,
  PackageBody,
  PublicServiceView,
  ServiceOverview,
  TalentBody,
} from '../../contract/index.js';

const tags = ['services'];
const Year = z.coerce.number().int().min(2000).max(2100);
const IdParams = z.object({ id: Id });

/** The store as the request's jurisdiction's 服务包 see it. */
function storeOf(ctx: ServerContext, request: FastifyRequest): Store {
  return inJurisdiction(ctx.store, request.scope.jurisdictionId);
}

function actorOf(user: User): Actor {
  return { userId: user.id, role: user.role, unitIds: [...user.unitIds] };
}

export function serviceRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    readRoutes(app, ctx);
    commitmentRoutes(app, ctx);
    requestRoutes(app, ctx);
  };
}

function readRoutes(app: ApiApp, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();
  const today = () => beijingDate(now());
  const thisYear = () => Number(today().slice(0, 4));
  app.get(
    '/services/overview',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'The year’s 服务包 by unit and 服务管家 with the 兑现 count (a unit’s user: what it holds)',
        querystring: z.object({
          year: Year.optional(),
          date: IsoDate.optional().describe('counted as of the end of this day (default today)'),
        }),
        response: { 200: ServiceOverview },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { year, date } = request.query;
      const scope = deriveServiceScope(user);
      return loadServiceOverview(store, scope, year ?? thisYear(), date ?? today(), today());
    },
  );

  app.get(
    '/services/commitments',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Commitments, filtered (a unit’s user: what it holds)',
        querystring: z.object({
          year: Year.optional(),
          unitId: Id.optional(),
          butler: z.string().max(50).optional(),
          state: z.enum(COMMITMENT_STATE_VALUES).optional(),
          packageId: Id.optional(),
          date: IsoDate.optional().describe('each as it stood at the end of this day (default today)'),
        }),
        response: { 200: z.object({ items: z.array(CommitmentRow) }) },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { date, ...filter } = request.query;
      const scope = deriveServiceScope(user);
      const items = await loadCommitments(store, scope, filter, date ?? today(), today());
      return { items };
    },
  );

  app.post(
    '/services/enterprises',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'A new enterprise (统一社会信用代码 checked)',
        body: EnterpriseBody,
        response: { 200: Enterprise },
      },
    },
    async (request) =>
      createEnterprise(storeOf(ctx, request), request.body, actorOf(requireUser(request)), now()),
  );

  app.get(
    '/services/enterprises/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          'An enterprise with its packages, commitments, requests and projects (a unit’s user: what it holds)',
        params: IdParams,
        response: { 200: EnterpriseDetail },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      return loadEnterpriseDetail(store, deriveServiceScope(user), request.params.id, now());
    },
  );

  app.post(
    '/services/talents',
    {
      onRequest: allow('item:assign'),
      schema: { tags, summary: 'A new talent (人才服务包)', body: TalentBody, response: { 200: Talent } },
    },
    async (request) =>
      createTalent(storeOf(ctx, request), request.body, actorOf(requireUser(request)), now()),
  );
}

function commitmentRoutes(app: ApiApp, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();
  const today = () => beijingDate(now());
  app.post(
    '/services/packages',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'A holder’s 服务包 for a year, with its 服务管家',
        body: PackageBody,
        response: { 200: ServicePackage },
      },
    },
    async (request) =>
      createServicePackage(storeOf(ctx, request), request.body, actorOf(requireUser(request)), now()),
  );

  app.post(
    '/services/packages/:id/commitments',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Open a commitment of a package (working days on the calendar, or a date)',
        params: IdParams,
        body: CommitmentBody,
        response: { 200: Commitment },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const draft = { ...request.body, packageId: request.params.id, openedOn: today() };
      return addCommitment(store, draft, actorOf(user), now());
    },
  );

  app.patch(
    '/services/commitments/:id',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Reassign a commitment (content, unit, 服务管家, deadline)',
        params: IdParams,
        body: CommitmentAssignBody,
        response: { 200: Commitment },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { version, ...patch } = request.body;
      return assignCommitment(store, request.params.id, patch, version, actorOf(user), now());
    },
  );

  app.post(
    '/services/commitments/:id/events',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          'Start, deliver (the unit), confirm (the 服务管家 on the enterprise’s word), return, reopen, link',
        params: IdParams,
        body: CommitmentEventBody,
        response: { 200: Commitment },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { version, ...input } = request.body;
      const current = await store.services.getCommitment(request.params.id);
      const pkg = await store.services.getPackage(current.packageId);
      const serviceActor = serviceActorOf(user, pkg.butler, input.type);
      return moveCommitment(
        store,
        request.params.id,
        input,
        version,
        { serviceActor, userId: user.id, role: user.role },
        now(),
      );
    },
  );

  app.get(
    '/services/requests',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Enterprise requests (企业诉求) with their deadlines (a unit’s user: what it holds)',
        querystring: z.object({
          status: z.enum(['received', 'dispatched', 'signed', 'replied', 'closed']).optional(),
          enterpriseId: Id.optional(),
        }),
        response: { 200: z.object({ items: z.array(EnterpriseRequestRow) }) },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const items = await loadEnterpriseRequests(store, deriveServiceScope(user), request.query, now());
      return { items };
    },
  );
}

function requestRoutes(app: ApiApp, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();
  const today = () => beijingDate(now());
  const thisYear = () => Number(today().slice(0, 4));
  app.post(
    '/services/requests',
    {
      onRequest: allow('item:report'),
      schema: {
        tags,
        summary: 'Take in an enterprise request (the 服务管家 or the office)',
        body: EnterpriseRequestBody,
        response: { 200: EnterpriseRequest },
      },
    },
    async (request) =>
      takeEnterpriseRequest(storeOf(ctx, request), request.body, requireUser(request), now()),
  );

  app.post(
    '/services/requests/:id/events',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Dispatch, sign, pause, resume, reply, close or reopen a request',
        params: IdParams,
        body: EnterpriseRequestEventBody,
        response: { 200: EnterpriseRequest },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const { version, ...input } = request.body;
      return moveEnterpriseRequest(store, request.params.id, input, version, requireUser(request), now());
    },
  );

  app.get(
    '/services/ledger.xlsx',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'The year’s 服务包台账 (.xlsx)',
        querystring: z.object({ year: Year.optional() }),
      },
    },
    async (request, reply) => {
      const store = storeOf(ctx, request);
      const year = request.query.year ?? thisYear();
      const title = `${year}年服务包台账`;
      return sendFile(reply, title, 'xlsx', await exportServiceLedgerFile(store, year, title));
    },
  );

  app.post(
    '/services/ledger',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Import the year’s 服务包台账: every row applied, or nothing',
        description:
          'multipart/form-data `file` (.xlsx). Any bad cell answers 400 listing each ("服务包台账!C7"); a ' +
          'known commitment’s 状态 is changed in Luoshi, not by the ledger.',
        consumes: ['multipart/form-data'],
        querystring: z.object({ year: Year.optional() }),
        response: { 200: LedgerImportResult },
      },
    },
    async (request) => {
      const store = storeOf(ctx, request);
      const user = requireUser(request);
      const { file } = await readOneFile(request, z.object({}), '服务包台账（.xlsx）');
      const year = request.query.year ?? thisYear();
      return importServiceLedgerFile(store, file.bytes, file.fileName, year, actorOf(user), now());
    },
  );

  app.get(
    '/public/services',
    {
      schema: {
        tags,
        summary: 'The year’s 服务包 and 企业诉求 in numbers for the public (no enterprise named)',
        querystring: z.object({ year: Year.optional() }),
        response: { 200: PublicServiceView },
      },
    },
    async (request) =>
      loadPublicServiceView(storeOf(ctx, request), request.query.year ?? thisYear(), today()),
  );
}
