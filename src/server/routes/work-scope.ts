/**
 * Which jurisdiction's ledger other work goes in (issue 18 with issue 16): the one the request
 * works in, or one below it that the caller sees — a city's 督查室 registers for its districts
 * and assigns to their units; a district never reaches a sibling (404, as if it did not exist).
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { WorkJurisdiction } from '../../contract/index.js';
import { AppError } from '../../errors.js';
import { listSubtree } from '../../jurisdictions/tree.js';
import { allow } from '../auth/actor.js';
import type { ApiApp, ServerContext } from '../context.js';
import { canSee } from '../scope.js';

/** The jurisdictions the request may register work for: the one worked in first, then those below it it sees. */
async function registrable(ctx: ServerContext, request: FastifyRequest): Promise<number[]> {
  const all = await ctx.jurisdictions.list();
  return listSubtree(all, request.scope.jurisdictionId).filter((id) => canSee(request.scope, id));
}

/** The jurisdiction asked for (default: the one worked in), or NOT_FOUND when the caller may not register for it. */
export async function workJurisdiction(
  ctx: ServerContext,
  request: FastifyRequest,
  asked: number | undefined,
): Promise<number> {
  if (asked === undefined || asked === request.scope.jurisdictionId) return request.scope.jurisdictionId;
  if (!(await registrable(ctx, request)).includes(asked)) {
    throw new AppError('NOT_FOUND', `jurisdiction ${asked} not found`, [
      { path: 'jurisdictionId', message: 'not a jurisdiction you may register work for' },
    ]);
  }
  return asked;
}

export function workScopeRoutes(app: ApiApp, ctx: ServerContext): void {
  app.get(
    '/work/jurisdictions',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags: ['work'],
        summary: 'The jurisdictions the caller may register work for, each with its units',
        response: { 200: z.array(WorkJurisdiction) },
      },
    },
    async (request) => {
      const ids = await registrable(ctx, request);
      const all = new Map((await ctx.jurisdictions.list()).map((j) => [j.id, j]));
      const units = await ctx.store.units.list(ids);
      return ids.map((id) => ({
        id,
        name: all.get(id)?.name ?? '',
        parentId: all.get(id)?.parentId ?? null,
        units: units.filter((u) => u.jurisdictionId === id).map((u) => ({ id: u.id, name: u.name })),
      }));
    },
  );
}
