/**
 * The public promise tracker (issue 19), open to anyone for published plans (drafts answer
 * 404): every commitment with its original vs current promise, due date, overdue and verdict;
 * one commitment's page with the verdict's history, public evidence, comment count and last
 * answer; the plan's Atom feed; following by e-mail (double opt-in, one-click unsubscribe).
 * Nothing personal: no staff names, no commenters, no followers' addresses.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  confirmEmailFollow,
  getPublicCommitment,
  getPublicEvidenceCopy,
  listPublicCommitments,
  renderPlanFeed,
  requestFollow,
  unsubscribeEmailFollow,
} from '../../commands/commitments.js';
import { FOLLOW_SENDER } from '../../commands/digests.js';
import { dateOf } from '../../plan/dates.js';
import { ATOM_MEDIA_TYPE } from '../../verdicts/index.js';
import type { ApiApp, ServerContext } from '../context.js';
import { contentDisposition } from '../document-data.js';
import {
  asOfQueryShape,
  DIGEST_CADENCES,
  ErrorBody,
  FOLLOW_SUBJECTS,
  Id,
  ItemType,
  PublicCommitment,
  PublicCommitmentList,
} from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });
const ItemParams = PlanParams.extend({ type: ItemType, itemId: Id });
const tags = ['public'];

/** Who signs the messages and the feed: the plan office. */
export const PLAN_OFFICE = FOLLOW_SENDER;

const FollowBody = z
  .object({
    subject: z.object({ kind: z.enum(FOLLOW_SUBJECTS), id: Id, planId: Id }).strict(),
    email: z.string().trim().min(3).max(254),
    cadence: z.enum(DIGEST_CADENCES).default('weekly'),
  })
  .strict();
const TokenBody = z.object({ token: z.string().min(32).max(200) }).strict();
const UnsubscribeBody = TokenBody.extend({ scope: z.enum(['one', 'all']).default('one') }).strict();
const Done = z.object({ message: z.string() });

/** The absolute origin the links in messages and feeds use: the request's own. */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function publicPromiseRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    commitmentRoutes(app, ctx);
    evidenceRoute(app, ctx);
    followRoutes(app, ctx);
  };
}

function commitmentRoutes(app: ApiApp, ctx: ServerContext): void {
  const today = () => dateOf(ctx.now().toISOString());
  // The as-of date the page reads the plan at (issue 14.9), never after today.
  const dateAsked = (asOf: string | undefined) => (asOf !== undefined && asOf < today() ? asOf : today());
  app.get(
    '/public/plans/:planId/commitments',
    {
      schema: {
        tags,
        summary: 'The public promise tracker: each commitment’s promise, due date, overdue and verdict',
        params: PlanParams,
        querystring: z.object(asOfQueryShape),
        response: { 200: PublicCommitmentList, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) =>
      listPublicCommitments(ctx.store, ctx.health, request.params.planId, dateAsked(request.query.asOf)),
  );

  app.get(
    '/public/plans/:planId/commitments/:type/:itemId',
    {
      schema: {
        tags,
        summary: 'A commitment’s public page: original vs current promise, verdict history, evidence',
        params: ItemParams,
        querystring: z.object(asOfQueryShape),
        response: { 200: PublicCommitment, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { planId, type, itemId } = request.params;
      const date = dateAsked(request.query.asOf);
      return getPublicCommitment(ctx.store, ctx.health, planId, { type, id: itemId }, date);
    },
  );

  app.get(
    '/public/plans/:planId/feed.atom',
    {
      schema: {
        tags,
        summary: 'The plan’s Atom feed: changes of verdict, state, deadline and evidence',
        params: PlanParams,
        produces: [ATOM_MEDIA_TYPE],
      },
    },
    async (request, reply) => {
      const xml = await renderPlanFeed(
        ctx.store,
        ctx.health,
        request.params.planId,
        ctx.now().toISOString(),
        originOf(request),
        PLAN_OFFICE,
      );
      return reply.type(`${ATOM_MEDIA_TYPE}; charset=utf-8`).send(xml);
    },
  );

  app.get(
    '/public/plans/:planId/chapters/:chapterId/feed.atom',
    {
      schema: {
        tags,
        summary: 'One chapter’s Atom feed: changes of its commitments’ verdict, state, deadline, evidence',
        params: PlanParams.extend({ chapterId: Id }),
        produces: [ATOM_MEDIA_TYPE],
      },
    },
    async (request, reply) => {
      const { planId, chapterId } = request.params;
      const xml = await renderPlanFeed(
        ctx.store,
        ctx.health,
        planId,
        ctx.now().toISOString(),
        originOf(request),
        PLAN_OFFICE,
        chapterId,
      );
      return reply.type(`${ATOM_MEDIA_TYPE}; charset=utf-8`).send(xml);
    },
  );
}

/**
 * The public copy of an evidence file a verdict made public (issue 19.4), metadata stripped; the
 * original is never served here. Asked with its version (`v`, as the public page links it) it is
 * cached for a year, else revalidated by its ETag. 404 for anything else.
 */
function evidenceRoute(app: ApiApp, ctx: ServerContext): void {
  app.get(
    '/public/plans/:planId/evidence/:fileId',
    {
      schema: {
        tags,
        summary: 'Download an evidence file a verdict made public (its copy without author, GPS or comments)',
        params: PlanParams.extend({ fileId: Id }),
        querystring: z.object({ v: z.string().max(64).optional() }),
      },
    },
    async (request, reply) => {
      const { planId, fileId } = request.params;
      const copy = await getPublicEvidenceCopy(ctx.store, planId, fileId);
      const etag = `"${copy.sha256}"`;
      const versioned = request.query.v === copy.sha256.slice(0, 16);
      reply
        .header('etag', etag)
        .header('x-content-type-options', 'nosniff')
        .header(
          'cache-control',
          versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300, must-revalidate',
        );
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply
        .type(copy.mimeType)
        .header('content-disposition', contentDisposition(copy.name))
        .send(Buffer.from(copy.bytes));
    },
  );
}

function followRoutes(app: ApiApp, ctx: ServerContext): void {
  app.post(
    '/public/follows',
    {
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Follow a commitment, a chapter or a plan by e-mail (a confirmation is sent first)',
        body: FollowBody,
        response: { 202: Done, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const b = request.body;
      await requestFollow(
        ctx.store,
        ctx.health,
        { subject: b.subject, email: b.email, cadence: b.cadence },
        ctx.now().toISOString(),
        originOf(request),
        PLAN_OFFICE,
      );
      // The same words whether or not the address already follows it.
      return reply.code(202).send({ message: '确认邮件已发送，请在48小时内打开邮件中的链接完成关注。' });
    },
  );

  app.post(
    '/public/follows/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a follow by e-mail (the link of the confirmation message)',
        body: TokenBody,
        response: { 200: Done, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      await confirmEmailFollow(ctx.store, request.body.token, ctx.now().toISOString());
      return { message: '关注成功。事项进展发生变化时，我们将按您选择的频率发送摘要邮件。' };
    },
  );

  app.post(
    '/public/follows/unsubscribe',
    {
      schema: {
        tags,
        summary: 'One-click unsubscribe: one follow, or every follow of the address',
        body: UnsubscribeBody,
        response: { 200: Done, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { token, scope } = request.body;
      await unsubscribeEmailFollow(ctx.store, token, scope, ctx.now().toISOString());
      return { message: '已取消关注，您将不再收到相关邮件。' };
    },
  );
}
