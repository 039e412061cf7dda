/**
 * The Open311 GeoReport v2 façade under /open311/v2/ (issue 7, 12.6, 12.10): the discovery
 * document, services, service definitions, requests (GET with the spec's filters and paging;
 * POST with an api_key, form-encoded or multipart with a `media` file), one request, in JSON or
 * XML by the path's extension. An api_key is one of Luoshi's API tokens: the POST acts as the
 * token's user under the same rules as the API (auth/actor.ts, deriveIntakeActor). Errors —
 * an unknown path included — answer the spec's format, a list of `{ code, description }`, with
 * the first code as the HTTP status. Requests are shown as the one public rule shows them
 * (src/requests/privacy.ts).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import {
  MAX_MEDIA_BYTES,
  MAX_TEXT_LENGTH,
  OPEN311_CLOSED_STATUSES,
  deriveDiscovery,
  deriveIntakeActor,
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
} from '../requests/index.js';
import type { MediaRef, Open311Params, Open311Root } from '../requests/index.js';
import type { UploadedFile } from './context.js';
import { listVisibleJurisdictions } from '../jurisdictions/tree.js';
import type { ServerContext } from './context.js';
import { intakeOrderWithMedia, uploadMedia } from '../commands/requests.js';
import { assertScope, resolveApiToken } from './auth/actor.js';
import { openMediaUrl } from './routes/requests-media.js';

export const OPEN311_PREFIX = '/open311/v2';

type Format = 'json' | 'xml';

/** "waterlogging.json" → ['waterlogging', 'json']; NOT_FOUND without a known extension. */
function splitFormat(file: string): [string, Format] {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  if (!match?.[1] || !match[2]) throw new AppError('NOT_FOUND', `no format in ${file}: use .json or .xml`);
  return [decodeURIComponent(match[1]), match[2] as Format];
}

/** The format a request asked for by its path: XML for `.xml`, else JSON. */
const formatOf = (request: FastifyRequest): Format => (/\.xml(\?|$)/.test(request.url) ? 'xml' : 'json');

function send(reply: FastifyReply, format: Format, root: Open311Root, body: unknown, status = 200) {
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

/** Fields of a multipart POST: the spec's parameters, a description of up to 4,000 characters. */
const MULTIPART_LIMITS = { fields: 40, fieldSize: MAX_TEXT_LENGTH * 4, files: 1, fileSize: MAX_MEDIA_BYTES };

/**
 * The parameters of a POST, form-encoded or multipart/form-data (clients that send a picture
 * put it in a `media` part, beside the same fields). Other file parts are refused by name.
 */
async function readPost(request: FastifyRequest): Promise<{ fields: Open311Params; media?: UploadedFile }> {
  if (!request.isMultipart()) return { fields: params(request.body) };
  const fields: Open311Params = {};
  let media: UploadedFile | undefined;
  try {
    for await (const part of request.parts({ limits: MULTIPART_LIMITS })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      } else if (part.fieldname === 'media' && media === undefined) {
        media = { bytes: await part.toBuffer(), fileName: part.filename, mimeType: part.mimetype };
      } else {
        await part.toBuffer();
        throw new AppError(
          'BAD_INPUT',
          `unexpected file part "${part.fieldname}": send the picture as "media"`,
          [{ path: part.fieldname, message: 'unexpected file' }],
        );
      }
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('TOO_LARGE', `media is larger than ${MAX_MEDIA_BYTES} bytes`, [
        { path: 'media', message: 'too large' },
      ]);
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT')
      throw new AppError('BAD_INPUT', 'too many parts in the request', [
        { path: 'body', message: String(code) },
      ]);
    throw error;
  }
  return { fields, ...(media && media.bytes.length > 0 ? { media } : {}) };
}

/** The Open311 plugin; register with `{ prefix: OPEN311_PREFIX }`. */
export function open311Routes(ctx: ServerContext): FastifyPluginAsync {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  /** media_url at the configured public URL: never made from a request's Host header. */
  const mediaUrlOf = (orderId: number) => (ref: string) => openMediaUrl(ctx.publicUrl, orderId, ref);
  /** Where an order was handed down to (市级派单), by name and Open311 id, for its status notes. */
  const transferTargets = async () => {
    const all = await ctx.jurisdictions.list();
    return (id: number) => all.find((j) => j.id === id);
  };
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
      const appError =
        error instanceof AppError
          ? error
          : (error as { statusCode?: number }).statusCode === 400
            ? new AppError('BAD_INPUT', (error as Error).message)
            : error;
      const errors = toOpen311Errors(appError);
      if (errors[0]?.code === 500) request.log.error(error);
      return send(reply, formatOf(request), 'errors', errors, errors[0]?.code ?? 500);
    });
    const notFound = (request: FastifyRequest, reply: FastifyReply) =>
      send(
        reply,
        formatOf(request),
        'errors',
        [
          {
            code: 404,
            description: `no resource ${request.method} ${request.url.split('?')[0]}: see ${OPEN311_PREFIX}/discovery.json`,
          },
        ],
        404,
      );
    app.setNotFoundHandler(notFound);
    // Every other path under the prefix is Open311's, whatever else the server serves at /* (the
    // web app would answer its HTML): the spec's 404, in the format the path asks for.
    app.all('/*', notFound);
    app.all('/', notFound);

    /**
     * The jurisdiction a call names by `jurisdiction_id` (GeoReport v2: "only required if the
     * endpoint serves multiple jurisdictions"), by its Open311 id or its 行政区划代码; without
     * it, the deployment's first. NOT_FOUND (the spec's 404) for one not served here.
     */
    const jurisdictionOf = async (request: FastifyRequest, fields?: Open311Params) => {
      const given = (fields ?? params(request.body)).jurisdiction_id ?? params(request.query).jurisdiction_id;
      const all = await ctx.jurisdictions.list();
      const found =
        given === undefined || given.trim() === ''
          ? all[0]
          : all.find((j) => j.open311Id === given.trim() || j.code === given.trim());
      if (!found) throw new AppError('NOT_FOUND', `jurisdiction_id ${given ?? ''} is not served here`);
      return found;
    };
    /** The setup and the catalogue version in force, with the rows its Open311 settings offer. */
    const serviceVersion = async (request: FastifyRequest, fields?: Open311Params) => {
      const jurisdiction = await jurisdictionOf(request, fields);
      const setup = await ctx.requests.setup(jurisdiction.id);
      const inForce = getCatalogueVersion(setup.catalogue, nowIso());
      const offered = jurisdiction.settings.open311Services;
      const v = offered
        ? { ...inForce, rows: inForce.rows.filter((r) => offered.includes(r.code ?? r.category)) }
        : inForce;
      return { jurisdiction, setup, v };
    };

    for (const format of ['json', 'xml'] as const) {
      app.get(`/discovery.${format}`, async (request, reply) => {
        const { jurisdiction, v } = await serviceVersion(request);
        const discovery = deriveDiscovery({
          url: `${ctx.publicUrl}${OPEN311_PREFIX}`,
          changeset: v.effectiveFrom,
          contact: `${jurisdiction.name} 12345 接诉即办中心：${ctx.publicUrl}`,
          keyService:
            'api_key 是 Luoshi 的 API 令牌：由 12345 中心的账号登录后在“令牌”页面创建（POST /api/v1/tokens）。' +
            'An api_key is a Luoshi API token, created by a 12345 centre account (POST /api/v1/tokens).',
        });
        return send(reply, format, 'discovery', discovery);
      });

      app.get(`/services.${format}`, async (request, reply) =>
        send(reply, format, 'services', listServices((await serviceVersion(request)).v)),
      );

      app.get(`/requests.${format}`, async (request, reply) => {
        const { jurisdiction, setup, v } = await serviceVersion(request);
        const query = parseRequestsQuery(params(request.query), nowIso());
        const categories = query.serviceCodes
          ? v.rows
              .filter((row) => query.serviceCodes?.includes(row.code ?? row.category))
              .map((row) => row.category)
          : undefined;
        const only = query.statuses && query.statuses.length === 1 ? query.statuses[0] : undefined;
        const page = await store.requests.listOrders(
          query.ids
            ? {
                jurisdictionIds: [jurisdiction.id],
                ids: query.ids,
                limit: query.pageSize,
                offset: (query.page - 1) * query.pageSize,
              }
            : {
                jurisdictionIds: [jurisdiction.id],
                categories,
                from: query.start,
                // end_date is inclusive in the spec; the store's `to` is exclusive.
                to: new Date(Date.parse(query.end) + 1).toISOString(),
                ...(only === 'closed' ? { status: [...OPEN311_CLOSED_STATUSES] } : {}),
                ...(only === 'open' ? { notStatus: [...OPEN311_CLOSED_STATUSES] } : {}),
                limit: query.pageSize,
                offset: (query.page - 1) * query.pageSize,
              },
        );
        const jurisdictionOf = await transferTargets();
        const body = page.items.map((order) =>
          toOpen311Request(order, {
            version: v,
            units: setup.units,
            mediaUrl: mediaUrlOf(order.id),
            jurisdictionOf,
          }),
        );
        return send(reply, format, 'service_requests', body);
      });

      app.post(`/requests.${format}`, async (request, reply) => {
        const { fields, media } = await readPost(request);
        const key = fields.api_key ?? params(request.query).api_key;
        if (!key) throw new AppError('FORBIDDEN', 'api_key is required to submit a request');
        // The caller acts as itself: a leader may not take requests in, a unit only its grid finds.
        const { user, scopes } = await resolveApiToken(store, key, 'api_key', ctx.now());
        assertScope(scopes, 'requests', 'api_key');
        const actor = deriveIntakeActor(user, 'api');
        const { jurisdiction, setup, v } = await serviceVersion(request, fields);
        // A key posts to its user's jurisdiction, and to those below it when the user sees them.
        const visible = listVisibleJurisdictions(await ctx.jurisdictions.list(), {
          jurisdictionId: user.jurisdictionId,
          descendants: user.seesDescendants,
        });
        if (!visible.includes(jurisdiction.id))
          throw new AppError('FORBIDDEN', 'this api_key may not submit to that jurisdiction_id');
        const intake = parseOpen311Post(fields, v, setup.jurisdiction);
        const uploaded: MediaRef[] = [];
        if (media !== undefined) {
          const saved = await uploadMedia(store, jurisdiction.id, media, user.id, ctx.now());
          uploaded.push({ ref: saved.ref, contentType: saved.contentType, bytes: saved.bytes });
        }
        const order = await intakeOrderWithMedia(
          store,
          setup,
          { ...intake, media: [...uploaded, ...(intake.media ?? [])] },
          user.id,
          actor,
          nowIso(),
          { autoDispatch: true, externalUrls: true, notify: ctx.notify },
        );
        return send(reply, format, 'service_requests', toOpen311PostResponse(order, v), 201);
      });
    }

    app.get('/services/:file', async (request, reply) => {
      const [code, format] = splitFormat((request.params as { file: string }).file);
      const { setup, v } = await serviceVersion(request);
      return send(reply, format, 'service_definition', getServiceDefinition(v, code, setup.jurisdiction));
    });

    app.get('/requests/:file', async (request, reply) => {
      const [idText, format] = splitFormat((request.params as { file: string }).file);
      const id = Number(idText);
      const { jurisdiction, setup, v } = await serviceVersion(request);
      const order = Number.isSafeInteger(id) && id > 0 ? await store.requests.findOrder(id) : undefined;
      if (order === undefined || order.jurisdictionId !== jurisdiction.id) {
        throw new AppError('NOT_FOUND', `service_request_id ${idText} not found`);
      }
      return send(reply, format, 'service_requests', [
        toOpen311Request(order, {
          version: v,
          units: setup.units,
          mediaUrl: mediaUrlOf(order.id),
          jurisdictionOf: await transferTargets(),
        }),
      ]);
    });
  };
}
