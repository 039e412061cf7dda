/** Liveness for load balancers and `curl`: the server answers and its database too. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { ServerContext } from '../context.js';
import { ErrorBody } from '../../contract/index.js';

const Health = z
  .object({ ok: z.literal(true), database: z.enum(['sqlite', 'postgres']) })
  .meta({ id: 'Health' });

export function healthRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['health'],
          summary: 'The server and its database answer (503 UNAVAILABLE when the database does not)',
          response: { 200: Health, 503: ErrorBody },
        },
      },
      async (request) => {
        try {
          await store.plans.list({ limit: 1 });
        } catch (error) {
          request.log.error({ err: error }, 'health check: the database does not answer');
          throw new AppError('UNAVAILABLE', 'the database does not answer');
        }
        return { ok: true as const, database: store.dialect };
      },
    );
  };
}
