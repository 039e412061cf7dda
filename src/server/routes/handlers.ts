/**
 * Named handlers (经办人, issue 20): a person's queue (我的工单, 我的任务), the units they head, a
 * unit's people and workload, giving an item to a person, moving items in bulk, and naming a
 * unit's heads (an admin).
 *
 * Roles: a unit's people read their own queue and claim their unit's unassigned items; its head
 * assigns, moves and sees the workload; the centre sees any unit's workload; an admin names heads.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assignItem,
  listHeadedUnits,
  listMyQueue,
  listUnitMembers,
  reassignItems,
  setUnitHeads,
  unitWorkload,
} from '../../commands/handlers.js';
import { markItemSeen } from '../../commands/handler-notices.js';
import { AppError } from '../../errors.js';
import {
  AssignBody,
  HandlerAssignment,
  HandlerChange,
  HandlerProfile,
  Id,
  QueueEntry,
  ReassignBody,
  UnitHeadsBody,
  UnitMember,
  WorkItemKind,
  Workload,
} from '../../contract/index.js';
import type { ServerContext } from '../context.js';
import { allow, requireUser } from '../auth/actor.js';
import { signedIn } from './requests-access.js';

const tags = ['handlers'];
const UnitParams = z.object({ id: Id });

export function handlerRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  return async (app) => {
    app.get(
      '/handlers/me',
      {
        onRequest: signedIn,
        schema: { tags, summary: 'The units the signed-in user heads', response: { 200: HandlerProfile } },
      },
      async (request) => ({ headOf: await listHeadedUnits(store, requireUser(request)) }),
    );

    app.get(
      '/handlers/queue',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: "The signed-in person's open items (我的工单 / 我的任务), overdue first",
          querystring: z.object({ kind: WorkItemKind.optional() }),
          response: { 200: z.object({ items: z.array(QueueEntry) }) },
        },
      },
      async (request) => ({
        items: await listMyQueue(store, requireUser(request), nowIso(), request.query.kind),
      }),
    );

    app.get(
      '/units/:id/members',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: "A unit's people (who may handle its items), heads flagged",
          params: UnitParams,
          response: { 200: z.object({ items: z.array(UnitMember) }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        if (user.role === 'reporter' && !user.unitIds.includes(request.params.id))
          throw new AppError('FORBIDDEN', `unit ${request.params.id} is not yours`);
        if (user.role === 'leader') throw new AppError('FORBIDDEN', 'a leader reads no unit’s people');
        await store.units.get(request.params.id);
        return { items: await listUnitMembers(store, request.params.id) };
      },
    );

    app.get(
      '/units/:id/workload',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary:
            "The unit's workload: open, overdue and soon due by person, the unassigned first, with its items",
          params: UnitParams,
          response: { 200: Workload },
        },
      },
      async (request) => {
        const user = requireUser(request);
        await store.units.get(request.params.id);
        return unitWorkload(store, request.params.id, user, nowIso());
      },
    );

    app.post(
      '/handlers/seen',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary:
            "The signed-in handler opened an order or task: notices held for the unit's inbox count as read",
          body: z.object({ kind: WorkItemKind, itemId: Id }),
          response: { 200: z.object({ seen: z.int() }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { kind, itemId } = request.body;
        return { seen: await markItemSeen(store, { kind, id: itemId }, user.id, nowIso()) };
      },
    );

    app.post(
      '/units/:id/handlers',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'Give an open order or task of the unit to a person of it (the head), or take it (认领)',
          params: UnitParams,
          body: AssignBody,
          response: { 200: HandlerAssignment },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { kind, itemId, handlerId, reason } = request.body;
        return assignItem(store, request.params.id, { kind, id: itemId }, handlerId, reason, user, nowIso());
      },
    );

    app.post(
      '/units/:id/handlers/bulk',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary:
            'Move many open items of the unit to one person with one reason (the head); all or none, audited',
          params: UnitParams,
          body: ReassignBody,
          response: { 200: z.object({ moved: z.array(HandlerChange) }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { items, fromHandlerId, kinds, toHandlerId, reason } = request.body;
        const selection =
          items !== undefined
            ? { items }
            : { fromHandlerId: fromHandlerId ?? 0, ...(kinds ? { kinds } : {}) };
        return reassignItems(store, request.params.id, selection, toHandlerId, reason, user, nowIso());
      },
    );

    app.put(
      '/units/:id/heads',
      {
        onRequest: allow('user:manage'),
        schema: {
          tags,
          summary: "Name the unit's heads (people who act for it); the change is audited",
          params: UnitParams,
          body: UnitHeadsBody,
          response: { 200: z.object({ userIds: z.array(z.int()) }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return {
          userIds: await setUnitHeads(store, request.params.id, request.body.userIds, user, nowIso()),
        };
      },
    );
  };
}
