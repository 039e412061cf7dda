/**
 * Reads that depend only on their plan, answered by the plan's read version (issue 15): a route
 * says so in its config (`planRead`), and these hooks do the rest. For each request the plan's
 * revision is read from the database (never trusted from memory: another process may have
 * written), the caller's right to the plan is checked, and then:
 * - `If-None-Match` with the current ETag → 304, nothing built;
 * - an answer held for (plan, revision, request, caller's scope, day) → its bytes, in the
 *   encoding the client accepts (brotli or gzip, made once);
 * - else the route builds the answer, which is held on its way out; concurrent requests for the
 *   same answer wait for that one build rather than start their own.
 * ETags and `Cache-Control` go on every such answer: `public, no-cache` for the public's copy
 * of a published plan (shared caches may keep it, and must ask again), `private, no-cache`
 * for a signed-in caller's.
 *
 * The public's held reads are answered earlier still (answerPublicReadsEarly, the root's first
 * hooks): a URL the public was once answered from the held answers, asked again by the public
 * (no session, token, kiosk key or jurisdiction named), is answered from the same held answer
 * before cookies, authentication, scope and validation run — after the same revision read. On
 * SQLite that read is one prepared statement in the same call (store.plans.findReadStampNow).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { AppError } from '../errors.js';
import { dateOf } from '../plan/dates.js';
import type { PlanReadStamp, Store } from '../store/types.js';
import { userOf } from './auth/actor.js';
import { can } from './auth/policy.js';
import { COMPRESS_THRESHOLD, ReadCache } from './read-cache.js';
import { isPublicRead } from './read-routing.js';
import { JURISDICTION_HEADER } from './scope.js';
import type { Encoding, HeldAnswer } from './read-cache.js';

/** How a route's answer varies besides its plan and request: declared in the route's config. */
export interface PlanReadConfig {
  /** The answer holds personal data (责任领导) for callers with the right to it. */
  personal?: boolean;
  /** Requests answered as usual, never held (the audit list names accounts, which change apart). */
  skip?: (request: FastifyRequest) => boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The plan answers this app holds (createApp): how full, how often they answered. */
    readCache: ReadCache;
  }
  interface FastifyContextConfig {
    /** The answer depends only on the plan `:planId` (and the caller's scope): held by revision. */
    planRead?: PlanReadConfig;
  }
  interface FastifyRequest {
    /** The held answer this request builds, when it is a plan read that missed. */
    planRead?: PendingRead;
  }
}

interface PendingRead {
  key: string;
  planId: number;
  revision: number;
  etag: string;
  settle?: (answer: HeldAnswer | undefined) => void;
}

/**
 * Reads a plan's stamp for each caller, batching callers that arrive while a read is under way
 * into the next read, which starts after all of them arrived: no caller gets a revision read
 * before it asked (so never one from before a write it saw commit), and under load a plan costs
 * at most two reads in flight instead of one per request.
 */
export class PlanStamps {
  private readonly queues = new Map<
    string,
    { running?: Promise<unknown>; queued?: Promise<PlanReadStamp | undefined> }
  >();

  /**
   * `lane`: which server the current request reads from (read-routing.ts), so that a read from
   * the replica is never taken by a caller who reads from the primary.
   */
  constructor(
    private readonly store: Store,
    private readonly lane: () => string = () => 'primary',
  ) {}

  /** The stamp read in this call where the engine can (SQLite: findReadStampNow), else undefined. */
  readNow(planId: number): { stamp: PlanReadStamp | undefined } | undefined {
    return this.store.plans.findReadStampNow(planId);
  }

  read(planId: number): Promise<PlanReadStamp | undefined> {
    const now = this.readNow(planId);
    if (now !== undefined) return Promise.resolve(now.stamp);
    const name = `${this.lane()}:${planId}`;
    let queue = this.queues.get(name);
    if (queue === undefined) {
      queue = {};
      this.queues.set(name, queue);
    }
    if (queue.queued) return queue.queued;
    if (queue.running === undefined) return this.start(name, planId, queue);
    const q = queue;
    const after = () => {
      q.queued = undefined;
      return this.start(name, planId, q);
    };
    q.queued = queue.running.then(after, after);
    return q.queued;
  }

  private start(
    name: string,
    planId: number,
    queue: { running?: Promise<unknown>; queued?: Promise<PlanReadStamp | undefined> },
  ): Promise<PlanReadStamp | undefined> {
    const running = this.store.plans.findReadStamp(planId);
    queue.running = running;
    const done = () => {
      if (queue.running !== running) return;
      queue.running = undefined;
      if (queue.queued === undefined) this.queues.delete(name);
    };
    running.then(done, done);
    return running;
  }
}

/** What `createApp` holds for plan reads: the answers and the stamp reader. */
export interface PlanReads {
  cache: ReadCache;
  stamps: PlanStamps;
  /** Builds under way, by key and revision: concurrent misses wait for them. */
  pending: Map<string, Promise<HeldAnswer | undefined>>;
  /** URLs the public was answered from held answers (at most PUBLIC_URLS): answered early. */
  publicUrls: Map<string, PublicRead>;
  /** True when a request is the public's: no session, token or kiosk key (read-routing.ts). */
  isPublic: (request: FastifyRequest) => boolean;
}

/** What answering a public URL early needs: which held answer it was, for which plan and day. */
interface PublicRead {
  planId: number;
  key: string;
  createdAt: string;
  date: string;
}

/** Public URLs remembered for the early answer (each a few hundred bytes). */
export const PUBLIC_URLS = 1024;

/**
 * Plan reads over `store`, holding at most `maxBytes` of answers; `cookies` are those of a
 * caller who is not the public (a staff session, a verified commenter); `lane` tells which
 * server the current request reads from, when the store routes reads (read-routing.ts).
 */
export function createPlanReads(
  store: Store,
  maxBytes: number,
  cookies: readonly string[] = [],
  lane?: () => string,
): PlanReads {
  return {
    cache: new ReadCache(maxBytes),
    stamps: new PlanStamps(store, lane),
    pending: new Map(),
    publicUrls: new Map(),
    isPublic: (request) =>
      isPublicRead(request, cookies) && request.headers[JURISDICTION_HEADER] === undefined,
  };
}

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none. */
export function chooseEncoding(header: string | string[] | undefined): Encoding | undefined {
  if (header === undefined) return undefined;
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wants = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return wants('br') ? 'br' : wants('gzip') ? 'gzip' : undefined;
}

/** True when If-None-Match names `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

function etagOf(stamp: PlanReadStamp, key: string): string {
  const digest = createHash('sha256').update(key).digest('base64url').slice(0, 16);
  return `W/"${stamp.id}.${stamp.revision}.${digest}"`;
}

/** The ETag and caching headers of a plan read: `shared` for the public's copy of a published plan. */
function cacheHeaders(reply: FastifyReply, etag: string, shared: boolean): void {
  reply
    .header('etag', etag)
    .header('cache-control', shared ? 'public, no-cache' : 'private, no-cache')
    .header('vary', shared ? 'Accept-Encoding, Authorization, Cookie' : 'Accept-Encoding');
}

function sendHeld(
  reads: PlanReads,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  answer: HeldAnswer,
): FastifyReply | Promise<FastifyReply> {
  reply.type(answer.contentType);
  for (const name in answer.headers) reply.header(name, answer.headers[name]);
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding === undefined || answer.body.length < COMPRESS_THRESHOLD) return reply.send(answer.body);
  // Made once per answer: every later caller takes the bytes without a promise.
  const made = answer.encoded[encoding];
  if (made !== undefined) return reply.header('content-encoding', encoding).send(made);
  return reads.cache.encode(key, answer, encoding).then((encoded) => {
    if (encoded === undefined) return reply.send(answer.body);
    return reply.header('content-encoding', encoding).send(encoded);
  });
}

/**
 * The root's hook (register right after the actor is set to the public, before cookies and
 * authentication): a GET of a URL in `reads.publicUrls`, by the public, whose plan is still
 * published, the same plan and the same day, is answered from the answer held for the
 * revision read now (304 for its ETag); anything else goes on to the routes as usual.
 */
export function answerPublicReadsEarly(reads: PlanReads, now: () => Date): onRequestHookHandler {
  return function publicReadEarly(request, reply, done) {
    const read = request.method === 'GET' ? reads.publicUrls.get(request.url) : undefined;
    if (read === undefined || !reads.isPublic(request)) return done();
    const answer = (stamp: PlanReadStamp | undefined): boolean => {
      if (stamp === undefined || stamp.state !== 'published' || stamp.createdAt !== read.createdAt)
        return false;
      if (read.date !== dateOf(now().toISOString())) return false;
      const held = reads.cache.get(read.key, read.planId, stamp.revision);
      if (held === undefined) return false;
      cacheHeaders(reply, held.etag, true);
      if (matchesEtag(request.headers['if-none-match'], held.etag)) reply.code(304).send();
      else void sendHeld(reads, request, reply, read.key, held);
      return true;
    };
    const at = reads.stamps.readNow(read.planId);
    if (at !== undefined) {
      if (!answer(at.stamp)) done();
      return;
    }
    reads.stamps.read(read.planId).then(
      (stamp) => {
        if (!answer(stamp)) done();
      },
      () => done(),
    );
  };
}

/** Remembers `url` as the public's read of the held answer `key` (the oldest out past PUBLIC_URLS). */
function rememberPublic(reads: PlanReads, url: string, read: PublicRead): void {
  const known = reads.publicUrls.get(url);
  if (known?.key === read.key) return;
  if (known === undefined && reads.publicUrls.size >= PUBLIC_URLS)
    reads.publicUrls.delete(reads.publicUrls.keys().next().value!);
  reads.publicUrls.set(url, read);
}

/**
 * Registers the hooks on `app` (the API's scope, after authentication): `today` is the day
 * answers are judged at, part of every key.
 */
export function registerPlanReads(app: FastifyInstance, reads: PlanReads, now: () => Date): void {
  app.addHook('preHandler', async (request, reply) => {
    const config = request.routeOptions.config.planRead;
    if (config === undefined || request.method !== 'GET' || config.skip?.(request)) return;
    const planId = Number((request.params as { planId?: unknown }).planId);
    const stamp = await reads.stamps.read(planId);
    const viewer = userOf(request);
    // Drafts exist only for signed-in staff: the public gets NOT_FOUND (context.ts, checkVisible).
    if (stamp === undefined || (stamp.state !== 'published' && !can(viewer, 'plan:read-draft'))) {
      throw new AppError('NOT_FOUND', `plan ${planId} not found`);
    }
    const scope = config.personal ? (can(viewer, 'item:read-personal') ? 'personal' : 'public') : 'all';
    const date = dateOf(now().toISOString());
    const key = `${planId}|${stamp.createdAt}|${scope}|${date}|${request.url}`;
    const shared = viewer === undefined && stamp.state === 'published';
    if (shared && request.routeOptions.config.rateLimit === undefined && reads.isPublic(request))
      rememberPublic(reads, request.url, { planId, key, createdAt: stamp.createdAt, date });
    const cached = reads.cache.get(key, planId, stamp.revision);
    const etag = cached?.etag ?? etagOf(stamp, key);
    cacheHeaders(reply, etag, shared);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();

    const pendingKey = `${key}#${stamp.revision}`;
    const held = cached ?? (await reads.pending.get(pendingKey)) ?? undefined;
    if (held !== undefined) return sendHeld(reads, request, reply, key, held);

    const read: PendingRead = { key, planId, revision: stamp.revision, etag };
    if (!reads.pending.has(pendingKey)) {
      reads.pending.set(
        pendingKey,
        new Promise((resolve) => {
          read.settle = (answer) => {
            reads.pending.delete(pendingKey);
            read.settle = undefined;
            resolve(answer);
          };
        }),
      );
    }
    request.planRead = read;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const read = request.planRead;
    if (read === undefined) return payload;
    request.planRead = undefined;
    if (reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) {
      read.settle?.(undefined);
      return payload;
    }
    const disposition = reply.getHeader('content-disposition');
    const answer: HeldAnswer = {
      body: Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
      contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      headers: disposition === undefined ? {} : { 'content-disposition': String(disposition) },
      etag: read.etag,
      encoded: {},
    };
    reads.cache.set(read.key, read.planId, read.revision, answer);
    read.settle?.(answer);
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    const encoded = encoding === undefined ? undefined : await reads.cache.encode(read.key, answer, encoding);
    if (encoded === undefined) return payload;
    reply.header('content-encoding', encoding);
    return encoded;
  });

  // A build that failed (an error, a lost connection) lets its waiters build their own.
  app.addHook('onResponse', async (request) => {
    request.planRead?.settle?.(undefined);
  });
}

/** Route config of a read that depends only on its plan, the same for every caller. */
export const PLAN_READ = { planRead: {} } as const;
/** Route config of a plan read that shows personal data (责任领导) to callers with the right. */
export const PERSONAL_PLAN_READ = { planRead: { personal: true } } as const;
