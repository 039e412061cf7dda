/**
 * 接诉即办 (issue 7) dispatch rules under /api/v1/requests: the dispatch catalogue (派单目录) and
 * its versions, the jurisdiction's areas, category suggestions as an operator types, the 三率
 * scoring schemes, and training the category model. A new version is never retroactive: open
 * orders keep their catalogue version and deadlines, past months their scheme.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { trainCategoryModel } from '../../commands/requests.js';
import { publishCatalogueVersion, publishScoringScheme } from '../../commands/request-settings.js';
import { suggestCategoriesFor } from '../../commands/request-queries.js';
import type { ApiApp, ServerContext } from '../context.js';
import { CatalogueVersionBody, SchemeBody, SuggestBody } from '../../contract/index.js';
import { centreOnly, requireCentre, requireStaff, signedIn, tags } from './requests-access.js';

export function requestCatalogueRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    catalogueRoutes(app, ctx);
    schemeRoutes(app, ctx);
  };
}

function catalogueRoutes(app: ApiApp, ctx: ServerContext): void {
  app.get(
    '/requests/catalogue',
    { schema: { tags, summary: 'The dispatch catalogue (派单目录), every version' } },
    async (request) => (await ctx.requests.setup(request.scope.jurisdictionId)).catalogue,
  );

  app.get(
    '/requests/areas',
    {
      schema: {
        tags,
        summary: "The jurisdiction's streets and towns with their communities (intake accepts only these)",
      },
    },
    async (request) => {
      const { jurisdiction } = await ctx.requests.setup(request.scope.jurisdictionId);
      // Boundaries route points on the server; the list gives names, kinds, communities and centres.
      const items = jurisdiction.areas.map(({ boundary: _boundary, ...area }) => area);
      return { jurisdiction: jurisdiction.name, items, total: items.length };
    },
  );

  app.post(
    '/requests/suggest',
    {
      schema: {
        tags,
        summary: 'Categories a text suggests as it is typed, and the unit the catalogue would send each to',
        description:
          'Side-effect free. Categories better than chance (keyword hits and the trained model), best ' +
          'first, at most 5; with `area`, each with the unit the catalogue in force dispatches it to ' +
          '(null when none covers it). An area outside the jurisdiction answers 400.',
        body: SuggestBody,
      },
    },
    async (request) => {
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      const { text, area } = request.body;
      const now = ctx.now();
      const model = () => ctx.requests.categoryModel(request.scope.jurisdictionId, now.getTime());
      const items = await suggestCategoriesFor(setup, text, area, model, now.toISOString());
      return { items, total: items.length };
    },
  );

  app.post(
    '/requests/catalogue',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: 'Add a catalogue version (never retroactive: open orders keep theirs)',
        body: CatalogueVersionBody,
      },
    },
    async (request, reply) => {
      requireCentre(request);
      const added = await publishCatalogueVersion(
        ctx.store,
        ctx.requests,
        request.scope.jurisdictionId,
        request.body,
        ctx.now().toISOString(),
      );
      return reply.code(201).send(added);
    },
  );
}

function schemeRoutes(app: ApiApp, ctx: ServerContext): void {
  app.get(
    '/requests/schemes',
    { onRequest: signedIn, schema: { tags, summary: 'The 三率 scoring schemes, every version' } },
    async (request) => {
      requireStaff(request);
      return (await ctx.requests.setup(request.scope.jurisdictionId)).schemes;
    },
  );

  app.post(
    '/requests/schemes',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: 'Add a scoring scheme from a coming month (past months keep theirs)',
        body: SchemeBody,
      },
    },
    async (request, reply) => {
      requireCentre(request);
      const added = await publishScoringScheme(
        ctx.store,
        ctx.requests,
        request.scope.jurisdictionId,
        request.body,
        ctx.now().toISOString(),
      );
      return reply.code(201).send(added);
    },
  );

  app.post(
    '/requests/model',
    {
      onRequest: centreOnly,
      schema: {
        tags,
        summary: 'Train the category model on past dispatched orders; answers its held-back accuracy',
        querystring: z.object({ limit: z.coerce.number().int().min(10).max(200_000).default(20_000) }),
      },
    },
    async (request, reply) => {
      const setup = await ctx.requests.setup(request.scope.jurisdictionId);
      const trained = await trainCategoryModel(
        ctx.store,
        setup,
        ctx.now().toISOString(),
        request.query.limit,
      );
      ctx.requests.resetModel();
      return reply.code(201).send(trained);
    },
  );
}
