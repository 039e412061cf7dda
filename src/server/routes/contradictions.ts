/**
 * GET /plans/:planId/contradictions (issue 14.6): the rows whose state their own quote contradicts,
 * for the plan office (admin, supervisor) to resolve after import. Read from the rows as they stand.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listPlanContradictions } from '../../commands/contradictions.js';
import { Contradiction, Id, pageOf } from '../../contract/index.js';
import { allow, userOf } from '../auth/actor.js';
import { getVisiblePlan } from '../context.js';
import type { ServerContext } from '../context.js';

export function contradictionRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/plans/:planId/contradictions',
      {
        onRequest: allow('item:assign'),
        schema: {
          tags: ['plans'],
          summary: 'Rows whose state their own quote contradicts, to resolve after import',
          params: z.object({ planId: Id }),
          response: { 200: pageOf(Contradiction) },
        },
      },
      async (request) => {
        await getVisiblePlan(store, userOf(request), request.params.planId);
        const items = await listPlanContradictions(store, request.params.planId);
        return { items, total: items.length };
      },
    );
  };
}
