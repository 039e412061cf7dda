/**
 * Who a signed-in user is to a 服务包 (decision 39): the office (营商办, the plan office: admins
 * and supervisors), the holder's 服务管家 (a unit's user whose name is the package's 服务管家),
 * a responsible unit (a unit's user), or nobody (leaders read, they do not act). The holder
 * itself acts through its confirmation link, as `enterprise`. And how a commitment stands
 * against its deadline, in the plan's health words, so it sits beside tasks on the same scale.
 */
import { addDays } from '../plan/dates.js';
import type { Health, User } from '../plan/types.js';
import type { Commitment, ServiceActor } from './types.js';

/**
 * The actor `user` acts as for an event that `allowed` roles may ask for, on a package looked
 * after by `butler`; undefined for a user who may not act at all (a leader).
 * @example
 * deriveServiceActor({ role: 'reporter', displayName: '王伟', unitIds: [3] }, '王伟', ['enterprise', 'butler'])
 * // { role: 'butler', unitIds: [3] }
 */
export function deriveServiceActor(
  user: Pick<User, 'role' | 'displayName' | 'unitIds'>,
  butler: string,
  allowed: readonly ServiceActor['role'][],
): ServiceActor | undefined {
  if (user.role === 'admin' || user.role === 'supervisor') return { role: 'office', unitIds: [] };
  if (user.role !== 'reporter') return undefined;
  if (isButler(user, butler) && allowed.includes('butler'))
    return { role: 'butler', unitIds: [...user.unitIds] };
  return { role: 'unit', unitIds: [...user.unitIds] };
}

/** True when the user is the 服务管家 named `butler` (their names, spaces aside, are the same). */
export function isButler(user: Pick<User, 'displayName'>, butler: string): boolean {
  const name = (s: string) => s.replace(/\s+/g, '');
  return name(butler) !== '' && name(user.displayName) === name(butler);
}

/** Days before its deadline from which an owed commitment is at risk. */
export const COMMITMENT_WARN_DAYS = 5;

/**
 * A commitment's health on `date`: done once confirmed by the holder; behind when owed past its
 * deadline; at risk when owed within COMMITMENT_WARN_DAYS of it, or delivered and waiting for
 * the holder past it; on track otherwise; not started while open and far from due.
 * @example
 * deriveCommitmentHealth({ state: 'in_progress', dueOn: '2024-10-09' }, '2024-10-10') // 'behind'
 */
export function deriveCommitmentHealth(c: Pick<Commitment, 'state' | 'dueOn'>, date: string): Health {
  if (c.state === 'confirmed') return 'done';
  const owed = c.state === 'open' || c.state === 'in_progress' || c.state === 'returned';
  if (owed && date > c.dueOn) return 'behind';
  if (owed && addDays(date, COMMITMENT_WARN_DAYS) >= c.dueOn) return 'at_risk';
  if (c.state === 'delivered') return date > c.dueOn ? 'at_risk' : 'on_track';
  return c.state === 'open' ? 'not_started' : 'on_track';
}
