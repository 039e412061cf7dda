/**
 * The monthly investment data call (项目投资月报, issue 17) under /api/v1/library/investment-calls:
 * the office opens a month's call on a library; a lead unit reads its own sheet (JSON, or a
 * workbook to fill offline) and returns it typed in the page or as the filled workbook. A unit's
 * user sees and returns only its own units' sheets (403 for another unit's); the figures go
 * through src/commands/investment-calls.ts.
 */
import type { onRequestHookHandler } from 'fastify';
import { z } from 'zod';
import {
  exportInvestmentSheet,
  listInvestmentCalls,
  loadInvestmentSheet,
  openInvestmentCall,
  submitInvestmentReturn,
  submitInvestmentWorkbook,
} from '../../commands/investment-calls.js';
import { AppError } from '../../errors.js';
import type { User } from '../../plan/types.js';
import { beijingDate } from '../../requests/index.js';
import { allow, requireUser, signedIn } from '../auth/actor.js';
import type { ApiApp, ServerContext } from '../context.js';
import { readOneFile, sendFile } from '../document-data.js';
import {
  Id,
  InvestmentCallOpen,
  InvestmentCallWithUnits,
  InvestmentReturnAnswer,
  InvestmentReturnBody,
  InvestmentSheet,
} from '../../contract/index.js';
import { actorOf, libraryUnits, storeOf } from './library.js';

const tags = ['library'];
const SheetParams = z.object({ id: Id, unitId: Id });

/** A unit's user returns for its own units only (a guard: before the body is validated). */
const ownUnit: onRequestHookHandler = async (request) => {
  const user: User = requireUser(request);
  const unitId = Number((request.params as { unitId?: string }).unitId);
  if (user.role === 'reporter' && !user.unitIds.includes(unitId))
    throw new AppError('FORBIDDEN', `you do not report for unit ${unitId}`);
};

export function libraryCallRoutes(app: ApiApp, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();
  const today = () => beijingDate(now());

  app.get(
    '/library/investment-calls',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '项目投资月报: the calls, each with its lead units’ parts (a unit’s user: its own units’)',
        response: { 200: z.object({ items: z.array(InvestmentCallWithUnits) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: await listInvestmentCalls(storeOf(ctx, request), libraryUnits(user), today()) };
    },
  );

  app.post(
    '/library/investment-calls',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Open a month’s investment data call on a library, with its deadline',
        description: '409 when the library has a call for the month already; a month to come is refused.',
        body: InvestmentCallOpen,
        response: { 200: InvestmentCallWithUnits.omit({ units: true }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return openInvestmentCall(storeOf(ctx, request), request.body, actorOf(user), now(), today());
    },
  );

  app.get(
    '/library/investment-calls/:id/units/:unitId',
    {
      onRequest: [signedIn, ownUnit],
      schema: {
        tags,
        summary:
          'A lead unit’s sheet for a call: its projects owing the month, what is known, its last return',
        params: SheetParams,
        response: { 200: InvestmentSheet },
      },
    },
    async (request) => {
      return loadInvestmentSheet(storeOf(ctx, request), request.params.id, request.params.unitId);
    },
  );

  app.get(
    '/library/investment-calls/:id/units/:unitId.xlsx',
    {
      onRequest: [signedIn, ownUnit],
      schema: {
        tags,
        summary: 'A lead unit’s sheet for a call as a workbook (项目投资) to fill offline',
        params: SheetParams,
      },
    },
    async (request, reply) => {
      const file = await exportInvestmentSheet(
        storeOf(ctx, request),
        request.params.id,
        request.params.unitId,
      );
      return sendFile(reply, file.fileName, 'xlsx', file.bytes);
    },
  );

  app.put(
    '/library/investment-calls/:id/units/:unitId',
    {
      onRequest: [allow('item:report'), ownUnit],
      schema: {
        tags,
        summary: 'Return a unit’s sheet typed in the page: every project it owes, all or nothing',
        description: 'Each problem at its line (`lines.2.amount`); a second return replaces the first.',
        params: SheetParams,
        body: InvestmentReturnBody,
        response: { 200: InvestmentReturnAnswer },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id, unitId } = request.params;
      return submitInvestmentReturn(
        storeOf(ctx, request),
        { callId: id, unitId },
        request.body.lines,
        'form',
        actorOf(user),
        now(),
        today(),
      );
    },
  );

  app.post(
    '/library/investment-calls/:id/units/:unitId',
    {
      onRequest: [allow('item:report'), ownUnit],
      schema: {
        tags,
        summary: 'Return a unit’s sheet as the filled workbook: all or nothing',
        description:
          'multipart/form-data `file` (.xlsx). Every problem at its cell ("项目投资!F5": a negative amount, ' +
          'a project not of the unit, a row of another month); nothing imported then. A second return replaces.',
        consumes: ['multipart/form-data'],
        params: SheetParams,
        response: { 200: InvestmentReturnAnswer },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id, unitId } = request.params;
      const { file } = await readOneFile(request, z.object({}), '投资月报（.xlsx）');
      return submitInvestmentWorkbook(
        storeOf(ctx, request),
        ctx.parser,
        { callId: id, unitId },
        file,
        actorOf(user),
        now(),
        today(),
      );
    },
  );
}
