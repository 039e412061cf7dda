/**
 * 接诉即办 (issue 7) under /api/v1/requests: intake, the dispatch queue, a unit's queue, events
 * on an order (sign, contact, reply, 退单, extension, 催办, 督办, close, 回访, reopen), the
 * overdue list, 三率, rankings, hotspots, 每月一题 and links to the plan's tasks.
 *
 * Roles: admin/supervisor are the 12345 centre; a reporter is a unit and sees and acts only on
 * the orders its units hold; a leader reads; the public may submit through the web form and
 * sees anonymised requests and their outcomes only.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { User } from '../../plan/types.js';
import {
  addCatalogueVersion,
  addScoringScheme,
  assertInJurisdiction,
  DEFAULT_MIN_VOLUME,
  deriveRankingRule,
  CHANGPING,
  deriveOverdue,
  detectHotspots,
  getCatalogueVersion,
  getScoringScheme,
  measureTopic,
  rankUnits,
  shiftMonth,
  suggestCategories,
  suggestDispatch,
  suggestTaskLinks,
  validateTopic,
} from '../../requests/index.js';
import type {
  CategoryModel,
  CountableOrder,
  OrderEventInput,
  RequestActor,
  WorkOrder,
} from '../../requests/index.js';
import { addExemption } from '../../store/requests-store.js';
import { findTaskPlanId } from '../../store/task-plan.js';
import { allow, requireUser, userOf } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import { checkUnitIds, getVisiblePlan } from '../context.js';
import {
  CATEGORY_MODEL,
  actOnOrder,
  deriveCentreDispatch,
  deriveScoresFromCounts,
  getRequestsSetup,
  holdsOrder,
  intakeOrder,
  presentOrderFor,
  presentPublicOrder,
  resetRequestsSetup,
  suggestFor,
  toRequestActor,
  trainStoredModel,
} from '../requests-service.js';
import type { RequestsSetup } from '../requests-service.js';
import {
  CatalogueVersionBody,
  DispatchBody,
  ExemptionBody,
  Id,
  LinkBody,
  Month,
  OrderEventBody,
  OrderIntakeBody,
  OrderQuery,
  SchemeBody,
  SuggestBody,
  ThemeBody,
  pageQueryShape,
} from '../../contract/index.js';
import { withIntakeMedia } from './requests-media.js';

const tags = ['requests'];
const IdParams = z.object({ id: Id });

/** The stored category model, read at most once a minute per store: suggest runs as one types. */
const MODEL_TTL_MS = 60_000;
const models = new WeakMap<object, { at: number; model: Promise<CategoryModel | undefined> }>();

function cachedModel(requests: RequestsSetup['requests'], now: number): Promise<CategoryModel | undefined> {
  const cached = models.get(requests);
  if (cached !== undefined && now - cached.at < MODEL_TTL_MS) return cached.model;
  const model = requests.findModel(CATEGORY_MODEL);
  models.set(requests, { at: now, model });
  model.catch(() => models.delete(requests));
  return model;
}

/** The unit the catalogue in force sends `category` in `area` to, or null when none covers it. */
function dispatchTo(setup: RequestsSetup, category: string, area: string, now: string) {
  try {
    const d = suggestDispatch({ category, area }, setup.catalogue, setup.units, now);
    const unitName = setup.units.find((u) => u.id === d.leadUnitId)?.name ?? null;
    return { leadUnitId: d.leadUnitId, unitName, designated: d.designated, reason: d.reason };
  } catch {
    // No unit covers it here: the dispatcher chooses by hand.
    return null;
  }
}

/** The signed-in centre user (admin or supervisor), or 401/403. */
function requireCentre(request: FastifyRequest): { user: User; actor: RequestActor } {
  const user = requireUser(request);
  const actor = toRequestActor(user);
  if (actor?.role !== 'center')
    throw new AppError('FORBIDDEN', `your role (${user.role}) is not the 12345 centre`);
  return { user, actor };
}

/** A signed-in user who may read all of requests (centre, leader), or a unit (own orders). */
function requireStaff(request: FastifyRequest): { user: User; actor: RequestActor | undefined } {
  const user = requireUser(request);
  return { user, actor: toRequestActor(user) };
}

/**
 * Guards that run before validation, so the public gets 401 and other roles 403 rather than
 * 400. The centre is the roles that assign plan items (admin, supervisor); every role may read.
 */
const centreOnly = allow('item:assign');
const signedIn = allow('plan:read-draft');

export function requestRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  const setup = () => getRequestsSetup(store);

  return async (app) => {
    app.post(
      '/requests',
      {
        schema: {
          tags,
          summary: 'Take a request in (hotline, web form, API, grid worker); ?dispatch=auto dispatches it',
          description:
            '`media`: at most 9 refs from POST /requests/media, each an unused upload of the same caller ' +
            '(400 otherwise); the stored type, size and file name go on the order. A place outside the jurisdiction ' +
            '(GET /requests/areas) answers 400 with the reason.',
          body: OrderIntakeBody,
          querystring: z.object({ dispatch: z.enum(['auto', 'queue']).default('queue') }),
        },
      },
      async (request, reply) => {
        const user = userOf(request);
        const body = request.body;
        let actor: RequestActor;
        if (user === undefined) {
          // The public web form: its source is always `web`.
          if (body.source !== 'web') {
            throw new AppError('FORBIDDEN', 'the public may submit through the web form only', [
              { path: 'body.source', message: 'must be web' },
            ]);
          }
          actor = { userId: null, role: 'system', unitIds: [] };
        } else {
          const mapped = toRequestActor(user);
          if (mapped === undefined)
            throw new AppError('FORBIDDEN', `your role (${user.role}) may not take requests in`);
          // A unit's user is a grid worker (热线+网格): its own finds only.
          if (mapped.role === 'unit' && body.source !== 'grid') {
            throw new AppError('FORBIDDEN', 'a unit reports its own finds with source grid', [
              { path: 'body.source', message: 'must be grid' },
            ]);
          }
          actor = mapped;
        }
        const s = await setup();
        // Media named in the intake must be the caller's own uploads (routes/requests-media.ts).
        const order = await withIntakeMedia(store, body.media, user?.id ?? null, (media) =>
          intakeOrder(s, media.length > 0 ? { ...body, media } : body, actor, nowIso(), {
            autoDispatch: request.query.dispatch === 'auto',
          }),
        );
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
        const { requests } = await setup();
        const { limit, offset, status, unitId, category, area } = request.query;
        const user = userOf(request);
        const actor = toRequestActor(user);
        if (user === undefined) {
          // The public: published outcomes only (closed), anonymised.
          const page = await requests.listOrders({ status: ['closed'], category, area, limit, offset });
          return { items: page.items.map(presentPublicOrder), total: page.total };
        }
        if (actor?.role === 'unit') {
          if (unitId !== undefined && !actor.unitIds.includes(unitId)) {
            throw new AppError('FORBIDDEN', `unit ${unitId} is not yours`);
          }
          const page = await requests.listOrders({
            status: status ? [status] : undefined,
            unitId: unitId ?? actor.unitIds[0] ?? -1,
            category,
            area,
            limit,
            offset,
          });
          return { items: page.items.map((o) => presentOrderFor(o, actor, user.role)), total: page.total };
        }
        const page = await requests.listOrders({
          status: status ? [status] : undefined,
          unitId,
          category,
          area,
          limit,
          offset,
        });
        return page;
      },
    );

    app.get(
      '/requests/catalogue',
      { schema: { tags, summary: 'The dispatch catalogue (派单目录), every version' } },
      async () => {
        const { catalogue } = await setup();
        return catalogue;
      },
    );

    app.get(
      '/requests/areas',
      {
        schema: {
          tags,
          summary: "The jurisdiction's streets and towns with their communities (intake accepts only these)",
        },
      },
      async () => ({ jurisdiction: CHANGPING.name, items: CHANGPING.areas, total: CHANGPING.areas.length }),
    );

    app.post(
      '/requests/suggest',
      {
        schema: {
          tags,
          summary: 'Categories a text suggests as it is typed, and the unit the catalogue would send each to',
          description:
            'Side-effect free. Categories better than chance (keyword hits and the trained model), best ' +
            'first, at most 5; with `area`, each with the unit the catalogue in force dispatches it to ' +
            '(null when none covers it). An area outside the jurisdiction answers 400.',
          body: SuggestBody,
        },
      },
      async (request) => {
        const s = await setup();
        const { text, area } = request.body;
        if (area !== undefined) assertInJurisdiction(CHANGPING, { address: '', area });
        const now = nowIso();
        const rows = getCatalogueVersion(s.catalogue, now).rows;
        if (text.trim() === '' || rows.length === 0) return { items: [], total: 0 };
        const model = await cachedModel(s.requests, ctx.now().getTime());
        // Better than chance: with no evidence every row scores 1/n and nothing is suggested.
        const chance = 1 / rows.length;
        const items = suggestCategories(text, rows, model)
          .filter((c) => c.score > chance + 1e-9)
          .slice(0, 5)
          .map((c) => ({ ...c, dispatch: area === undefined ? null : dispatchTo(s, c.category, area, now) }));
        return { items, total: items.length };
      },
    );

    app.post(
      '/requests/catalogue',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: 'Add a catalogue version (never retroactive: open orders keep theirs)',
          body: CatalogueVersionBody,
        },
      },
      async (request, reply) => {
        requireCentre(request);
        const s = await setup();
        const next = addCatalogueVersion(s.catalogue, request.body, s.units, nowIso());
        const added = next.versions.at(-1);
        if (added === undefined) throw new AppError('INTERNAL', 'no version added');
        await s.requests.addCatalogueVersion(added);
        resetRequestsSetup(store);
        return reply.code(201).send(added);
      },
    );

    app.get(
      '/requests/schemes',
      { onRequest: signedIn, schema: { tags, summary: 'The 三率 scoring schemes, every version' } },
      async (request) => {
        requireStaff(request);
        return (await setup()).schemes;
      },
    );

    app.post(
      '/requests/schemes',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: 'Add a scoring scheme from a coming month (past months keep theirs)',
          body: SchemeBody,
        },
      },
      async (request, reply) => {
        requireCentre(request);
        const s = await setup();
        const { minVolume, ...draft } = request.body;
        const next = addScoringScheme(
          s.schemes,
          { ...draft, minVolume: minVolume ?? s.schemes.schemes.at(-1)?.minVolume ?? DEFAULT_MIN_VOLUME },
          nowIso().slice(0, 7),
        );
        const added = next.schemes.at(-1);
        if (added === undefined) throw new AppError('INTERNAL', 'no scheme added');
        await s.requests.addScoringScheme(added);
        resetRequestsSetup(store);
        return reply.code(201).send(added);
      },
    );

    app.post(
      '/requests/model',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: 'Train the category model on past dispatched orders; answers its held-back accuracy',
          querystring: z.object({ limit: z.coerce.number().int().min(10).max(200_000).default(20_000) }),
        },
      },
      async (request, reply) => {
        const s = await setup();
        const trained = await trainStoredModel(s, nowIso(), request.query.limit);
        models.delete(s.requests);
        return reply.code(201).send(trained);
      },
    );

    app.get(
      '/requests/queue',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: "The dispatcher's queue: received orders with suggestions",
          querystring: z.object(pageQueryShape),
        },
      },
      async (request) => {
        requireCentre(request);
        const s = await setup();
        const { limit, offset } = request.query;
        const page = await s.requests.listOrders({ status: ['received'], limit, offset });
        const now = nowIso();
        const model = await s.requests.findModel(CATEGORY_MODEL);
        return {
          items: page.items.map((order) => ({ order, suggestions: suggestFor(s, order, now, model) })),
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
          querystring: z.object(pageQueryShape),
        },
      },
      async (request) => {
        const { user, actor } = requireStaff(request);
        if (actor?.role !== 'unit')
          throw new AppError('FORBIDDEN', `your role (${user.role}) holds no orders`);
        const { requests } = await setup();
        const now = nowIso();
        const items: unknown[] = [];
        let total = 0;
        for (const unitId of actor.unitIds) {
          const page = await requests.listOrders({
            status: ['dispatched', 'signed', 'objecting', 'replied'],
            unitId,
            limit: request.query.limit,
            offset: request.query.offset,
          });
          total += page.total;
          for (const order of page.items) {
            items.push({
              order: presentOrderFor(order, actor, user.role),
              overdue: deriveOverdue(order, now),
            });
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
          summary: 'Orders past a sign, contact or finish deadline now',
          querystring: z.object({ limit: pageQueryShape.limit }),
        },
      },
      async (request) => {
        const { user, actor } = requireStaff(request);
        const { requests } = await setup();
        const now = nowIso();
        let orders = await requests.listOverdueCandidates(now, request.query.limit);
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
        void user;
        return { items, total: items.length, asOf: now };
      },
    );

    app.get(
      '/requests/scores',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: '三率 of every unit for a month, with explanations',
          querystring: z.object({ month: Month }),
        },
      },
      async (request) => {
        requireStaff(request);
        const s = await setup();
        const month = request.query.month;
        const scheme = s.schemes.schemes.length ? s.schemes : undefined;
        if (!scheme) throw new AppError('NOT_FOUND', 'no scoring scheme');
        const { excludedSources } = getScoringScheme(s.schemes, month);
        const counts = await s.requests.countMonthlyFollowUps(month, excludedSources);
        const names = new Map(s.units.map((u) => [u.id, u.name]));
        const items = deriveScoresFromCounts(counts, month, s.schemes).map((score) => ({
          ...score,
          unitName: names.get(score.unitId) ?? null,
        }));
        return { items, total: items.length };
      },
    );

    app.get(
      '/requests/rankings',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary:
            'Rankings within classes (departments, streets, towns, enterprises) for a month, with the minimum volume of the scheme in force then (`minVolume` is a what-if)',
          querystring: z.object({
            month: Month,
            minVolume: z.coerce.number().int().min(0).max(10000).optional(),
          }),
        },
      },
      async (request) => {
        requireStaff(request);
        const s = await setup();
        const { month, minVolume } = request.query;
        const { excludedSources } = getScoringScheme(s.schemes, month);
        const counts = await s.requests.countMonthlyFollowUps(month, excludedSources);
        const scores = deriveScoresFromCounts(counts, month, s.schemes);
        const exemptions = (await s.requests.listExemptions(month)).map((e) => ({
          unitId: e.unitId,
          month: e.month,
          reason: e.reason,
          grantedBy: e.createdBy === null ? '12345中心' : `用户 ${e.createdBy}`,
        }));
        const rule = deriveRankingRule(s.schemes, month, minVolume);
        const rankings = rankUnits(scores, s.units, month, { history: s.schemes, minVolume, exemptions });
        return { month, rule, rankings };
      },
    );

    app.post(
      '/requests/exemptions',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: 'Exempt a unit from a month’s ranking, with the reason; the addition is audited',
          body: ExemptionBody,
        },
      },
      async (request, reply) => {
        const { user } = requireCentre(request);
        await checkUnitIds(store, { 'body.unitId': [request.body.unitId] });
        const exemption = await addExemption(store, request.body, {
          userId: user.id,
          role: user.role,
          at: nowIso(),
        });
        return reply.code(201).send(exemption);
      },
    );

    app.get(
      '/requests/hotspots',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'Categories and places whose volume rises, stays high or peaks every year',
          querystring: z.object({
            month: Month,
            dimension: z.enum(['category', 'area', 'category_area']).default('category'),
            minCount: z.coerce.number().int().min(1).max(100000).default(20),
          }),
        },
      },
      async (request) => {
        requireStaff(request);
        const { requests } = await setup();
        const { month, dimension, minCount } = request.query;
        const table = await volumeTable(requests, month, dimension);
        return { month, dimension, items: detectHotspots(table, dimension, month, { minCount }) };
      },
    );

    app.post(
      '/requests/themes',
      {
        onRequest: centreOnly,
        schema: { tags, summary: '每月一题: pick a monthly topic with its lead department', body: ThemeBody },
      },
      async (request, reply) => {
        const { user } = requireCentre(request);
        const s = await setup();
        await checkUnitIds(store, { 'body.leadUnitId': [request.body.leadUnitId] });
        const rows = getCatalogueVersion(s.catalogue, nowIso()).rows.map((r) => r.category);
        request.body.categories.forEach((category, i) => {
          if (!rows.includes(category)) {
            throw new AppError('BAD_INPUT', `unknown category 「${category}」`, [
              { path: `body.categories.${i}`, message: 'not in the dispatch catalogue' },
            ]);
          }
        });
        const draft = { ...request.body, id: 0, planTaskIds: [] };
        validateTopic(draft);
        const { id: _id, ...rest } = draft;
        void _id;
        const theme = await s.requests.createTheme(rest, user.id, nowIso());
        return reply.code(201).send(theme);
      },
    );

    app.get(
      '/requests/themes',
      { onRequest: signedIn, schema: { tags, summary: '每月一题, newest month first' } },
      async (request) => {
        requireStaff(request);
        const items = await (await setup()).requests.listThemes();
        return { items, total: items.length };
      },
    );

    app.get(
      '/requests/themes/:id',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'A theme with its measure: the fall in orders on its topic since it started',
          params: IdParams,
          querystring: z.object({ asOf: Month.optional() }),
        },
      },
      async (request) => {
        requireStaff(request);
        const { requests } = await setup();
        const theme = await requests.getTheme(request.params.id);
        const asOf = request.query.asOf ?? ctx.now().toISOString().slice(0, 7);
        const from = `${shiftMonth(theme.month, -15)}-01T00:00:00.000Z`;
        const to = `${shiftMonth(asOf, 1)}-01T00:00:00.000Z`;
        const rows = await requests.countOrdersByMonth(from, to);
        // measureTopic counts orders; the SQL rows are expanded to one countable per month row.
        const countables: CountableOrder[] = [];
        const onTopic = new Set(theme.categories);
        for (const row of rows) {
          // Only the topic's categories: the expansion stays as small as the topic's volume.
          if (!onTopic.has(row.category)) continue;
          const receivedAt = `${row.month}-15T00:00:00.000Z`;
          for (let i = 0; i < row.count; i++) {
            countables.push({
              id: 0,
              source: row.source as CountableOrder['source'],
              category: row.category,
              area: row.area,
              address: '',
              receivedAt,
            });
          }
        }
        const links = await requests.listTaskLinks({ sourceKey: `theme:${theme.id}` });
        return { theme, measure: measureTopic(theme, countables, asOf), links };
      },
    );

    app.get(
      '/requests/themes/:id/task-suggestions',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: "Plan tasks close to a theme's text (suggestions; a person confirms)",
          params: IdParams,
          querystring: z.object({ planId: Id }),
        },
      },
      async (request) => {
        requireCentre(request);
        const { requests } = await setup();
        const theme = await requests.getTheme(request.params.id);
        const tasks = await store.listTasks(request.query.planId, { limit: 10_000, offset: 0 });
        const text = [
          theme.title,
          ...theme.categories,
          ...theme.problems,
          ...theme.tasks.map((t) => t.text),
        ].join(' ');
        const items = suggestTaskLinks(
          [{ key: `theme:${theme.id}`, text }],
          tasks.items.map((t) => ({ id: t.id, text: t.text })),
          0.05,
          5,
        );
        return { items, total: items.length };
      },
    );

    app.post(
      '/requests/task-links',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: 'Confirm (or reject) a link between requests and a plan task',
          body: LinkBody,
        },
      },
      async (request, reply) => {
        const { user } = requireCentre(request);
        const { requests } = await setup();
        const { sourceKey, taskId, score, accept } = request.body;
        if (!accept) return reply.code(200).send({ sourceKey, taskId, status: 'rejected' });
        const link = { sourceKey, taskId, score, confirmedBy: user.id, confirmedAt: nowIso() };
        await requests.saveTaskLink(link);
        if (sourceKey.startsWith('theme:')) {
          const theme = await requests.getTheme(Number(sourceKey.slice(6)));
          if (!theme.planTaskIds.includes(taskId))
            await requests.updateTheme({ ...theme, planTaskIds: [...theme.planTaskIds, taskId] });
        }
        return reply.code(201).send({ ...link, status: 'confirmed' });
      },
    );

    /*
     * Public on purpose, no sign-in: a published plan's task page is public (routes/tasks.ts) and
     * this is its 群众诉求 panel. The caller must be able to see the task's plan (the public:
     * published plans only; otherwise 404, as for the task itself), and every caller gets the
     * orders as presentPublicOrder shows them: no contact, no address, no media, the text
     * redacted — whether or not the citizen asked to stay anonymous. requests.test.ts proves it.
     */
    app.get(
      '/requests/by-task/:id',
      {
        schema: {
          tags,
          summary: 'What people ask about a plan task: its confirmed links and their recent orders',
          description:
            'Public for tasks of published plans (drafts: signed-in staff only; else 404). Orders are ' +
            'anonymised for everyone: no contact, no address, no media, the text redacted.',
          params: IdParams,
        },
      },
      async (request) => {
        const planId = await findTaskPlanId(store, request.params.id);
        if (planId === undefined) throw new AppError('NOT_FOUND', `task ${request.params.id} not found`);
        await getVisiblePlan(store, userOf(request), planId);
        const { requests } = await setup();
        const links = await requests.listTaskLinks({ taskId: request.params.id });
        const themes = await Promise.all(
          links
            .filter((l) => l.sourceKey.startsWith('theme:'))
            .map((l) => requests.getTheme(Number(l.sourceKey.slice(6)))),
        );
        const categories = new Set([
          ...links.filter((l) => l.sourceKey.startsWith('category:')).map((l) => l.sourceKey.slice(9)),
          ...themes.flatMap((t) => t.categories),
        ]);
        const recent: ReturnType<typeof presentPublicOrder>[] = [];
        let total = 0;
        for (const category of categories) {
          const page = await requests.listOrders({ category, limit: 5, offset: 0 });
          total += page.total;
          recent.push(...page.items.map(presentPublicOrder));
        }
        return {
          taskId: request.params.id,
          links,
          themes,
          categories: [...categories],
          orders: { total, recent },
        };
      },
    );

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
        const { requests } = await setup();
        const order = await requests.getOrder(request.params.id);
        const user = userOf(request);
        const actor = toRequestActor(user);
        if (user === undefined) {
          if (order.status !== 'closed') throw new AppError('NOT_FOUND', `order ${order.id} not found`);
          return presentPublicOrder(order);
        }
        checkCanRead(order, actor);
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
        const { user, actor } = requireStaff(request);
        const { requests } = await setup();
        const order = await requests.getOrder(request.params.id);
        checkCanRead(order, actor);
        const events = await requests.listEvents(order.id);
        const hideContact = actor?.role === 'unit' && order.privacy.anonymousToUnit;
        void user;
        return {
          items: events.map((e) => (hideContact && e.type === 'received' ? { ...e, contact: null } : e)),
          total: events.length,
        };
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
        if (input.type === 'dispatched' || input.type === 'redispatched') {
          await checkUnitIds(store, {
            'body.leadUnitId': [input.leadUnitId],
            'body.coUnits': input.coUnits.map((c) => c.unitId),
          });
        }
        const order = await actOnOrder(await setup(), request.params.id, input, actor, nowIso());
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
        const s = await setup();
        const body = request.body;
        await checkUnitIds(store, {
          'body.leadUnitId': [body.leadUnitId],
          'body.coUnitIds': body.coUnitIds ?? [],
        });
        const order = await s.requests.getOrder(request.params.id);
        const now = nowIso();
        const overriding = Object.keys(body).length > 0;
        const input = deriveCentreDispatch(
          s,
          order,
          overriding ? { ...body, reason: body.reason ?? '' } : undefined,
          now,
        );
        return actOnOrder(s, order.id, input, actor, now);
      },
    );
  };
}

function checkCanRead(order: WorkOrder, actor: RequestActor | undefined): void {
  if (actor?.role === 'unit' && !holdsOrder(order, actor.unitIds)) {
    throw new AppError('FORBIDDEN', `工单 ${order.id} 不在本单位办理`);
  }
}

async function volumeTable(
  requests: Awaited<ReturnType<typeof getRequestsSetup>>['requests'],
  month: string,
  dimension: 'category' | 'area' | 'category_area',
) {
  const from = `${shiftMonth(month, -13)}-01T00:00:00.000Z`;
  const to = `${shiftMonth(month, 1)}-01T00:00:00.000Z`;
  const rows = await requests.countOrdersByMonth(from, to);
  // The same table countVolumes builds from orders, built from SQL counts.
  const table = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.source === 'grid') continue;
    const key =
      dimension === 'category'
        ? row.category
        : dimension === 'area'
          ? row.area
          : `${row.category}@${row.area}`;
    let byMonth = table.get(key);
    if (!byMonth) table.set(key, (byMonth = new Map()));
    byMonth.set(row.month, (byMonth.get(row.month) ?? 0) + row.count);
  }
  return table;
}
