/**
 * Staff follow in the app (关注, issue 19): follow or stop following a task or target of a plan,
 * whether one follows an item, and one's 关注 list with the changes of what one follows, in the
 * jurisdictions one works in. Signed-in users only; each sees only their own follows.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findFollowStatus, followItem, listMyFollows, unfollowItem } from '../../commands/follows.js';
import { deriveActor } from '../../plan/audit.js';
import { requireUser, signedIn } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import {
  ErrorBody,
  FollowStatus,
  Id,
  ItemType,
  StaffFollowBody,
  StaffFollowList,
} from '../../contract/index.js';

const PlanParams = z.object({ planId: Id });
const ItemParams = PlanParams.extend({ type: ItemType, itemId: Id });
const FollowParams = PlanParams.extend({ followId: Id });
const tags = ['follows'];

export function staffFollowRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/follows',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: '关注: what the signed-in user follows, with each item’s changes since',
          response: { 200: StaffFollowList, 401: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return listMyFollows(ctx.store, user.id, [request.scope.jurisdictionId], ctx.now().toISOString());
      },
    );

    app.get(
      '/plans/:planId/follows/:type/:itemId',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'Whether the signed-in user follows this task or target',
          params: ItemParams,
          response: { 200: FollowStatus, 401: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { planId, type, itemId } = request.params;
        await getVisiblePlan(ctx.store, user, planId);
        return findFollowStatus(ctx.store, planId, { type, id: itemId }, user.id);
      },
    );

    app.post(
      '/plans/:planId/follows',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'Follow a task or target: its changes show in 关注 and come by one’s own channels',
          params: PlanParams,
          body: StaffFollowBody,
          response: { 200: FollowStatus, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { planId } = request.params;
        await getVisiblePlan(ctx.store, user, planId);
        const follow = await followItem(
          ctx.store,
          planId,
          { type: request.body.type, id: request.body.id },
          deriveActor(user),
          ctx.now().toISOString(),
        );
        return { following: true, followId: follow.id };
      },
    );

    app.delete(
      '/plans/:planId/follows/:followId',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'Stop following',
          params: FollowParams,
          response: { 200: FollowStatus, 401: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { planId, followId } = request.params;
        await getVisiblePlan(ctx.store, user, planId);
        await unfollowItem(ctx.store, planId, followId, deriveActor(user), ctx.now().toISOString());
        return { following: false, followId: null };
      },
    );
  };
}
