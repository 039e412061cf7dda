/**
 * The 项目库's corrections (issue 17) under /api/v1: an 出库 undone with its reason, and several
 * doubtful matches of a plan's review decided at once (all or none).
 */
import { z } from 'zod';
import { returnLibraryProject } from '../../commands/library.js';
import { decideLibraryMatches } from '../../commands/library-match.js';
import { allow, requireUser } from '../auth/actor.js';
import type { ApiApp, ServerContext } from '../context.js';
import {
  Id,
  LibraryMatchDecided,
  LibraryProject,
  MatchDecisionsBody,
  ReturnBody,
} from '../../contract/index.js';
import { actorOf, planStore, storeOf } from './library.js';

const tags = ['library'];

export function libraryActionRoutes(app: ApiApp, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();

  app.post(
    '/library/projects/:id/exit/undo',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Undo a project’s 出库 (taken out by mistake), with the reason; audited',
        description: '409 when the project is in the library, or moved since `version`.',
        params: z.object({ id: Id }),
        body: ReturnBody,
        response: { 200: LibraryProject },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { reason, version } = request.body;
      return returnLibraryProject(
        storeOf(ctx, request),
        request.params.id,
        reason,
        version,
        actorOf(user),
        now(),
      );
    },
  );

  app.post(
    '/plans/:planId/library-matches/decisions',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Decide several doubtful matches at once: each confirmed as a candidate, or rejected',
        description:
          'All or none: the first refused decision answers with its place (`decisions.3`) and nothing is decided.',
        params: z.object({ planId: Id }),
        body: MatchDecisionsBody,
        response: { 200: z.object({ decided: z.array(LibraryMatchDecided) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { planId } = request.params;
      const store = await planStore(ctx, request, planId);
      const decided = await decideLibraryMatches(store, planId, request.body.decisions, actorOf(user), now());
      return { decided };
    },
  );
}
