/**
 * Which jurisdiction a request works in, and which it may see (issue 16.2). A user belongs to a
 * jurisdiction and, when granted, sees the ones below it (a city's 督查室 its districts'); a
 * district never sees a sibling. The public sees what is public of every jurisdiction. The
 * jurisdiction worked in is the user's own unless the request names another it may see
 * (header `x-luoshi-jurisdiction`, the web app's jurisdiction switch); for the public, the one
 * named, else the deployment's first.
 *
 * Objects named in a path (`:planId`, `:unitId`, `:userId`, an order, a theme) are checked
 * before any route runs: another jurisdiction's answers 404, as if it did not exist.
 */
import type { FastifyRequest, preValidationHookHandler } from 'fastify';
import { AppError } from '../errors.js';
import { listVisibleJurisdictions } from '../jurisdictions/tree.js';
import type { JurisdictionRecord } from '../store/jurisdictions.js';
import type { Store } from '../store/types.js';

export const JURISDICTION_HEADER = 'x-luoshi-jurisdiction';

export interface Scope {
  /** The jurisdiction the request works in: lists, new plans, units and orders are its. */
  jurisdictionId: number;
  /** Jurisdictions whose objects the caller may see; 'all' for the public (public content only). */
  visible: readonly number[] | 'all';
}

declare module 'fastify' {
  interface FastifyRequest {
    scope: Scope;
  }
}

/** The jurisdictions of one store, read once and held until a setup changes them. */
export interface JurisdictionDirectory {
  list(): Promise<JurisdictionRecord[]>;
  reset(): void;
}

export function createJurisdictionDirectory(store: Store): JurisdictionDirectory {
  let held: Promise<JurisdictionRecord[]> | undefined;
  return {
    list() {
      if (held === undefined) {
        const read = store.jurisdictions.list();
        held = read;
        read.catch(() => {
          if (held === read) held = undefined;
        });
      }
      return held;
    },
    reset() {
      held = undefined;
    },
  };
}

const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

/** True when the scope may see objects of `jurisdictionId`. */
export function canSee(scope: Scope, jurisdictionId: number | undefined): boolean {
  return scope.visible === 'all' || (jurisdictionId !== undefined && scope.visible.includes(jurisdictionId));
}

/** NOT_FOUND (`what`) unless the scope may see objects of `jurisdictionId`. */
export function assertSees(scope: Scope, jurisdictionId: number | undefined, what: string): void {
  if (!canSee(scope, jurisdictionId)) throw notFound(what);
}

/**
 * An onRequest hook (after authenticate) that sets `request.scope`. A jurisdiction named in
 * the header that the caller may not see, or that does not exist, answers 404.
 */
export function resolveScope(directory: JurisdictionDirectory) {
  return async function scopeRequest(request: FastifyRequest): Promise<void> {
    const all = await directory.list();
    const header = request.headers[JURISDICTION_HEADER];
    const named = typeof header === 'string' && header.trim() !== '' ? Number(header) : undefined;
    if (named !== undefined && !(Number.isInteger(named) && all.some((j) => j.id === named))) {
      throw notFound(`jurisdiction ${header}`);
    }
    if (request.actor.kind !== 'user') {
      request.scope = { jurisdictionId: named ?? all[0]?.id ?? 1, visible: 'all' };
      return;
    }
    const { user } = request.actor;
    const visible = listVisibleJurisdictions(all, {
      jurisdictionId: user.jurisdictionId,
      descendants: user.seesDescendants,
    });
    if (named !== undefined && !visible.includes(named)) throw notFound(`jurisdiction ${named}`);
    request.scope = { jurisdictionId: named ?? user.jurisdictionId, visible };
  };
}

/**
 * A preValidation hook for routes with object ids in their path: each object of another jurisdiction
 * than the caller may see answers 404 (reads and writes alike). The public is left to the
 * routes (they show only what is public).
 */
export function guardPathObjects(store: Store): preValidationHookHandler {
  return async function guard(request) {
    if (request.actor.kind !== 'user') return;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const scope = request.scope;
    const id = (key: string) => {
      const value = params[key];
      const n = value === undefined ? NaN : Number(value);
      return Number.isInteger(n) ? n : undefined;
    };
    const planId = id('planId');
    if (planId !== undefined) {
      const plan = await store.plans.find(planId);
      if (plan) assertSees(scope, plan.jurisdictionId, `plan ${planId}`);
    }
    const unitId = id('unitId');
    if (unitId !== undefined) {
      const unit = await store.units.find(unitId);
      if (unit) assertSees(scope, unit.jurisdictionId, `unit ${unitId}`);
    }
    const userId = id('userId');
    if (userId !== undefined) {
      const user = await store.users.find(userId);
      if (user) assertSees(scope, user.jurisdictionId, `user ${userId}`);
    }
    const path = request.routeOptions.url ?? '';
    const other = id('id');
    if (other !== undefined && /\/requests\/themes\/:id/.test(path)) {
      const owner = await store.requestThemes.findOwner(other);
      if (owner !== undefined) assertSees(scope, owner, `theme ${other}`);
    } else if (other !== undefined && /\/requests\/by-task\/:id/.test(path)) {
      const owner = await store.tasks.findOwner(other);
      if (owner !== undefined) assertSees(scope, owner, `task ${other}`);
    } else if (other !== undefined && /\/requests\/:id/.test(path)) {
      const order = await store.requests.findOrder(other);
      if (order) assertSees(scope, order.jurisdictionId, `order ${other}`);
    }
  };
}
