/**
 * 接诉即办 (issue 7) figures under /api/v1/requests: 三率 of every unit for a month, the
 * rankings within classes (with exemptions added here; their list and removal are in
 * requests-admin.ts), the districts below ranked for their city (issue 16), and hotspots. Signed-in staff read them; the centre exempts.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listHotspots, listMonthlyScores, listRankings } from '../../commands/request-queries.js';
import { rankChildJurisdictions } from '../../commands/district-rankings.js';
import { addExemption } from '../../commands/request-settings.js';
import { AppError } from '../../errors.js';
import { checkUnitIds } from '../context.js';
import type { ServerContext } from '../context.js';
import { DistrictRankingsAnswer, ErrorBody, ExemptionBody, Month } from '../../contract/index.js';
import { requireUser } from '../auth/actor.js';
import { centreOnly, requireCentre, requireStaff, signedIn, tags } from './requests-access.js';

export function requestScoreRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/requests/scores',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: '三率 of every unit for a month, with explanations',
          querystring: z.object({ month: Month }),
        },
      },
      async (request) => {
        requireStaff(request);
        const setup = await ctx.requests.setup(request.scope.jurisdictionId);
        if (setup.schemes.schemes.length === 0) throw new AppError('NOT_FOUND', 'no scoring scheme');
        const items = await listMonthlyScores(store, setup, request.query.month);
        return { items, total: items.length };
      },
    );

    app.get(
      '/requests/rankings',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary:
            'Rankings within classes (departments, streets, towns, enterprises) for a month, with the minimum volume of the scheme in force then (`minVolume` is a what-if)',
          querystring: z.object({
            month: Month,
            minVolume: z.coerce.number().int().min(0).max(10000).optional(),
          }),
        },
      },
      async (request) => {
        requireStaff(request);
        const setup = await ctx.requests.setup(request.scope.jurisdictionId);
        return listRankings(store, setup, request.query.month, request.query.minVolume);
      },
    );

    app.get(
      '/requests/district-rankings',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary:
            'The jurisdictions directly below the caller’s ranked by a month’s 三率, all under one rule (its own scheme in force then, else the default); for the centre and leaders granted the jurisdictions below',
          querystring: z.object({ month: Month }),
          response: { 200: DistrictRankingsAnswer, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        if (user.role === 'reporter')
          throw new AppError('FORBIDDEN', '各区排名仅供12345中心和领导查看，承办单位账号不能查看');
        if (!user.seesDescendants)
          throw new AppError('FORBIDDEN', '本账号未获准查看下级辖区，不能查看各区排名');
        return rankChildJurisdictions(store, request.scope.jurisdictionId, request.query.month);
      },
    );

    app.post(
      '/requests/exemptions',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: 'Exempt a unit from a month’s ranking, with the reason; the addition is audited',
          body: ExemptionBody,
        },
      },
      async (request, reply) => {
        const { user } = requireCentre(request);
        await checkUnitIds(store, { 'body.unitId': [request.body.unitId] }, request.scope.jurisdictionId);
        const at = ctx.now().toISOString();
        const exemption = await addExemption(store, request.body, { userId: user.id, role: user.role, at });
        return reply.code(201).send(exemption);
      },
    );

    app.get(
      '/requests/hotspots',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'Categories and places whose volume rises, stays high or peaks every year',
          querystring: z.object({
            month: Month,
            dimension: z.enum(['category', 'area', 'category_area']).default('category'),
            minCount: z.coerce.number().int().min(1).max(100000).default(20),
          }),
        },
      },
      async (request) => {
        requireStaff(request);
        const { month, dimension, minCount } = request.query;
        return {
          month,
          dimension,
          items: await listHotspots(store, request.scope.jurisdictionId, month, dimension, minCount),
        };
      },
    );
  };
}
