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
import { CHANGPING, ORDER_SOURCES, SATISFACTION_LEVELS } from '../../requests/index.js';
import type { ApiApp, ServerContext } from '../context.js';
import { Month, centreOnly, requireCentre, requireStaff, signedIn, tags } from './requests-access.js';

const Rule = z.object({
  amount: z.number().int().positive(),
  calendar: z.enum(['working_days', 'natural_hours']),
});
const CatalogueRowBody = z.object({
  category: z.string().trim().min(1).max(50),
  code: z.string().trim().min(1).max(50).optional(),
  group: z.string().trim().min(1).max(50),
  description: z.string().max(500),
  keywords: z.array(z.string().trim().min(1).max(20)).max(50),
  owner: z.discriminatedUnion('by', [
    z.object({ by: z.literal('territory') }),
    z.object({ by: z.literal('unit'), unitId: z.number().int().positive() }),
    z.object({
      by: z.literal('area'),
      units: z.record(z.string(), z.number().int().positive()),
      fallbackUnitId: z.number().int().positive(),
    }),
  ]),
  designated: z.boolean(),
  sign: Rule,
  contact: Rule,
  finish: Rule,
  coFinish: Rule.optional(),
});
const CatalogueVersionBody = z
  .object({
    effectiveFrom: z.iso.datetime({ offset: true }),
    note: z.string().trim().max(500),
    rows: z.array(CatalogueRowBody).min(1).max(500),
  })
  .strict();
const SchemeBody = z
  .object({
    effectiveFrom: Month,
    note: z.string().trim().max(500),
    weights: z.object({ response: z.number(), resolution: z.number(), satisfaction: z.number() }),
    satisfactionCredit: z.object(
      Object.fromEntries(SATISFACTION_LEVELS.map((level) => [level, z.number()])) as Record<
        (typeof SATISFACTION_LEVELS)[number],
        z.ZodNumber
      >,
    ),
    excludedSources: z.array(z.enum(ORDER_SOURCES)).max(4),
    /** Counted orders to be ranked; omitted, the latest version's carries on. */
    minVolume: z.number().optional(),
  })
  .strict();

const SuggestBody = z
  .object({
    text: z.string().max(4000),
    area: z.string().trim().min(1).max(50).optional(),
  })
  .strict();

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
    async () => (await ctx.requests.setup()).catalogue,
  );

  app.get(
    '/requests/areas',
    {
      schema: {
        tags,
        summary: "The jurisdiction's streets and towns with their communities (intake accepts only these)",
      },
    },
    async () => ({ jurisdiction: CHANGPING.name, items: CHANGPING.areas, total: CHANGPING.areas.length }),
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
      const setup = await ctx.requests.setup();
      const { text, area } = request.body;
      const now = ctx.now();
      const model = () => ctx.requests.categoryModel(now.getTime());
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
      return (await ctx.requests.setup()).schemes;
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
      const setup = await ctx.requests.setup();
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
