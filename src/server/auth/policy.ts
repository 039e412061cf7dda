/**
 * Who may do what: the whole permission model in one table, pure and testable. Routes ask
 * `can(user, action)` before they act, and `canReportOn` for a reporter's own units' items.
 *
 * - admin: everything.
 * - supervisor (督查室): all plans, assignment, import and publish, units.
 * - reporter (牵头/配合单位): reads plans; reports progress only on items whose lead unit or
 *   co-units include one of its units.
 * - leader (区领导): reads everything, writes nothing (except its own sign-out and API tokens).
 * - public (not signed in, `user` undefined): published plans only, nothing personal.
 */
import type { Role, User } from '../../plan/types.js';

export type Action =
  | 'plan:read-draft'
  | 'plan:import'
  | 'plan:update'
  | 'plan:delete'
  | 'item:assign'
  | 'item:report'
  | 'item:read-personal'
  | 'audit:read'
  | 'unit:manage'
  | 'user:manage'
  | 'jurisdiction:create'
  | 'token:create';

export const ROLES_BY_ACTION: Record<Action, readonly Role[]> = {
  'plan:read-draft': ['admin', 'supervisor', 'reporter', 'leader'],
  'plan:import': ['admin', 'supervisor'],
  'plan:update': ['admin', 'supervisor'],
  'plan:delete': ['admin'],
  'item:assign': ['admin', 'supervisor'],
  'item:report': ['admin', 'supervisor', 'reporter'],
  'item:read-personal': ['admin', 'supervisor', 'reporter', 'leader'],
  // The plan-wide audit trail names every unit's 督办单, answers and extension reasons: a unit
  // reads its own items' history, never the trail of all units (issue 12.3).
  'audit:read': ['admin', 'supervisor', 'leader'],
  'unit:manage': ['admin', 'supervisor'],
  'user:manage': ['admin'],
  // A government set up below the admin's own (新建辖区, issue 16.1).
  'jurisdiction:create': ['admin'],
  'token:create': ['admin', 'supervisor', 'reporter', 'leader'],
};

/** True when the user's role allows the action; the public (undefined) may do none of them. */
export function can(user: User | undefined, action: Action): boolean {
  return user !== undefined && !user.disabled && ROLES_BY_ACTION[action].includes(user.role);
}

/** The units an item belongs to: its lead unit and co-units. */
export interface OwnedItem {
  leadUnitId: number | null;
  coUnitIds: number[];
}

/**
 * True when the user may report on this item: roles with `item:report` on any item, except
 * reporters, who must act for the item's lead unit or one of its co-units.
 */
export function canReportOn(user: User | undefined, item: OwnedItem): boolean {
  if (user === undefined || !can(user, 'item:report')) return false;
  if (user.role !== 'reporter') return true;
  const units = new Set(user.unitIds);
  return (
    (item.leadUnitId !== null && units.has(item.leadUnitId)) || item.coUnitIds.some((id) => units.has(id))
  );
}
