/**
 * The steps every source shares, as guarded transitions like the 督办单's: assign (a
 * supervisor gives it to a lead unit and co-units with a deadline), answer (the lead unit
 * reports its result), return (the office sends an answer back), reopen (a closed item is
 * taken up again). Each returns the next record and its audit event, or throws AppError:
 * FORBIDDEN for the wrong actor, CONFLICT for the wrong state, BAD_INPUT naming each field.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { createAuditEvent } from '../plan/audit.js';
import type { Actor, AuditEntityType, AuditEvent } from '../plan/audit.js';
import { toDayNumber } from '../plan/dates.js';
import { actsForUnit, isSupervisor } from '../plan/supervision.js';
import { beijingDate } from '../requests/calendar.js';
import type { AssignedWork } from './types.js';

export interface Transition<S> {
  next: S;
  event: AuditEvent;
}

/** The longest text a form field takes (a 批示 or an answer rarely passes a page). */
export const MAX_SOURCE_TEXT = 20_000;

export function requireSupervisor(actor: Actor, what: string): void {
  if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', `Only the supervision office can ${what}`);
}

export function requireText(
  problems: ErrorDetail[],
  path: string,
  value: string | null | undefined,
  what: string,
  max = MAX_SOURCE_TEXT,
): void {
  if (value === undefined || value === null || value.trim() === '')
    problems.push({ path, message: `${what} is required` });
  else if (value.length > max) problems.push({ path, message: `${what} is longer than ${max} characters` });
}

/** BAD_INPUT unless `value` is an ISO date; with `notBefore`, on or after it. */
export function requireDate(
  problems: ErrorDetail[],
  path: string,
  value: string | null | undefined,
  notBefore?: { date: string; what: string },
): void {
  if (value === undefined || value === null || value === '') {
    problems.push({ path, message: 'a date is required' });
    return;
  }
  let day: number;
  try {
    day = toDayNumber(value);
  } catch {
    problems.push({ path, message: `"${value}" is not a date (YYYY-MM-DD)` });
    return;
  }
  if (notBefore && day < toDayNumber(notBefore.date))
    problems.push({ path, message: `must be ${notBefore.what} (${notBefore.date}) or later` });
}

export function throwIfAny(problems: ErrorDetail[], message: string): void {
  if (problems.length > 0) throw new AppError('BAD_INPUT', message, problems);
}

export function requireState<S extends AssignedWork>(
  current: S,
  allowed: readonly S['state'][],
  what: string,
  label: string,
): void {
  if (!allowed.includes(current.state)) {
    throw new AppError('CONFLICT', `${label} ${current.id} is ${current.state}: cannot ${what}`);
  }
}

/** The audit event of one step of a source record. */
export function sourceEvent<S extends { id: number }>(
  type: AuditEntityType,
  before: S | null,
  after: S,
  actor: Actor,
  now: string,
  action: string,
  reason: string | null = null,
): AuditEvent {
  return createAuditEvent({
    at: now,
    actor,
    entity: { type, id: after.id },
    planId: null,
    action,
    before,
    after,
    reason,
  });
}

/** The fields every source starts with at registration. */
export function registeredWork(id: number, actor: Actor, now: string): AssignedWork {
  return {
    id,
    state: 'registered',
    leadUnitId: null,
    coUnitIds: [],
    dueOn: null,
    requirement: null,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    closedBy: null,
    closedAt: null,
    closingNote: null,
    taskId: null,
    registeredBy: actor.userId,
    registeredAt: now,
  };
}

export interface AssignInput {
  leadUnitId: number;
  coUnitIds?: number[];
  dueOn: string;
  requirement?: string | null;
}

/**
 * Gives a registered item to a lead unit (and co-units) with a deadline not in the past.
 * Later changes go through the task: 延期 for the deadline, the assignment page for units.
 */
export function assignWork<S extends AssignedWork>(
  current: S,
  input: AssignInput,
  actor: Actor,
  now: string,
  entity: { type: AuditEntityType; label: string },
  knownUnit: (unitId: number) => boolean,
): Transition<S> {
  requireSupervisor(actor, `assign a ${entity.label}`);
  requireState(
    current,
    ['registered'],
    'assign it again (change the unit or deadline on its task)',
    entity.label,
  );
  const problems: ErrorDetail[] = [];
  if (!knownUnit(input.leadUnitId))
    problems.push({ path: 'leadUnitId', message: `unit ${input.leadUnitId} does not exist` });
  const co = [...new Set(input.coUnitIds ?? [])];
  co.forEach((id, i) => {
    if (!knownUnit(id)) problems.push({ path: `coUnitIds.${i}`, message: `unit ${id} does not exist` });
    if (id === input.leadUnitId)
      problems.push({ path: `coUnitIds.${i}`, message: 'the lead unit cannot also be a co-unit' });
  });
  requireDate(problems, 'dueOn', input.dueOn, { date: beijingDate(now), what: 'today' });
  if (input.requirement && input.requirement.length > MAX_SOURCE_TEXT) {
    problems.push({ path: 'requirement', message: `longer than ${MAX_SOURCE_TEXT} characters` });
  }
  throwIfAny(problems, `The ${entity.label}'s assignment is incomplete`);
  const next: S = {
    ...current,
    state: 'assigned',
    leadUnitId: input.leadUnitId,
    coUnitIds: co,
    dueOn: input.dueOn,
    requirement: input.requirement?.trim() || null,
  };
  return { next, event: sourceEvent(entity.type, current, next, actor, now, `${entity.type}.assign`) };
}

/** The lead unit answers (办理情况): assigned → answered. */
export function answerWork<S extends AssignedWork>(
  current: S,
  text: string,
  actor: Actor,
  now: string,
  entity: { type: AuditEntityType; label: string },
): Transition<S> {
  if (!actsForUnit(actor, current.leadUnitId)) {
    throw new AppError('FORBIDDEN', `Only the lead unit can answer this ${entity.label}`);
  }
  requireState(current, ['assigned'], 'answer it', entity.label);
  const problems: ErrorDetail[] = [];
  requireText(problems, 'text', text, 'the answer');
  throwIfAny(problems, 'The answer is empty');
  const next: S = {
    ...current,
    state: 'answered',
    answer: text.trim(),
    answeredBy: actor.userId,
    answeredAt: now,
  };
  return { next, event: sourceEvent(entity.type, current, next, actor, now, `${entity.type}.answer`) };
}

/** The office sends an answer back with a reason (退回重办): answered → assigned. */
export function returnWork<S extends AssignedWork>(
  current: S,
  reason: string,
  actor: Actor,
  now: string,
  entity: { type: AuditEntityType; label: string },
): Transition<S> {
  requireSupervisor(actor, `return a ${entity.label}'s answer`);
  requireState(current, ['answered'], 'return its answer', entity.label);
  const problems: ErrorDetail[] = [];
  requireText(problems, 'reason', reason, 'a reason');
  throwIfAny(problems, 'A return needs a reason');
  const next: S = { ...current, state: 'assigned', answer: null, answeredBy: null, answeredAt: null };
  return {
    next,
    event: sourceEvent(entity.type, current, next, actor, now, `${entity.type}.return`, reason.trim()),
  };
}

/** A closed item taken up again, with a reason and a new deadline: closed → assigned. */
export function reopenWork<S extends AssignedWork>(
  current: S,
  input: { reason: string; dueOn: string },
  actor: Actor,
  now: string,
  entity: { type: AuditEntityType; label: string },
): Transition<S> {
  requireSupervisor(actor, `reopen a ${entity.label}`);
  requireState(current, ['closed'], 'reopen it', entity.label);
  const problems: ErrorDetail[] = [];
  requireText(problems, 'reason', input.reason, 'a reason');
  requireDate(problems, 'dueOn', input.dueOn, { date: beijingDate(now), what: 'today' });
  throwIfAny(problems, 'A reopening needs a reason and a new deadline');
  const next: S = {
    ...current,
    state: 'assigned',
    dueOn: input.dueOn,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    closedBy: null,
    closedAt: null,
    closingNote: null,
  };
  return {
    next,
    event: sourceEvent(entity.type, current, next, actor, now, `${entity.type}.reopen`, input.reason.trim()),
  };
}

/**
 * Closes an answered item (办结). Who may close is the source's rule; this only moves the state.
 */
export function closeWork<S extends AssignedWork>(
  current: S,
  note: string | null,
  actor: Actor,
  now: string,
  entity: { type: AuditEntityType; label: string },
  extra: Partial<S> = {},
): Transition<S> {
  const next: S = {
    ...current,
    ...extra,
    state: 'closed',
    closedBy: actor.userId,
    closedAt: now,
    closingNote: note?.trim() || null,
  };
  return {
    next,
    event: sourceEvent(entity.type, current, next, actor, now, `${entity.type}.close`, note?.trim() || null),
  };
}

/** The steps a 批示件 and a meeting decision take alike: 交办, 答复, 退回, 重新交办. */
export type SharedAction =
  | ({ type: 'assign' } & AssignInput)
  | { type: 'answer'; text: string }
  | { type: 'return'; reason: string }
  | { type: 'reopen'; reason: string; dueOn: string };

/** One of the shared steps applied to an item of any source; the source keeps its own (close, file). */
export function sharedStep<S extends AssignedWork>(
  current: S,
  action: SharedAction,
  actor: Actor,
  now: string,
  entity: { type: AuditEntityType; label: string },
  knownUnit: (unitId: number) => boolean,
): Transition<S> {
  switch (action.type) {
    case 'assign':
      return assignWork(current, action, actor, now, entity, knownUnit);
    case 'answer':
      return answerWork(current, action.text, actor, now, entity);
    case 'return':
      return returnWork(current, action.reason, actor, now, entity);
    case 'reopen':
      return reopenWork(current, action, actor, now, entity);
  }
}
