/**
 * Who acts on requests (接诉即办): the plan's roles as the domain's actors — admins and
 * supervisors are the 12345 centre, a reporter is a unit acting for its own units — and which
 * orders a unit holds.
 */
import { AppError } from '../errors.js';
import type { OrderSource, RequestActor, WorkOrder } from './types.js';

/**
 * A signed-in account as requests see it: its id, its role in the plan office (src/plan's
 * Role, by name: requests import nothing of the plan) and the units it acts for.
 */
export interface RequestAccount {
  id: number;
  role: 'admin' | 'supervisor' | 'reporter' | 'leader';
  unitIds: number[];
}

/**
 * The user as an actor of requests, or undefined for the public and for a leader (who reads
 * and never acts).
 * @example toRequestActor({ id: 5, role: 'reporter', unitIds: [11] }) // { userId: 5, role: 'unit', unitIds: [11] }
 */
export function toRequestActor(user: RequestAccount | undefined): RequestActor | undefined {
  if (user === undefined) return undefined;
  const role: Record<RequestAccount['role'], RequestActor['role'] | undefined> = {
    admin: 'center',
    supervisor: 'center',
    reporter: 'unit',
    leader: undefined,
  };
  const mapped = role[user.role];
  if (mapped === undefined) return undefined;
  return { userId: user.id, role: mapped, unitIds: mapped === 'unit' ? user.unitIds : [] };
}

/**
 * True when the unit user's units hold the order (as lead or co-unit).
 * @example holdsOrder({ leadUnitId: 3, coUnits: [] } as WorkOrder, [3]) // true
 */
export function holdsOrder(
  order: Pick<WorkOrder, 'leadUnitId' | 'coUnits'>,
  unitIds: readonly number[],
): boolean {
  const mine = new Set(unitIds);
  return (
    (order.leadUnitId !== null && mine.has(order.leadUnitId)) ||
    order.coUnits.some((co) => mine.has(co.unitId))
  );
}

/**
 * Who takes a request in, whichever door it comes through (the API, Open311): the public
 * through the web form only (as the system); the centre from any source; a unit's user — a grid
 * worker (热线+网格) — its own finds only (source `grid`); a leader never (it reads). Throws
 * FORBIDDEN naming the field at fault.
 * @example deriveIntakeActor({ id: 5, role: 'reporter', unitIds: [11] }, 'api') // throws FORBIDDEN
 */
export function deriveIntakeActor(account: RequestAccount | undefined, source: OrderSource): RequestActor {
  if (account === undefined) {
    if (source !== 'web') {
      throw new AppError('FORBIDDEN', 'the public may submit through the web form only', [
        { path: 'body.source', message: 'must be web' },
      ]);
    }
    return { userId: null, role: 'system', unitIds: [] };
  }
  const actor = toRequestActor(account);
  if (actor === undefined)
    throw new AppError('FORBIDDEN', `your role (${account.role}) may not take requests in`);
  if (actor.role === 'unit' && source !== 'grid') {
    throw new AppError('FORBIDDEN', 'a unit reports its own finds with source grid', [
      { path: 'body.source', message: 'must be grid' },
    ]);
  }
  return actor;
}
