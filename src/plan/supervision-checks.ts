/**
 * The guards every supervision transition shares (src/plan/supervision.ts, closure.ts): who may
 * act, and what an action must hold. Each throws AppError: FORBIDDEN, BAD_INPUT or CONFLICT.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Actor } from './audit.js';
import { toDayNumber } from './dates.js';

/**
 * A supervisor or an admin.
 * @example
 * isSupervisor({ userId: 2, role: 'supervisor', unitIds: [] }) // true
 */
export function isSupervisor(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin';
}

/**
 * A reporter acting for the unit, or an admin acting on its behalf.
 * @example
 * actsForUnit({ userId: 5, role: 'reporter', unitIds: [11] }, 11) // true
 */
export function actsForUnit(actor: Actor, unitId: number | null): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'reporter' && unitId !== null && actor.unitIds.includes(unitId);
}

export function requireSupervisor(actor: Actor, what: string): void {
  if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', `Only a supervisor can ${what}`);
}

export function requireUnit(actor: Actor, unitId: number | null, what: string): void {
  if (!actsForUnit(actor, unitId)) {
    throw new AppError('FORBIDDEN', `Only a reporter of unit ${String(unitId)} can ${what}`);
  }
}

export function requireText(
  problems: ErrorDetail[],
  path: string,
  value: string | undefined,
  what: string,
): void {
  if (value === undefined || value.trim() === '') problems.push({ path, message: `${what} is required` });
}

export function requireDateFrom(
  problems: ErrorDetail[],
  path: string,
  value: string | undefined,
  from: string,
): void {
  if (value === undefined) {
    problems.push({ path, message: 'a date is required' });
    return;
  }
  try {
    if (toDayNumber(value) < toDayNumber(from)) problems.push({ path, message: `must be ${from} or later` });
  } catch {
    problems.push({ path, message: `"${value}" is not an ISO date` });
  }
}

export function throwIfAny(problems: ErrorDetail[], message: string): void {
  if (problems.length > 0) throw new AppError('BAD_INPUT', message, problems);
}

/** BAD_INPUT (`message`) unless a reason is given: denials, returns and reopenings need one. */
export function requireReason(reason: string | undefined, message: string): void {
  const problems: ErrorDetail[] = [];
  requireText(problems, 'reason', reason, 'a reason');
  throwIfAny(problems, message);
}

/** CONFLICT unless a request still awaits its decision (`state` is `awaiting`). */
export function requireUndecided(
  current: { id: number; state: string },
  awaiting: string,
  what: string,
): void {
  if (current.state !== awaiting) {
    throw new AppError('CONFLICT', `${what} ${current.id} was already ${current.state}`);
  }
}
