/** Units (departments, towns, streets): public list, creation by supervisors and admins. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import { ErrorBody } from '../errors.js';
import { presentUnit } from '../presenters.js';
import { Unit, UnitKind, pageOf, pageQueryShape } from '../schemas.js';

const UnitQuery = z.object({ ...pageQueryShape, kind: UnitKind.optional() });
const UnitCreate = z.object({ name: z.string().trim().min(1).max(100), kind: UnitKind }).strict();

const tags = ['units'];

export function unitRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/units',
      {
        schema: { tags, summary: 'Units, by name', querystring: UnitQuery, response: { 200: pageOf(Unit) } },
      },
      async (request) => {
        const { limit, offset, kind } = request.query;
        const units = (await store.listUnits()).filter((unit) => kind === undefined || unit.kind === kind);
        return { items: units.slice(offset, offset + limit).map(presentUnit), total: units.length };
      },
    );

    app.post(
      '/units',
      {
        onRequest: allow('unit:manage'),
        schema: { tags, summary: 'Create a unit', body: UnitCreate, response: { 201: Unit, 409: ErrorBody } },
      },
      async (request, reply) => {
        const unit = await store.createUnit(request.body);
        return reply.code(201).send(presentUnit(unit));
      },
    );
  };
}
