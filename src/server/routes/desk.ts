/**
 * Checks of units' replies (答复质检, issue 20) under /api/v1/requests: the checker's queue and
 * decision, an order's checks, the check rates and the desk's figures per unit and month, and
 * the versioned answer rules with the checker's sample.
 *
 * Roles: the centre checks and sets the rules; staff read the figures and rules; a unit reads
 * the checks of the orders it holds.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addDeskSettings,
  decideReplyCheck,
  listCheckRates,
  listChecks,
  listDeskSettings,
} from '../../commands/desk.js';
import { listDeskFigures } from '../../commands/request-queries.js';
import {
  CheckDecisionBody,
  CheckerQueueItem,
  DeskFigures,
  DeskSettings,
  DeskSettingsBody,
  Id,
  MonthQuery,
  ReplyCheck,
  SchemeOptions,
  UnitCheckRates,
  WorkOrder,
} from '../../contract/index.js';
import { getScoringScheme } from '../../requests/index.js';
import type { ServerContext } from '../context.js';
import { centreOnly, checkCanRead, requireCentre, requireStaff, signedIn, tags } from './requests-access.js';

const IdParams = z.object({ id: Id });

export function deskRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  return async (app) => {
    app.get(
      '/requests/checks',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: "The checker's queue: unsatisfied follow-ups first, then the sample, oldest first",
          response: { 200: z.object({ items: z.array(CheckerQueueItem), total: z.int() }) },
        },
      },
      async (request) => {
        requireCentre(request);
        return listChecks(store, request.scope.jurisdictionId, nowIso());
      },
    );

    app.post(
      '/requests/:id/check',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary:
            "The checker's decision: passed, or returned to the unit with the note (a closed order reopens)",
          params: IdParams,
          body: CheckDecisionBody,
          response: { 200: WorkOrder },
        },
      },
      async (request) => {
        // The centre reads an order whole.
        const { actor } = requireCentre(request);
        const setup = await ctx.requests.setup(request.scope.jurisdictionId);
        return decideReplyCheck(store, setup, request.params.id, request.body, actor, nowIso(), ctx.notify);
      },
    );

    app.get(
      '/requests/:id/checks',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary:
            "An order's checks: the rules' refusals and passes, the checkers' decisions with their notes",
          params: IdParams,
          response: { 200: z.object({ items: z.array(ReplyCheck) }) },
        },
      },
      async (request) => {
        const { actor } = requireStaff(request);
        checkCanRead(await store.requests.getOrder(request.params.id), actor);
        return { items: await store.desk.listOrderChecks(request.params.id) };
      },
    );

    app.get(
      '/requests/check-rates',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'Answer checks per unit for a month: rules, sample, unsatisfied follow-ups, pass rate',
          querystring: MonthQuery,
          response: { 200: z.object({ items: z.array(UnitCheckRates) }) },
        },
      },
      async (request) => {
        const { actor } = requireStaff(request);
        const items = await listCheckRates(store, request.scope.jurisdictionId, request.query.month);
        return {
          items: actor?.role === 'unit' ? items.filter((r) => actor.unitIds.includes(r.unitId)) : items,
        };
      },
    );

    app.get(
      '/requests/desk-figures',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary:
            '直接答复率, 知识库维护率 and 答复质检合格率 per unit for a month, with the shares of the overall score the scheme in force gives them',
          querystring: MonthQuery,
          response: { 200: z.object({ items: z.array(DeskFigures), options: SchemeOptions }) },
        },
      },
      async (request) => {
        requireStaff(request);
        const setup = await ctx.requests.setup(request.scope.jurisdictionId);
        const { month } = request.query;
        return {
          items: await listDeskFigures(store, setup, month),
          options: getScoringScheme(setup.schemes, month).options,
        };
      },
    );

    app.get(
      '/requests/desk-settings',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'The answer rules and the checker’s sample, every version (0: the defaults)',
          response: { 200: z.object({ items: z.array(DeskSettings) }) },
        },
      },
      async (request) => {
        requireStaff(request);
        return { items: await listDeskSettings(store, request.scope.jurisdictionId) };
      },
    );

    app.post(
      '/requests/desk-settings',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: 'A new version of the answer rules and the sample, from a coming day',
          body: DeskSettingsBody,
          response: { 201: DeskSettings },
        },
      },
      async (request, reply) => {
        const { user } = requireCentre(request);
        const { effectiveFrom, rules, sampling } = request.body;
        const added = await addDeskSettings(
          store,
          request.scope.jurisdictionId,
          { effectiveFrom, rules, sampling },
          user,
          nowIso(),
        );
        return reply.code(201).send(added);
      },
    );
  };
}
