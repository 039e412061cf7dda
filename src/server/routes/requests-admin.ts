/**
 * 接诉即办 (issue 7) administration under /api/v1/requests, for the plan office and the hotline
 * centre: ranking exemptions (list with who recorded them and the history of additions and
 * removals; removal here, addition in routes/requests-scores.ts, each with an audit event) and
 * the working-day calendar (which years have official data, load or remove a year's table).
 * The catalogue and scoring schemes are listed and versioned by routes/requests-catalogue.ts.
 *
 * Roles: only the centre (admin, supervisor) may call these; the guard answers before
 * validation, so the public gets 401 and every other role 403.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeWorkCalendar, listExemptionsWithHistory } from '../../commands/request-queries.js';
import { loadHolidayTable, removeExemption, removeHolidayTable } from '../../commands/request-settings.js';
import type { SettingsChange } from '../../commands/request-settings.js';
import type { User } from '../../plan/types.js';
import { beijingDate } from '../../requests/index.js';
import type { ServerContext } from '../context.js';
import { HolidayTableBody, Id, Month } from '../../contract/index.js';
import { centreOnly, requireCentre, tags } from './requests-access.js';

const ExemptionParams = z.object({ unitId: Id, month: Month });
const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export function requestAdminRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  const change = (user: User, reason?: string | null): SettingsChange => ({
    userId: user.id,
    role: user.role,
    at: nowIso(),
    reason: reason ?? null,
  });

  return async (app) => {
    app.get(
      '/requests/exemptions',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary:
            'Ranking exemptions of the months in [from, to], with who recorded them, and the audited ' +
            'history of additions and removals (newest first, the last 100, not limited to the months)',
          querystring: z.object({ from: Month.optional(), to: Month.optional() }),
        },
      },
      async (request) => {
        requireCentre(request);
        return listExemptionsWithHistory(
          store,
          await ctx.requests.setup(request.scope.jurisdictionId),
          request.query,
        );
      },
    );

    app.delete(
      '/requests/exemptions/:unitId/:month',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: "Remove a unit's exemption for a month (the unit is ranked again); the removal is audited",
          params: ExemptionParams,
          querystring: z.object({ reason: z.string().trim().max(500).optional() }),
        },
      },
      async (request) => {
        const { user } = requireCentre(request);
        const { unitId, month } = request.params;
        return removeExemption(store, unitId, month, change(user, request.query.reason));
      },
    );

    app.get(
      '/requests/calendar',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary:
            'The working-day calendar: where each year comes from, the loaded tables and their history',
        },
      },
      async (request) => {
        requireCentre(request);
        return describeWorkCalendar(store, nowIso());
      },
    );

    app.put(
      '/requests/calendar/:year',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: "Load (or replace) a year's official holidays and make-up working days",
          params: YearParams,
          body: HolidayTableBody,
        },
      },
      async (request) => {
        const { user } = requireCentre(request);
        const { year } = request.params;
        const { holidays, workdays, source } = request.body;
        const currentYear = Number(beijingDate(nowIso()).slice(0, 4));
        const table = { year, holidays, workdays, source };
        return loadHolidayTable(store, ctx.requests, table, currentYear, change(user));
      },
    );

    app.delete(
      '/requests/calendar/:year',
      {
        onRequest: centreOnly,
        schema: {
          tags,
          summary: "Remove a loaded year: the package's data (or weekends only) apply again",
          params: YearParams,
        },
      },
      async (request) => {
        const { user } = requireCentre(request);
        return removeHolidayTable(store, ctx.requests, request.params.year, change(user));
      },
    );
  };
}
