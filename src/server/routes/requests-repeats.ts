/**
 * 重复件 (issue 14.8) under /api/v1/requests: merge an order waiting for dispatch into the open
 * order that already holds its matter, and undo it. The 12345 centre only; both orders must be
 * of the caller's jurisdiction (another's is not found).
 */
import { z } from 'zod';
import { mergeRepeat, undoMerge } from '../../commands/repeat-calls.js';
import { Id, MergeRepeatBody, UndoMergeBody } from '../../contract/index.js';
import type { ApiApp, ServerContext } from '../context.js';
import { presentOrderFor } from '../presenters.js';
import { centreOnly, requireCentre, tags } from './requests-access.js';

const IdParams = z.object({ id: Id });

export function repeatRoutes(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.post(
    '/requests/:id/merge',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: 'Merge this order (waiting for dispatch) into an open one as a 重复件',
        description:
          "The open order records the caller; its deadlines stay as they were. This order is closed as the other's repeat, never counted in 三率.",
        params: IdParams,
        body: MergeRepeatBody,
      },
    },
    async (request) => {
      const { user, actor } = requireCentre(request);
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      const { repeat, into } = await mergeRepeat(
        store,
        setup,
        request.params.id,
        request.body.intoOrderId,
        { actor, user },
        ctx.now().toISOString(),
      );
      return {
        repeat: presentOrderFor(repeat, actor, user.role),
        into: presentOrderFor(into, actor, user.role),
      };
    },
  );

  app.post(
    '/requests/:id/unmerge',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: 'Undo a 重复件 merge, with the reason: the order goes back to the dispatch queue',
        params: IdParams,
        body: UndoMergeBody,
      },
    },
    async (request) => {
      const { user, actor } = requireCentre(request);
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      const { repeat, into } = await undoMerge(
        store,
        setup,
        request.params.id,
        request.body.reason,
        { actor, user },
        ctx.now().toISOString(),
      );
      return {
        repeat: presentOrderFor(repeat, actor, user.role),
        into: presentOrderFor(into, actor, user.role),
      };
    },
  );
}
