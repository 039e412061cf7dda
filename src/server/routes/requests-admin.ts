/**
 * 接诉即办 (issue 7) administration under /api/v1/requests, for the plan office and the hotline
 * centre: ranking exemptions (list with who recorded them and the history of additions and
 * removals; removal here, addition in routes/requests.ts, each with an audit event) and the
 * working-day calendar (which years have official data, load or remove a year's table).
 * The catalogue and scoring schemes are listed and versioned by routes/requests.ts.
 *
 * Roles: only the centre (admin, supervisor) may call these; the guard answers before
 * validation, so the public gets 401 and every other role 403.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { User } from '../../plan/types.js';
import { beijingDate } from '../../requests/index.js';
import {
  listExemptionsBetween,
  listHolidayTables,
  listRequestsAdminEvents,
  removeExemption,
  removeHolidayTable,
  saveHolidayTable,
} from '../../store/requests-store.js';
import type { RequestsAdminChange, RequestsAdminEvent } from '../../store/requests-store.js';
import type { Store } from '../../store/types.js';
import { allow, requireUser } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import { checkHolidayTable, deriveCalendarYears, derivePackageYears } from '../requests-calendar.js';
import { getRequestsSetup, resetRequestsSetup, toRequestActor } from '../requests-service.js';
import { HolidayTableBody, Id, Month } from '../../contract/index.js';

const tags = ['requests'];
const ExemptionParams = z.object({ unitId: Id, month: Month });
const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** The signed-in centre user (admin or supervisor), or 401/403. */
function requireCentre(request: FastifyRequest): User {
  const user = requireUser(request);
  if (toRequestActor(user)?.role !== 'center')
    throw new AppError('FORBIDDEN', `your role (${user.role}) is not the 12345 centre`);
  return user;
}

const centreOnly = allow('item:assign');

async function namesOfUsers(store: Store): Promise<Map<number, string>> {
  return new Map((await store.listUsers()).map((user) => [user.id, user.displayName]));
}

export function requestAdminRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  const nowIso = () => ctx.now().toISOString();
  const change = (user: User, reason?: string | null): RequestsAdminChange => ({
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
        const { units } = await getRequestsSetup(store);
        const unitNames = new Map(units.map((unit) => [unit.id, unit.name]));
        const userNames = await namesOfUsers(store);
        const userName = (id: number | null) => (id === null ? null : (userNames.get(id) ?? `#${id}`));
        const exemptions = await listExemptionsBetween(store, request.query);
        const items = exemptions.map((e) => ({
          ...e,
          unitName: unitNames.get(e.unitId) ?? null,
          createdByName: userName(e.createdBy),
        }));
        const history = (await listRequestsAdminEvents(store, 'request_exemption')).map((event) => {
          const removed = event.action === 'request_exemption.delete';
          // An addition keeps the exemption as `after`, a removal as `before` (requests-store.ts).
          const exemption = ((removed ? event.before : event.after) ?? {}) as {
            unitId?: number;
            month?: string;
            reason?: string;
          };
          return {
            at: event.at,
            action: removed ? ('remove' as const) : ('add' as const),
            by: event.actorUserId,
            byName: userName(event.actorUserId),
            unitId: exemption.unitId ?? null,
            unitName: exemption.unitId === undefined ? null : (unitNames.get(exemption.unitId) ?? null),
            month: exemption.month ?? null,
            exemptionReason: exemption.reason ?? null,
            // The note given on removal; an addition's reason is already `exemptionReason`.
            note: removed ? event.reason : null,
          };
        });
        return { items, total: items.length, history };
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
        const user = requireCentre(request);
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
        const currentYear = Number(beijingDate(nowIso()).slice(0, 4));
        const loaded = await listHolidayTables(store);
        const userNames = await namesOfUsers(store);
        const userName = (id: number | null) => (id === null ? null : (userNames.get(id) ?? `#${id}`));
        const history = (await listRequestsAdminEvents(store, 'request_holiday_table')).map(
          (event: RequestsAdminEvent) => ({
            at: event.at,
            action: event.action === 'request_holiday_table.delete' ? ('delete' as const) : ('load' as const),
            year: Number(event.entityId),
            by: event.actorUserId,
            byName: userName(event.actorUserId),
            source: ((event.after ?? event.before ?? {}) as { source?: string }).source ?? '',
          }),
        );
        return {
          asOf: nowIso(),
          currentYear,
          packageYears: derivePackageYears(currentYear),
          years: deriveCalendarYears(currentYear - 1, currentYear + 1, loaded),
          loaded: loaded.map((table) => ({ ...table, loadedByName: userName(table.loadedBy) })),
          history,
        };
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
        const user = requireCentre(request);
        const { year } = request.params;
        const { holidays, workdays, source } = request.body;
        const currentYear = Number(beijingDate(nowIso()).slice(0, 4));
        checkHolidayTable(year, { holidays, workdays }, currentYear);
        const saved = await saveHolidayTable(store, { year, holidays, workdays, source }, change(user));
        resetRequestsSetup(store);
        return saved;
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
        const user = requireCentre(request);
        const removed = await removeHolidayTable(store, request.params.year, change(user));
        resetRequestsSetup(store);
        return removed;
      },
    );
  };
}
