/**
 * The Open311 GeoReport v2 façade under /open311/v2/ (issue 7): services, service definitions,
 * requests (GET with the spec's filters and paging; POST with an api_key), one request, in JSON
 * or XML by the path's extension. An api_key is one of Luoshi's API tokens (store api_tokens).
 * Errors answer the spec's format — a list of `{ code, description }` — with the first code as
 * the HTTP status. No personal data leaves: src/requests/open311.ts maps orders to public requests.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import {
  CHANGPING,
  getCatalogueVersion,
  getServiceDefinition,
  listServices,
  parseOpen311Post,
  parseRequestsQuery,
  toOpen311Errors,
  toOpen311Json,
  toOpen311PostResponse,
  toOpen311Request,
  toOpen311Xml,
  toRequestActor,
} from '../requests/index.js';
import type { Open311Params } from '../requests/index.js';
import { hashSecret } from '../commands/secrets.js';
import type { ServerContext } from './context.js';
import { intakeOrder } from '../commands/requests.js';
import { openMediaUrl } from './routes/requests-media.js';

export const OPEN311_PREFIX = '/open311/v2';

type Format = 'json' | 'xml';
type Root = 'services' | 'service_requests' | 'errors' | 'service_definition';

/** "waterlogging.json" → ['waterlogging', 'json']; NOT_FOUND without a known extension. */
function splitFormat(file: string): [string, Format] {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  if (!match?.[1] || !match[2]) throw new AppError('NOT_FOUND', `no format in ${file}: use .json or .xml`);
  return [decodeURIComponent(match[1]), match[2] as Format];
}

function send(reply: FastifyReply, format: Format, root: Root, body: unknown, status = 200) {
  return reply
    .code(status)
    .header('content-type', format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8')
    .send(format === 'xml' ? toOpen311Xml(root, body) : toOpen311Json(body));
}

function params(value: unknown): Open311Params {
  const out: Open311Params = {};
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string') out[key] = v;
      else if (Array.isArray(v) && typeof v[0] === 'string') out[key] = v[0];
      else if (typeof v === 'number') out[key] = String(v);
    }
  }
  return out;
}

/** media_url of an order's files as this request's client reaches them (toOpen311Request hides them when anonymous). */
function mediaUrlOf(request: FastifyRequest, orderId: number) {
  const origin = `${request.protocol}://${request.host}`;
  return (ref: string) => openMediaUrl(origin, orderId, ref);
}

/** The Open311 plugin; register with `{ prefix: OPEN311_PREFIX }`. */
export function open311Routes(ctx: ServerContext): FastifyPluginAsync {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  return async (app) => {
    // GeoReport v2 clients POST application/x-www-form-urlencoded (scoped to this plugin).
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    app.setErrorHandler((error, request, reply) => {
      const format: Format = /\.xml(\?|$)/.test(request.url) ? 'xml' : 'json';
      const appError =
        error instanceof AppError
          ? error
          : (error as { statusCode?: number }).statusCode === 400
            ? new AppError('BAD_INPUT', (error as Error).message)
            : error;
      const errors = toOpen311Errors(appError);
      if (errors[0]?.code === 500) request.log.error(error);
      return send(reply, format, 'errors', errors, errors[0]?.code ?? 500);
    });
    app.setNotFoundHandler((request, reply) => {
      const format: Format = /\.xml(\?|$)/.test(request.url) ? 'xml' : 'json';
      return send(
        reply,
        format,
        'errors',
        [{ code: 404, description: `no resource ${request.url.split('?')[0]}` }],
        404,
      );
    });

    const version = async () => getCatalogueVersion((await ctx.requests.setup()).catalogue, nowIso());

    for (const format of ['json', 'xml'] as const) {
      app.get(`/services.${format}`, async (_request, reply) =>
        send(reply, format, 'services', listServices(await version())),
      );

      app.get(`/requests.${format}`, async (request, reply) => {
        const setup = await ctx.requests.setup();
        const v = getCatalogueVersion(setup.catalogue, nowIso());
        const query = parseRequestsQuery(params(request.query), nowIso());
        const categories = query.serviceCodes
          ? v.rows
              .filter((row) => query.serviceCodes?.includes(row.code ?? row.category))
              .map((row) => row.category)
          : undefined;
        const only = query.statuses && query.statuses.length === 1 ? query.statuses[0] : undefined;
        const page = await store.requests.listOrders(
          query.ids
            ? { ids: query.ids, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }
            : {
                categories,
                from: query.start,
                // end_date is inclusive in the spec; the store's `to` is exclusive.
                to: new Date(Date.parse(query.end) + 1).toISOString(),
                ...(only === 'closed' ? { status: ['closed' as const] } : {}),
                ...(only === 'open' ? { notStatus: ['closed' as const] } : {}),
                limit: query.pageSize,
                offset: (query.page - 1) * query.pageSize,
              },
        );
        const body = page.items.map((order) =>
          toOpen311Request(order, {
            version: v,
            units: setup.units,
            mediaUrl: mediaUrlOf(request, order.id),
          }),
        );
        return send(reply, format, 'service_requests', body);
      });

      app.post(`/requests.${format}`, async (request, reply) => {
        const body = params(request.body);
        const key = body.api_key ?? params(request.query).api_key;
        if (!key) throw new AppError('FORBIDDEN', 'api_key is required to submit a request');
        const token = await store.sessions.findToken(hashSecret(key));
        const user =
          token === undefined ? undefined : await store.users.get(token.userId).catch(() => undefined);
        if (user === undefined || user.disabled) throw new AppError('FORBIDDEN', 'invalid api_key');
        const setup = await ctx.requests.setup();
        const v = getCatalogueVersion(setup.catalogue, nowIso());
        const intake = parseOpen311Post(body, v, CHANGPING);
        const actor = toRequestActor(user) ?? { userId: user.id, role: 'system' as const, unitIds: [] };
        const order = await intakeOrder(
          store,
          setup,
          intake,
          { ...actor, role: actor.role === 'unit' ? 'system' : actor.role },
          nowIso(),
          {
            autoDispatch: true,
          },
        );
        return send(reply, format, 'service_requests', toOpen311PostResponse(order, v), 201);
      });
    }

    app.get('/services/:file', async (request, reply) => {
      const [code, format] = splitFormat((request.params as { file: string }).file);
      return send(
        reply,
        format,
        'service_definition',
        getServiceDefinition(await version(), code, CHANGPING),
      );
    });

    app.get('/requests/:file', async (request, reply) => {
      const [idText, format] = splitFormat((request.params as { file: string }).file);
      const id = Number(idText);
      const setup = await ctx.requests.setup();
      const order = Number.isSafeInteger(id) && id > 0 ? await store.requests.findOrder(id) : undefined;
      if (order === undefined) throw new AppError('NOT_FOUND', `service_request_id ${idText} not found`);
      const v = getCatalogueVersion(setup.catalogue, nowIso());
      return send(reply, format, 'service_requests', [
        toOpen311Request(order, { version: v, units: setup.units, mediaUrl: mediaUrlOf(request, order.id) }),
      ]);
    });
  };
}
