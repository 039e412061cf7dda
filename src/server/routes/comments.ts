/**
 * Comments on commitments (留言, issue 19). The public: ask for a code by SMS or e-mail, sign in
 * with it (a cookie of its own, not a staff session), read a commitment's published comments and
 * comment on it. Staff: the plan office's moderation queue and actions, the lead unit's public
 * answer. Nobody's contact in any answer; limits per address here, per person in the domain.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  COMMENTER_SESSION_DAYS,
  answerPlanComment,
  findCommenter,
  listPublicComments,
  listStaffComments,
  loadCommenterSecret,
  moderatePlanComment,
  requestCommentCode,
  signInCommenter,
  submitPublicComment,
} from '../../commands/comments.js';
import { deriveActor } from '../../plan/audit.js';
import { requireUser, signedIn } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ApiApp, ServerContext } from '../context.js';
import {
  AnswerBody,
  CommentBody,
  CommentCodeBody,
  CommentCodeSent,
  CommenterStatus,
  CommentSignInBody,
  ErrorBody,
  Id,
  ItemType,
  Message,
  ModerationBody,
  PublicCommentList,
  StaffCommentList,
  StaffCommentQuery,
} from '../../contract/index.js';
import { PLAN_OFFICE } from './public-promises.js';

/** The commenter's cookie: their session's token, never a staff session. */
export const COMMENTER_COOKIE = 'luoshi_commenter';

const PlanParams = z.object({ planId: Id });
const ItemParams = PlanParams.extend({ type: ItemType, itemId: Id });
const CommentParams = PlanParams.extend({ commentId: Id });

export function commentRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    commenterRoutes(app, ctx);
    publicCommentRoutes(app, ctx);
    staffCommentRoutes(app, ctx);
  };
}

const commenterOf = (ctx: ServerContext, request: FastifyRequest) =>
  findCommenter(ctx.store, request.cookies[COMMENTER_COOKIE], ctx.now().toISOString());

function setCommenterCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(COMMENTER_COOKIE, token, {
    path: '/api/v1/public',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: COMMENTER_SESSION_DAYS * 86_400,
  });
}

function commenterRoutes(app: ApiApp, ctx: ServerContext): void {
  const tags = ['public'];
  app.post(
    '/public/comment-codes',
    {
      config: { rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Ask for a code to comment: sent by SMS to a mobile number or by e-mail',
        body: CommentCodeBody,
        response: { 202: CommentCodeSent, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const secret = await loadCommenterSecret(ctx.store);
      const { challengeId } = await requestCommentCode(
        ctx.store,
        request.body,
        secret,
        ctx.now().toISOString(),
        PLAN_OFFICE,
      );
      const where = request.body.kind === 'phone' ? '手机' : '邮箱';
      return reply.code(202).send({ challengeId, message: `验证码已发送至您的${where}，10分钟内有效。` });
    },
  );

  app.post(
    '/public/comment-sessions',
    {
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Sign in to comment with the code received',
        body: CommentSignInBody,
        response: { 200: Message, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { token } = await signInCommenter(
        ctx.store,
        request.body.challengeId,
        request.body.code,
        ctx.now().toISOString(),
      );
      setCommenterCookie(request, reply, token);
      return { message: '验证成功，您现在可以留言。' };
    },
  );

  app.get(
    '/public/comment-sessions/current',
    {
      schema: {
        tags,
        summary: 'Whether this browser is signed in to comment',
        response: { 200: CommenterStatus },
      },
    },
    async (request) => ({ signedIn: (await commenterOf(ctx, request)) !== undefined }),
  );
}

function publicCommentRoutes(app: ApiApp, ctx: ServerContext): void {
  const tags = ['public'];
  app.get(
    '/public/plans/:planId/commitments/:type/:itemId/comments',
    {
      schema: {
        tags,
        summary: 'A commitment’s published comments with the lead unit’s answers (no commenter named)',
        params: ItemParams,
        response: { 200: PublicCommentList, 404: ErrorBody },
      },
    },
    async (request) => {
      const { planId, type, itemId } = request.params;
      return listPublicComments(ctx.store, planId, { type, id: itemId });
    },
  );

  app.post(
    '/public/plans/:planId/commitments/:type/:itemId/comments',
    {
      // Per address (many citizens may share one behind a NAT); per person the domain's limits.
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Comment on a commitment (signed in by a code); published after the plan office reads it',
        params: ItemParams,
        body: CommentBody,
        response: {
          202: Message,
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { planId, type, itemId } = request.params;
      await submitPublicComment(
        ctx.store,
        planId,
        { type, id: itemId },
        await commenterOf(ctx, request),
        request.body.body,
        ctx.now().toISOString(),
      );
      return reply.code(202).send({ message: '留言已提交，经审核后公开。' });
    },
  );
}

function staffCommentRoutes(app: ApiApp, ctx: ServerContext): void {
  const tags = ['comments'];
  app.get(
    '/plans/:planId/comments',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          'Comments on the plan’s commitments: every state for the plan office, the published for others',
        params: PlanParams,
        querystring: StaffCommentQuery,
        response: { 200: StaffCommentList, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await getVisiblePlan(ctx.store, user, request.params.planId);
      return listStaffComments(ctx.store, request.params.planId, deriveActor(user), request.query.state);
    },
  );

  app.post(
    '/plans/:planId/comments/:commentId/moderation',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          'The plan office publishes, rejects (with a reason), hides (with a reason) or restores a comment',
        params: CommentParams,
        body: ModerationBody,
        response: {
          200: Message,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId, commentId } = request.params;
      await getVisiblePlan(ctx.store, user, planId);
      const { version, ...action } = request.body;
      await moderatePlanComment(
        ctx.store,
        planId,
        commentId,
        action.action === 'reject' || action.action === 'hide'
          ? { type: action.action, reason: action.reason, note: action.note ?? null }
          : { type: action.action, note: action.note ?? null },
        version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return { message: '已处理。' };
    },
  );

  app.post(
    '/plans/:planId/comments/:commentId/answer',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'The lead unit answers a published comment in public (a second answer replaces the first)',
        params: CommentParams,
        body: AnswerBody,
        response: {
          200: Message,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId, commentId } = request.params;
      await getVisiblePlan(ctx.store, user, planId);
      await answerPlanComment(
        ctx.store,
        planId,
        commentId,
        request.body.text,
        request.body.version,
        deriveActor(user),
        ctx.now().toISOString(),
      );
      return { message: '答复已公开。' };
    },
  );
}
