/**
 * Units (departments, towns, streets): a public list; creation, renaming, deletion and merging
 * (机构改革) by supervisors and admins (`unit:manage`). Every change writes its audit event.
 * A street or town office governs one area of the jurisdiction (`area`), where 属地 dispatch
 * sends orders: the area stays with the unit whatever it is called.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { Unit as DomainUnit } from '../../plan/types.js';
import { pageItems } from '../../store/index.js';
import type { Versioned } from '../../store/types.js';
import { presentPage } from '../presenters.js';
import { allow, requireUser } from '../auth/actor.js';
import { changeMeta, checkUnitIds } from '../context.js';
import type { ServerContext } from '../context.js';
import { inBody } from '../errors.js';
import { createUnit, deleteUnit, mergeUnit, updateUnit } from '../../commands/units.js';
import {
  ErrorBody,
  Id,
  UnitCreate,
  UnitDeleteQuery,
  UnitMerge,
  UnitMergeBody,
  UnitPatch,
  UnitQuery,
  VersionedUnit,
  pageOf,
} from '../../contract/index.js';

const UnitParams = z.object({ unitId: Id });

const tags = ['units'];
/** The fields of a unit's body: the commands' errors on them answer as `body.<field>`. */
const UNIT_FIELDS = ['name', 'kind', 'area'];

function presentVersionedUnit(unit: Versioned<DomainUnit>): VersionedUnit {
  return {
    id: unit.id,
    name: unit.name,
    kind: unit.kind,
    ...(unit.area === undefined ? {} : { area: unit.area }),
    ...(unit.aliases === undefined || unit.aliases.length === 0 ? {} : { aliases: unit.aliases }),
    ...(unit.jurisdictionId === undefined ? {} : { jurisdictionId: unit.jurisdictionId }),
    version: unit.version,
  };
}

export function unitRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { store } = ctx;
  return async (app) => {
    app.get(
      '/units',
      {
        schema: {
          tags,
          summary: 'Units, by id',
          querystring: UnitQuery,
          response: { 200: pageOf(VersionedUnit) },
        },
      },
      async (request) => {
        const { limit, offset, kind } = request.query;
        // The units of the jurisdiction the caller works in (one set for plans and 接诉即办).
        const units = (await store.units.list([request.scope.jurisdictionId])).filter(
          (unit) => kind === undefined || unit.kind === kind,
        );
        return presentPage(pageItems(units, { limit, offset }), presentVersionedUnit);
      },
    );

    app.post(
      '/units',
      {
        onRequest: allow('unit:manage'),
        schema: {
          tags,
          summary: 'Create a unit',
          description: '409 when another unit has the name or governs the area.',
          body: UnitCreate,
          response: { 201: VersionedUnit, 409: ErrorBody },
        },
      },
      async (request, reply) => {
        const jurisdictionId = request.scope.jurisdictionId;
        const { jurisdiction } = await ctx.requests.setup(jurisdictionId);
        const unit = await inBody(
          () => createUnit(store, { ...request.body, jurisdictionId }, jurisdiction),
          UNIT_FIELDS,
        );
        // 接诉即办 reads units once per setup: a new office may govern an area, a catalogue name it.
        ctx.requests.reset();
        return reply.code(201).send(presentVersionedUnit(unit));
      },
    );

    app.patch(
      '/units/:unitId',
      {
        onRequest: allow('unit:manage'),
        schema: {
          tags,
          summary: 'Rename a unit, change its kind, or the area it governs',
          description:
            '409 when the version is stale, or another unit has the name or governs the area. ' +
            'An area must be a street or town of the jurisdiction, governed by a street or town office.',
          params: UnitParams,
          body: UnitPatch,
          response: { 200: VersionedUnit, 409: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { version, ...patch } = request.body;
        const meta = changeMeta(ctx, user);
        const id = request.params.unitId;
        const { jurisdictionId } = await store.units.get(id);
        const { jurisdiction } = await ctx.requests.setup(jurisdictionId!);
        const updated = await inBody(
          () => updateUnit(store, id, patch, version, meta, jurisdiction),
          UNIT_FIELDS,
        );
        ctx.requests.reset();
        return presentVersionedUnit(updated);
      },
    );

    app.delete(
      '/units/:unitId',
      {
        onRequest: allow('unit:manage'),
        schema: {
          tags,
          summary: 'Delete a unit nothing refers to',
          description:
            '409 while tasks, targets, users, reports, supervision records, evidence or 接诉即办 data ' +
            'refer to it: the message and details (`usage.<key>`) count each; 409 (`area`) while it ' +
            'governs an area.',
          params: UnitParams,
          querystring: UnitDeleteQuery,
          response: { 204: z.null(), 409: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        await deleteUnit(store, request.params.unitId, request.query.version, changeMeta(ctx, user));
        ctx.requests.reset();
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/units/:unitId/merge',
      {
        onRequest: allow('unit:manage'),
        schema: {
          tags,
          summary: 'Merge this unit into another (机构改革)',
          description:
            'Moves every task and target it leads or co-leads, its users, reports, supervision ' +
            'records and evidence to `into`, then deletes it, in one transaction; the area it governs ' +
            'passes to `into`. 接诉即办 (职责划转): each work order it leads or co-handles gets a ' +
            '`transferred` event naming `into` (status and deadlines unchanged, closed orders too), ' +
            'its 三率 rows, themes and exemptions move (a month `into` is already exempt keeps ' +
            "`into`'s), and a catalogue version effective now replaces it. `moved` counts what moved. " +
            '409 when both units reported for the same period, when it governs an area and `into` is ' +
            'no street or town office free to take it, when a work order changed meanwhile, or when ' +
            'a catalogue version scheduled for later names it or would follow the new one.',
          params: UnitParams,
          body: UnitMergeBody,
          response: { 200: UnitMerge, 409: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { unitId } = request.params;
        const { into, version } = request.body;
        if (into === unitId) {
          throw new AppError('BAD_INPUT', 'a unit cannot be merged into itself', [
            { path: 'body.into', message: 'must be another unit' },
          ]);
        }
        const { jurisdictionId } = await store.units.get(unitId);
        // A unit merges into one of its own jurisdiction.
        await checkUnitIds(store, { 'body.into': [into] }, jurisdictionId);
        const merged = await mergeUnit(store, unitId, into, version, changeMeta(ctx, user));
        ctx.requests.reset();
        return { unit: presentVersionedUnit(merged.unit), moved: merged.moved };
      },
    );
  };
}
