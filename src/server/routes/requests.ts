/**
 * 接诉即办 (issue 7) work orders under /api/v1/requests: intake, the lists (all, the dispatch
 * queue, a unit's queue, the overdue), one order and its history, events on it (sign, contact,
 * reply, 退单, extension, 催办, 督办, close, 回访, reopen) and the centre's dispatch. The
 * catalogue, scores, themes, media and administration are in the sibling requests-*.ts files.
 *
 * Roles: admin/supervisor are the 12345 centre; a reporter is a unit and sees and acts only on
 * the orders its units hold; a leader reads; the public may submit through the web form and
 * sees every order as the one public rule shows it (src/requests/privacy.ts), as Open311 does.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import {
  deriveIntakeActor,
  deriveOverdue,
  deriveUnitEvents,
  holdsOrder,
  ORDER_STATUSES,
  pastInstant,
  suggestForOrder,
  toRequestActor,
} from '../../requests/index.js';
import type { OrderEventInput } from '../../requests/index.js';
import { actOnOrder, dispatchOrder, intakeOrderWithMedia } from '../../commands/requests.js';
import { markItemSeen } from '../../commands/handler-notices.js';
import { listRepeatCandidates } from '../../commands/repeat-calls.js';
import { listOrdersAsOf } from '../../commands/request-as-of.js';
import { userOf } from '../auth/actor.js';
import { checkUnitIds } from '../context.js';
import { pageItems } from '../../store/index.js';
import type { ApiApp, ServerContext } from '../context.js';
import { presentOrderFor, presentPublicOrder } from '../presenters.js';
import {
  DispatchBody,
  Id,
  OrderEventBody,
  OrderIntakeBody,
  OrderQuery,
  asOfQueryShape,
  pageQueryShape,
} from '../../contract/index.js';
import { repeatRoutes } from './requests-repeats.js';
import { transferRoutes } from './requests-transfer.js';
import { centreOnly, checkCanRead, requireCentre, requireStaff, signedIn, tags } from './requests-access.js';

const IdParams = z.object({ id: Id });
/** The statuses of an order a unit still holds open. */
const UNIT_QUEUE = ['dispatched', 'signed', 'objecting', 'replied'] as const;

export function requestRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    intakeRoutes(app, ctx);
    queueRoutes(app, ctx);
    orderRoutes(app, ctx);
    repeatRoutes(app, ctx);
    transferRoutes(app, ctx);
  };
}

function intakeRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/requests',
    {
      schema: {
        tags,
        summary: 'Take a request in (hotline, web form, API, grid worker); ?dispatch=auto dispatches it',
        description:
          '`media`: at most 9 refs from POST /requests/media, each an unused upload of the same caller ' +
          '(400 otherwise); the stored type, size and file name go on the order. A place outside the jurisdiction ' +
          '(GET /requests/areas) answers 400 with the reason. Without signing in: 10 a minute per client ' +
          'address and 5 a day per contact phone (429 past them).',
        body: OrderIntakeBody,
        querystring: z.object({ dispatch: z.enum(['auto', 'queue']).default('queue') }),
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const actor = deriveIntakeActor(user, request.body.source);
      // The public: so many per address and per contact phone (anonymous-limits.ts, issue 12.5).
      if (user === undefined) await ctx.anonymous.intake(request.ip, request.body.contact?.phone);
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      // Media named in the intake must be the caller's own uploads (commands/requests.ts).
      const order = await intakeOrderWithMedia(
        store,
        setup,
        request.body,
        user?.id ?? null,
        actor,
        ctx.now().toISOString(),
        { autoDispatch: request.query.dispatch === 'auto', notify: ctx.notify },
      );
      if (user === undefined && order.media.length > 0) await ctx.anonymous.claimed(request.ip);
      return reply
        .code(201)
        .send(user === undefined ? presentPublicOrder(order) : presentOrderFor(order, actor, user.role));
    },
  );

  app.get(
    '/requests',
    {
      schema: {
        tags,
        summary: 'Orders: all for the centre and leaders, own for units, anonymised for the public',
        querystring: OrderQuery,
      },
    },
    async (request) => {
      const { limit, offset, status, unitId, category, area } = request.query;
      const user = userOf(request);
      const actor = toRequestActor(user);
      // The orders of the jurisdiction the caller works in.
      const jurisdictionIds = [request.scope.jurisdictionId];
      const past = user && pastInstant(request.query.asOf, ctx.now().toISOString());
      if (past && actor) {
        // Staff reading a past as-of date: the orders as they stood at the end of that day.
        if (actor.role === 'unit' && unitId !== undefined && !actor.unitIds.includes(unitId)) {
          throw new AppError('FORBIDDEN', `unit ${unitId} is not yours`);
        }
        const units = actor.role === 'unit' ? [unitId ?? actor.unitIds[0] ?? -1] : unitId && [unitId];
        const setup = await ctx.requests.setup(request.scope.jurisdictionId);
        const then = await listOrdersAsOf(
          store,
          setup,
          past,
          status ? [status] : ORDER_STATUSES,
          (o) =>
            (!units || holdsOrder(o, units)) &&
            (category === undefined || o.category === category) &&
            (area === undefined || o.location.area === area),
        );
        const page = pageItems(then, { limit, offset });
        return { items: page.items.map((o) => presentOrderFor(o, actor, user.role)), total: page.total };
      }
      if (user === undefined) {
        // The public: every order, open ones included, as the one public rule shows it (as Open311 does).
        const page = await store.requests.listOrders({
          jurisdictionIds,
          status: status ? [status] : undefined,
          category,
          area,
          limit,
          offset,
        });
        return { items: page.items.map(presentPublicOrder), total: page.total };
      }
      if (actor?.role === 'unit') {
        if (unitId !== undefined && !actor.unitIds.includes(unitId)) {
          throw new AppError('FORBIDDEN', `unit ${unitId} is not yours`);
        }
        const page = await store.requests.listOrders({
          jurisdictionIds,
          status: status ? [status] : undefined,
          unitId: unitId ?? actor.unitIds[0] ?? -1,
          category,
          area,
          limit,
          offset,
        });
        return { items: page.items.map((o) => presentOrderFor(o, actor, user.role)), total: page.total };
      }
      const status_ = status ? [status] : undefined;
      return store.requests.listOrders({
        jurisdictionIds,
        status: status_,
        unitId,
        category,
        area,
        limit,
        offset,
      });
    },
  );
}

function queueRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/requests/queue',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: "The dispatcher's queue: received orders with suggestions",
        querystring: z.object({ ...pageQueryShape, ...asOfQueryShape }),
      },
    },
    async (request) => {
      requireCentre(request);
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      const { limit, offset } = request.query;
      const past = pastInstant(request.query.asOf, ctx.now().toISOString());
      const page = past
        ? pageItems(await listOrdersAsOf(store, setup, past, ['received']), { limit, offset })
        : await store.requests.listOrders({
            jurisdictionIds: [setup.jurisdictionId],
            status: ['received'],
            limit,
            offset,
          });
      const now = past ?? ctx.now().toISOString();
      const model = await ctx.requests.categoryModel(setup.jurisdictionId, ctx.now().getTime());
      // Open orders each may repeat (重复件), offered for merging.
      const repeats = await listRepeatCandidates(store, setup.jurisdictionId, page.items);
      return {
        items: page.items.map((order) => ({
          order,
          suggestions: { ...suggestForOrder(order, setup, now, model), repeats: repeats.get(order.id) ?? [] },
        })),
        total: page.total,
      };
    },
  );

  app.get(
    '/requests/mine',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: "A unit's queue: open orders its units hold, with missed deadlines",
        querystring: z.object({ ...pageQueryShape, ...asOfQueryShape }),
      },
    },
    async (request) => {
      const { user, actor } = requireStaff(request);
      if (actor?.role !== 'unit') throw new AppError('FORBIDDEN', `your role (${user.role}) holds no orders`);
      const past = pastInstant(request.query.asOf, ctx.now().toISOString());
      if (past) {
        // The queue as it stood then: the orders its units held open at the end of that day.
        const setup = await ctx.requests.setup(request.scope.jurisdictionId);
        const held = await listOrdersAsOf(store, setup, past, UNIT_QUEUE, (o) =>
          holdsOrder(o, actor.unitIds),
        );
        const page = pageItems(held, request.query);
        const items = page.items.map((order) => ({
          order: presentOrderFor(order, actor, user.role),
          overdue: deriveOverdue(order, past),
        }));
        return { items, total: page.total };
      }
      const now = ctx.now().toISOString();
      const items: unknown[] = [];
      let total = 0;
      for (const unitId of actor.unitIds) {
        const page = await store.requests.listOrders({
          status: [...UNIT_QUEUE],
          unitId,
          limit: request.query.limit,
          offset: request.query.offset,
        });
        total += page.total;
        for (const order of page.items) {
          items.push({ order: presentOrderFor(order, actor, user.role), overdue: deriveOverdue(order, now) });
        }
      }
      return { items, total };
    },
  );

  app.get(
    '/requests/overdue',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Orders past a sign, contact or finish deadline now (or at the end of the as-of day)',
        querystring: z.object({ limit: pageQueryShape.limit, ...asOfQueryShape }),
      },
    },
    async (request) => {
      const { actor } = requireStaff(request);
      const past = pastInstant(request.query.asOf, ctx.now().toISOString());
      const now = past ?? ctx.now().toISOString();
      let orders = past
        ? await listOrdersAsOf(
            store,
            await ctx.requests.setup(request.scope.jurisdictionId),
            past,
            UNIT_QUEUE,
          )
        : await store.requests.listOverdueCandidates(request.scope.jurisdictionId, now, request.query.limit);
      if (actor?.role === 'unit') orders = orders.filter((o) => holdsOrder(o, actor.unitIds));
      const byId = new Map(orders.map((o) => [o.id, o]));
      const items = orders
        .flatMap((order) => deriveOverdue(order, now))
        .sort((a, b) => a.due.localeCompare(b.due))
        .slice(0, request.query.limit)
        .map((item) => {
          const order = byId.get(item.orderId);
          return { ...item, category: order?.category, area: order?.location.area, status: order?.status };
        });
      return { items, total: items.length, asOf: now };
    },
  );
}

function orderRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.get(
    '/requests/:id',
    {
      schema: {
        tags,
        summary: 'An order: all for the centre, the unit view for its unit, anonymised for the public',
        params: IdParams,
      },
    },
    async (request) => {
      const order = await store.requests.getOrder(request.params.id);
      const user = userOf(request);
      const actor = toRequestActor(user);
      if (user === undefined) return presentPublicOrder(order);
      checkCanRead(order, actor);
      // The handler opened it: the unit's copies of notices held for them are read (issue 20).
      if (actor?.role === 'unit')
        await markItemSeen(store, { kind: 'order', id: order.id }, user.id, ctx.now().toISOString());
      return presentOrderFor(order, actor, user.role);
    },
  );

  app.get(
    '/requests/:id/events',
    {
      onRequest: signedIn,
      schema: { tags, summary: "An order's history (append-only events)", params: IdParams },
    },
    async (request) => {
      const { actor } = requireStaff(request);
      const order = await store.requests.getOrder(request.params.id);
      checkCanRead(order, actor);
      const events = await store.requests.listEvents(order.id);
      // A unit the citizen stays anonymous to sees no contact, file name or identity in any event.
      const items = actor?.role === 'unit' ? deriveUnitEvents(order, events) : events;
      return { items, total: items.length };
    },
  );

  app.post(
    '/requests/:id/events',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Act on an order: sign, contact, reply, 退单, extension, 催办, 督办, close, 回访, reopen',
        params: IdParams,
        body: OrderEventBody,
      },
    },
    async (request) => {
      const { user, actor } = requireStaff(request);
      if (actor === undefined)
        throw new AppError('FORBIDDEN', `your role (${user.role}) may not act on orders`);
      const input = request.body as OrderEventInput;
      // The order's own jurisdiction decides (a city's 督查室 may act on its districts' orders).
      const { jurisdictionId } = await store.requests.getOrder(request.params.id);
      if (input.type === 'dispatched' || input.type === 'redispatched') {
        await checkUnitIds(
          store,
          { 'body.leadUnitId': [input.leadUnitId], 'body.coUnits': input.coUnits.map((c) => c.unitId) },
          jurisdictionId,
        );
      }
      const setup = await ctx.requests.setup(jurisdictionId!);
      const order = await actOnOrder(
        store,
        setup,
        request.params.id,
        input,
        actor,
        ctx.now().toISOString(),
        ctx.notify,
      );
      return presentOrderFor(order, actor, user.role);
    },
  );

  app.post(
    '/requests/:id/dispatch',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: 'Dispatch by catalogue and place, or override with a reason',
        params: IdParams,
        body: DispatchBody,
      },
    },
    async (request) => {
      const { actor } = requireCentre(request);
      const body = request.body;
      const { jurisdictionId } = await store.requests.getOrder(request.params.id);
      await checkUnitIds(
        store,
        { 'body.leadUnitId': [body.leadUnitId], 'body.coUnitIds': body.coUnitIds ?? [] },
        jurisdictionId,
      );
      const setup = await ctx.requests.setup(jurisdictionId!);
      const override = Object.keys(body).length > 0 ? { ...body, reason: body.reason ?? '' } : undefined;
      return dispatchOrder(
        store,
        setup,
        request.params.id,
        override,
        actor,
        ctx.now().toISOString(),
        ctx.notify,
      );
    },
  );
}
