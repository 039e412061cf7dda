/**
 * The Fastify app: REST JSON under /api/v1, OpenAPI at /api/docs, the web app at /.
 * `createApp` wires everything and never listens: tests call `app.inject`, `luoshi serve`
 * calls `listen`.
 */
import { createAnonymousGuard } from './anonymous-limits.js';
import { createRouteLimits } from './route-limits.js';
import { SIGN_IN_BUCKETS, SIGN_IN_LIMITS } from '../commands/sign-in-limits.js';
import type { SignInLimits } from '../commands/sign-in-limits.js';
import { purgeUnclaimedMedia } from '../commands/requests.js';
import { ANONYMOUS_LIMITS } from '../requests/index.js';
import { withRedactedRequests } from './log.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createHealthViews, precomputePlanHealth } from '../commands/health.js';
import { createKnowledgeCache } from '../commands/knowledge.js';
import { createRequestsCache } from '../commands/requests-setup.js';
import { sharedParsePool } from '../documents/parse-pool.js';
import type { Parser } from '../documents/parse-pool.js';
import type { TrustProxy } from '../config.js';
import type { ChannelKind } from '../notify/types.js';
import { AppError } from '../errors.js';
import { MAX_REPORT_BYTES } from '../ingest/index.js';
import type { Store } from '../store/types.js';
import { CSRF_HEADER, PUBLIC, SESSION_COOKIE, authenticate } from './auth/actor.js';
import { routeReads } from './read-routing.js';
import { COMMENTER_COOKIE } from './routes/comments.js';
import type { ReportReader, ServerContext } from './context.js';
import { registerErrorHandler, sendError } from './errors.js';
import { readUploadedReport } from './report-upload.js';
import { createJurisdictionDirectory, guardPathObjects, resolveScope } from './scope.js';
import { firstPublicPlanOf, loadWebPages } from './web-pages.js';
import { serializeResponse } from './serializer.js';
import { answerPublicReadsEarly, createPlanReads, registerPlanReads } from './plan-reads.js';
import { createLibreOfficeConverter } from '../documents/pdf.js';
import { cachePdfs, DEFAULT_PDF_CACHE_BYTES } from '../documents/pdf-cache.js';
import type { PdfConverter } from '../documents/pdf.js';
import { dateOf } from '../plan/dates.js';
import { healthRoutes } from './routes/health.js';
import { outlineRoutes } from './routes/outline.js';
import { planRoutes } from './routes/plans.js';
import { contradictionRoutes } from './routes/contradictions.js';
import { projectRoutes } from './routes/projects.js';
import { sessionRoutes } from './routes/session.js';
import { targetRoutes } from './routes/targets.js';
import { taskRoutes } from './routes/tasks.js';
import { unitRoutes } from './routes/units.js';
import { userRoutes } from './routes/users.js';
import { trackingRoutes } from './routes/tracking.js';
import { reportDraftRoutes } from './routes/report-drafts.js';
import { noticePrintRoutes } from './routes/notice-print.js';
import { planHealthRoutes } from './routes/plan-health.js';
import { supervisionRoutes } from './routes/supervision.js';
import { documentRoutes } from './routes/documents.js';
import { interopRoutes } from './routes/interop.js';
import { requestRoutes } from './routes/requests.js';
import { requestMediaRoutes } from './routes/requests-media.js';
import { requestCatalogueRoutes } from './routes/requests-catalogue.js';
import { requestScoreRoutes } from './routes/requests-scores.js';
import { requestThemeRoutes } from './routes/requests-themes.js';
import { requestAdminRoutes } from './routes/requests-admin.js';
import { workRoutes } from './routes/work.js';
import { notifyRoutes } from './routes/notify.js';
import { reviewRoutes } from './routes/review.js';
import { cockpitRoutes } from './routes/cockpit.js';
import { commentRoutes } from './routes/comments.js';
import { staffFollowRoutes } from './routes/follows.js';
import { publicPromiseRoutes } from './routes/public-promises.js';
import { publicPageRoutes } from './routes/public-page.js';
import { kioskRoutes } from './routes/kiosk.js';
import { knowledgeRoutes } from './routes/knowledge.js';
import { deskRoutes } from './routes/desk.js';
import { handlerRoutes } from './routes/handlers.js';
import { cascadeRoutes } from './routes/cascade.js';
import { jurisdictionRoutes } from './routes/jurisdictions.js';
import { libraryRoutes } from './routes/library.js';
import { serviceRoutes } from './routes/services.js';
import { OPEN311_PREFIX, open311Routes } from './open311.js';

export const API_PREFIX = '/api/v1';
/** Plan answers held in memory by default (createApp `readCacheBytes`). */
export const DEFAULT_READ_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * How long a browser keeps a built file: a name with its content's hash (under assets/) for a
 * year, unchanged by definition (its .br/.gz twin too); index.html and anything else is asked
 * again each time.
 */
export function staticCacheControl(path: string): string {
  return /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/i.test(path)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}
export const DOCS_PREFIX = '/api/docs';

/** The built web app, when `npm run build` has made it (web/dist beside src/). */
export const DEFAULT_WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface AppDeps {
  store: Store;
  /**
   * A streaming replica of `store`'s PostgreSQL server (DATABASE_READ_URL): the public's reads
   * are answered from it (read-routing.ts). The caller opens and closes it.
   */
  replica?: Store;
  /** A pino logger; none (silent) by default. */
  logger?: FastifyBaseLogger;
  /** The clock (sessions expire by it); tests pass a fixed one. */
  now?: () => Date;
  /** Folder of the built web app; false serves none. Default web/dist, when it exists. */
  webRoot?: string | false;
  /** Bytes of an uploaded file → report text. Default: src/ingest's readReport, in `parser`. */
  readReport?: ReportReader;
  /** Runs the parse jobs of uploads (reports, workbooks, CSV). Default: the process's worker pool. */
  parser?: Parser;
  /** Largest upload in bytes (413 above it). Default MAX_REPORT_BYTES (20 MiB). */
  uploadLimitBytes?: number;
  /** Failed sign-ins per client address (across accounts) and window. Default 10 per minute. */
  signInLimit?: { max: number; timeWindowMs: number };
  /** The account locks of failed sign-ins. Default SIGN_IN_LIMITS (commands/sign-in-limits.ts). */
  signInLimits?: Partial<SignInLimits>;
  /** Session lifetime. Default 7 days. */
  sessionTtlMs?: number;
  /** Bytes of answers held by plan read version (plan-reads.ts). Default 64 MiB. */
  readCacheBytes?: number;
  /** Makes the PDF of an office document. Default: LibreOffice headless found on PATH. */
  pdf?: PdfConverter;
  /** Bytes of converted PDFs held, one per distinct document (documents/pdf-cache.ts). Default 64 MiB. */
  pdfCacheBytes?: number;
  /**
   * Behind a reverse proxy (config TRUST_PROXY): true, a number of hops, or the proxy's
   * addresses ("127.0.0.1,10.0.0.0/8"), so that the client address (rate limits) and protocol
   * come from X-Forwarded-*. Default false.
   */
  trustProxy?: TrustProxy;
  /**
   * Where the public reaches Luoshi (LUOSHI_PUBLIC_URL): links given out (Open311 media_url,
   * discovery) are made from it, never from a request's Host header. Default http://localhost:3000.
   */
  publicUrl?: string;
  /**
   * Messaging (issue 18): the channels this deployment has configured (links in messages are
   * made from `publicUrl`; `notify.publicUrl` is taken when `publicUrl` is not given).
   */
  notify?: { publicUrl?: string; channels: ChannelKind[] };
}

/**
 * The content security policy of every answer: scripts and everything else from this origin
 * only (the web app and the docs have no inline script; antd and the docs set inline styles,
 * ECharts draws to data:/blob: images), never inside a frame.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Builds the app, ready to `inject` or `listen`. Never listens itself.
 * @example
 * const app = await createApp({ store: await openStore('data/luoshi.sqlite') });
 * await app.listen({ port: 3000 });
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const parser = deps.parser ?? sharedParsePool();
  const publicUrl = (deps.publicUrl ?? deps.notify?.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  // With a replica, one Store that reads from it for the public and from the primary otherwise.
  const routing = deps.replica
    ? routeReads(deps.store, deps.replica, [SESSION_COOKIE, COMMENTER_COOKIE])
    : undefined;
  const store = routing?.store ?? deps.store;
  const ctx: ServerContext = {
    store,
    now: deps.now ?? (() => new Date()),
    readReport: deps.readReport ?? ((file) => readUploadedReport(file, parser)),
    parser,
    uploadLimitBytes: deps.uploadLimitBytes ?? MAX_REPORT_BYTES,
    signInLimits: {
      ...SIGN_IN_LIMITS,
      ...deps.signInLimits,
      ...(deps.signInLimit && {
        perAddress: { max: deps.signInLimit.max, windowMs: deps.signInLimit.timeWindowMs },
      }),
    },
    sessionTtlMs: deps.sessionTtlMs ?? 7 * 24 * 3600 * 1000,
    publicUrl,
    health: createHealthViews(),
    requests: createRequestsCache(store),
    jurisdictions: createJurisdictionDirectory(store),
    // The public's limits count on the primary: they are written on every counted request.
    anonymous: createAnonymousGuard(deps.store, deps.now ?? (() => new Date())),
    routeLimits: createRouteLimits(deps.store, deps.now ?? (() => new Date())),
    notify: { publicUrl, channels: deps.notify?.channels ?? ['dingtalk', 'wecom', 'webhook'] },
    knowledge: createKnowledgeCache(store),
    reads: createPlanReads(
      store,
      deps.readCacheBytes ?? DEFAULT_READ_CACHE_BYTES,
      [SESSION_COOKIE, COMMENTER_COOKIE],
      routing?.current,
    ),
    // Each distinct document is converted once (documents/pdf-cache.ts).
    pdf: cachePdfs(deps.pdf ?? createLibreOfficeConverter(), deps.pdfCacheBytes ?? DEFAULT_PDF_CACHE_BYTES),
  };
  const app = Fastify({
    ...(deps.logger === undefined
      ? { logger: false }
      : { loggerInstance: withRedactedRequests(deps.logger) }),
    // Reports and their plans are Chinese text: JSON bodies stay small, uploads go multipart.
    bodyLimit: 1024 * 1024,
    trustProxy: deps.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializeResponse);
  registerErrorHandler(app);
  // First of all: which server this request reads from, for its whole async chain.
  if (routing) app.addHook('onRequest', routing.hook);
  app.addHook('onRequest', async (request) => {
    // The public until the API's own hook (authenticate) says otherwise.
    request.actor = PUBLIC;
  });
  // The public's held plan reads, before cookies, authentication and validation (plan-reads.ts).
  app.addHook('onRequest', answerPublicReadsEarly(ctx.reads, ctx.now));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    // The app, the API and the docs (issue 12.9): nothing loads from elsewhere, no page frames
    // them, no link tells another site which order or plan was open. A route that sets its own
    // policy (a citizen's file: requests-media.ts) keeps it.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP);
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    // Answers for a signed-in user may hold what the public must not see: no shared caches
    // (plan reads say `private, no-cache` themselves, with their ETag).
    if (request.actor.kind === 'user' && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
  // Every committed write: the plans it moved drop their held answers, and their health is
  // computed again now for today, so the next read finds it (it never trusts this alone).
  // PostgreSQL: plans' stamps from the server's notices, not a round trip per read (decision 64).
  deps.store.watchRevisions();
  const stopListening = deps.store.onPlanChange((change) => {
    if (change.all) ctx.reads.cache.clear();
    else for (const planId of change.planIds) ctx.reads.cache.forgetPlan(planId);
    precomputePlanHealth(ctx.store, ctx.health, change, dateOf(ctx.now().toISOString()));
  });
  app.addHook('onClose', async () => stopListening());
  app.decorate('readCache', ctx.reads.cache);

  schedulePurge(app, ctx);

  // JSON, CSV and other text by Accept-Encoding; held plan reads and built assets come
  // compressed already (plan-reads.ts, the .br/.gz files of the web build).
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: ctx.uploadLimitBytes, files: 1, fields: 10, fieldSize: 1024 },
    throwFileSizeLimit: true,
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Luoshi (落实) API',
        description:
          'A government work report as a living delivery plan. Lists answer `{ items, total }`; ' +
          'errors answer `{ error: { code, message, details } }`. Sign in with POST /api/v1/session ' +
          `(cookie + \`${CSRF_HEADER}\` header on writes) or send an API token as \`Authorization: Bearer …\`.`,
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }, {}],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });

  await app.register(
    async (api) => {
      await api.register(fastifyRateLimit, {
        global: false,
        store: ctx.routeLimits.Store,
        errorResponseBuilder: (_request, context) =>
          new AppError('RATE_LIMITED', `too many attempts: try again in ${context.after}`),
      });
      api.addHook('onRequest', authenticate(ctx.store, ctx.now));
      api.addHook('onRequest', resolveScope(ctx.jurisdictions));
      api.addHook('preValidation', guardPathObjects(ctx.store));
      registerPlanReads(api, ctx.reads, ctx.now);
      await api.register(healthRoutes(ctx));
      await api.register(planRoutes(ctx));
      await api.register(outlineRoutes(ctx));
      await api.register(targetRoutes(ctx));
      await api.register(cascadeRoutes(ctx));
      await api.register(jurisdictionRoutes(ctx));
      await api.register(taskRoutes(ctx));
      await api.register(projectRoutes(ctx));
      await api.register(contradictionRoutes(ctx));
      await api.register(unitRoutes(ctx));
      await api.register(userRoutes(ctx));
      await api.register(sessionRoutes(ctx));
      await api.register(trackingRoutes(ctx));
      await api.register(reportDraftRoutes(ctx));
      await api.register(noticePrintRoutes(ctx));
      await api.register(planHealthRoutes(ctx));
      await api.register(supervisionRoutes(ctx));
      await api.register(documentRoutes(ctx));
      await api.register(interopRoutes(ctx));
      await api.register(requestRoutes(ctx));
      await api.register(requestCatalogueRoutes(ctx));
      await api.register(requestScoreRoutes(ctx));
      await api.register(requestThemeRoutes(ctx));
      await api.register(requestMediaRoutes(ctx));
      await api.register(requestAdminRoutes(ctx));
      await api.register(reviewRoutes(ctx));
      await api.register(workRoutes(ctx));
      await api.register(notifyRoutes(ctx));
      await api.register(cockpitRoutes(ctx));
      await api.register(publicPromiseRoutes(ctx));
      await api.register(publicPageRoutes(ctx));
      await api.register(commentRoutes(ctx));
      await api.register(staffFollowRoutes(ctx));
      await api.register(kioskRoutes(ctx));
      await api.register(knowledgeRoutes(ctx));
      await api.register(deskRoutes(ctx));
      await api.register(handlerRoutes(ctx));
      await api.register(libraryRoutes(ctx));
      await api.register(serviceRoutes(ctx));
    },
    { prefix: API_PREFIX },
  );
  await app.register(open311Routes(ctx), { prefix: OPEN311_PREFIX });

  const webRoot = deps.webRoot === undefined ? DEFAULT_WEB_ROOT : deps.webRoot;
  const servesWeb = webRoot !== false && existsSync(join(webRoot, 'index.html'));
  if (servesWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: true,
      index: 'index.html',
      // The build writes .br and .gz beside each file (web/vite.config.ts).
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('cache-control', staticCacheControl(path)),
    });
  }
  // The public plan page's address names what it loads next (web-pages.ts).
  const webPages = servesWeb
    ? loadWebPages(webRoot, firstPublicPlanOf(ctx.store, ctx.jurisdictions))
    : undefined;
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path === '/api' || path.startsWith('/api/');
    const isClientRoute = (request.method === 'GET' || request.method === 'HEAD') && !isApi;
    if (servesWeb && isClientRoute) {
      const page = await webPages?.pageFor(path, request.cookies[SESSION_COOKIE] !== undefined);
      if (page !== undefined) {
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
      }
      // Client-side routes (/plans/3) load the app, which routes itself.
      return reply.sendFile('index.html');
    }
    return sendError(reply, new AppError('NOT_FOUND', `no route ${request.method} ${path}`));
  });

  return app;
}

/**
 * Every ANONYMOUS_LIMITS.purgeEveryMs while the server runs: deletes the uploads no request took
 * within their lifetime and forgets the anonymous counts whose windows passed (issue 12.5), so
 * abandoned files go whether or not anyone uploads again; on PostgreSQL, makes the coming
 * months' partitions of request orders (request-partitions.ts).
 */
function schedulePurge(app: FastifyInstance, ctx: ServerContext): void {
  let timer: NodeJS.Timeout | undefined;
  const purge = async () => {
    try {
      await purgeUnclaimedMedia(ctx.store, ctx.now());
      // The months ahead of orders' partitions on PostgreSQL, made before they are needed.
      await ctx.store.requests.ensurePartitions(ctx.now());
      await ctx.anonymous.sweep({
        [SIGN_IN_BUCKETS.account]: ctx.signInLimits.accountWindowMs,
        [SIGN_IN_BUCKETS.address]: ctx.signInLimits.perAddress.windowMs,
        ...ctx.routeLimits.windows(),
      });
    } catch (error) {
      app.log.error(error);
    }
  };
  app.addHook('onReady', async () => {
    timer = setInterval(() => void purge(), ANONYMOUS_LIMITS.purgeEveryMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
