/**
 * The draft of a unit's report, saved line by line as the reporter types (issue 14): a reload
 * or another device finds it in 我的待办 (GET /todos). Routes validate → command
 * (src/commands/reports.ts) → present.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deriveActor } from '../../plan/audit.js';
import { saveDraftLine } from '../../commands/reports.js';
import { allow, requireUser } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';
import { DraftLine, DraftLineBody, ErrorBody, Id } from '../../contract/index.js';

export function reportDraftRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/plans/:planId/reports/draft-lines',
      {
        onRequest: allow('item:report'),
        schema: {
          tags: ['tracking'],
          summary: 'Save one line of the draft report (autosave): only the fields sent change',
          description:
            'Refused: another unit (403), an item the unit does not owe (403), a locked period or a ' +
            'line already submitted or approved (409), a field that is not a number or too long (400).',
          params: z.object({ planId: Id }),
          body: DraftLineBody,
          response: { 200: DraftLine, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        await getVisiblePlan(ctx.store, user, request.params.planId);
        return saveDraftLine(
          ctx.store,
          request.params.planId,
          request.body,
          deriveActor(user),
          ctx.now().toISOString(),
        );
      },
    );
  };
}
