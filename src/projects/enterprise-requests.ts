/**
 * 企业诉求: a request an enterprise makes, taken in by its 服务管家, sent to a unit, and clocked
 * like a 接诉即办 order — the same deadline rules, calendar and paused periods
 * (src/requests/calendar.ts `computeDeadline`, `isOverdue`), so the two never disagree on a day.
 * received → dispatched → signed → replied → closed; a closed request may be reopened.
 */
import { AppError } from '../errors.js';
import { DEFAULT_CALENDAR, computeDeadline, isOverdue } from '../requests/calendar.js';
import type { WorkCalendar } from '../requests/calendar.js';
import type { Deadline, DeadlineRule, Interval, Satisfaction } from '../requests/types.js';
import { SATISFACTION_LEVELS } from '../requests/types.js';
import type { EnterpriseRequest, EnterpriseRequestRules, ServiceActor } from './types.js';

/** Sign within a working day, finish within 15 working days; a jurisdiction sets its own. */
export const DEFAULT_ENTERPRISE_REQUEST_RULES: EnterpriseRequestRules = {
  sign: { amount: 1, calendar: 'working_days' },
  finish: { amount: 15, calendar: 'working_days' },
};

function refuse(code: 'BAD_INPUT' | 'CONFLICT' | 'FORBIDDEN', message: string, path = 'event'): never {
  throw new AppError(code, message, [{ path, message }]);
}

function instant(now: string): string {
  const ms = Date.parse(now);
  if (Number.isNaN(ms)) refuse('BAD_INPUT', `Not an ISO instant: "${now}"`, 'now');
  return new Date(ms).toISOString();
}

export interface EnterpriseRequestIntake {
  enterpriseId: number;
  packageId?: number | null;
  text: string;
  category: string;
  butler: string;
}

/**
 * A request taken in by the 服务管家 at `now`. Throws BAD_INPUT for an empty text, category or 服务管家.
 * @example
 * receiveEnterpriseRequest(1, { enterpriseId: 3, text: '厂房消防验收进度慢', category: '审批', butler: '李娜' }, now).status // 'received'
 */
export function receiveEnterpriseRequest(
  id: number,
  intake: EnterpriseRequestIntake,
  now: string,
): EnterpriseRequest {
  if (!intake.text.trim()) refuse('BAD_INPUT', 'A request needs its content', 'text');
  if (!intake.category.trim()) refuse('BAD_INPUT', 'A request needs a category', 'category');
  if (!intake.butler.trim()) refuse('BAD_INPUT', 'A request needs its 服务管家', 'butler');
  return {
    id,
    enterpriseId: intake.enterpriseId,
    packageId: intake.packageId ?? null,
    text: intake.text.trim(),
    category: intake.category.trim(),
    receivedAt: instant(now),
    butler: intake.butler.trim(),
    status: 'received',
    leadUnitId: null,
    rules: null,
    deadlines: null,
    pauses: [],
    pausedAt: null,
    signedAt: null,
    repliedAt: null,
    reply: null,
    closedAt: null,
    satisfaction: null,
    reopenCount: 0,
    version: 1,
  };
}

export type EnterpriseRequestEventInput =
  | { type: 'dispatched'; unitId: number; rules?: EnterpriseRequestRules }
  | { type: 'signed' }
  /** The clock stands still (waiting on the enterprise's papers). */
  | { type: 'paused'; reason: string }
  | { type: 'resumed' }
  | { type: 'replied'; text: string }
  | { type: 'closed'; satisfaction: Satisfaction | null }
  | { type: 'reopened'; reason: string };

export type EnterpriseRequestEvent = EnterpriseRequestEventInput & {
  requestId: number;
  seq: number;
  at: string;
  actor: ServiceActor;
};

/** Who may ask for each event. */
export const REQUEST_EVENT_ROLES: Readonly<
  Record<EnterpriseRequestEventInput['type'], ServiceActor['role'][]>
> = {
  dispatched: ['butler', 'office'],
  signed: ['unit'],
  paused: ['unit', 'butler', 'office'],
  resumed: ['unit', 'butler', 'office'],
  replied: ['unit'],
  closed: ['butler', 'office'],
  reopened: ['butler', 'office'],
};

const FROM: Record<EnterpriseRequestEventInput['type'], EnterpriseRequest['status'][]> = {
  dispatched: ['received'],
  signed: ['dispatched'],
  paused: ['dispatched', 'signed'],
  resumed: ['dispatched', 'signed'],
  replied: ['signed'],
  closed: ['replied'],
  reopened: ['closed'],
};

function deadline(calendar: WorkCalendar, from: string, rule: DeadlineRule, pauses: Interval[]): Deadline {
  return { due: computeDeadline(calendar, from, rule, pauses), rule, from };
}

function checkRules(rules: EnterpriseRequestRules): void {
  for (const step of ['sign', 'finish'] as const) {
    const r = rules[step];
    if (!(r.amount > 0) || (r.calendar !== 'working_days' && r.calendar !== 'natural_hours'))
      refuse(
        'BAD_INPUT',
        `The ${step} rule needs an amount > 0 of working days or natural hours`,
        `rules.${step}`,
      );
  }
}

/**
 * Applies one event at `now`: the state machine, who may act (the lead unit signs and replies;
 * the 服务管家 dispatches, closes with the enterprise's satisfaction and reopens), and the clock —
 * deadlines fixed at dispatch by computeDeadline, moved by every paused period, fixed anew on a
 * reopening. Throws FORBIDDEN, CONFLICT (wrong status, already paused or not paused) or BAD_INPUT.
 * @example
 * applyEnterpriseRequestEvent(req, { type: 'dispatched', unitId: 12 }, butler, '2024-09-30T02:00:00Z').request.deadlines.finish.due
 */
export function applyEnterpriseRequestEvent(
  request: EnterpriseRequest,
  input: EnterpriseRequestEventInput,
  actor: ServiceActor,
  now: string,
  options: { calendar?: WorkCalendar } = {},
): { request: EnterpriseRequest; event: EnterpriseRequestEvent } {
  const at = instant(now);
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  if (!REQUEST_EVENT_ROLES[input.type].includes(actor.role))
    refuse('FORBIDDEN', `A ${actor.role} may not record "${input.type}"`);
  if (actor.role === 'unit' && (request.leadUnitId === null || !actor.unitIds.includes(request.leadUnitId)))
    refuse('FORBIDDEN', 'Only the unit holding the request may act on it');
  if (!FROM[input.type].includes(request.status))
    refuse('CONFLICT', `A request that is ${request.status} cannot be "${input.type}"`);
  const next: EnterpriseRequest = { ...request, version: request.version + 1 };
  switch (input.type) {
    case 'dispatched': {
      const rules = input.rules ?? request.rules ?? DEFAULT_ENTERPRISE_REQUEST_RULES;
      checkRules(rules);
      if (!Number.isInteger(input.unitId) || input.unitId <= 0)
        refuse('BAD_INPUT', 'Name the unit', 'unitId');
      Object.assign(next, {
        status: 'dispatched',
        leadUnitId: input.unitId,
        rules,
        deadlines: {
          sign: deadline(calendar, at, rules.sign, []),
          finish: deadline(calendar, at, rules.finish, []),
        },
      });
      break;
    }
    case 'signed':
      Object.assign(next, { status: 'signed', signedAt: at });
      break;
    case 'paused':
      if (request.pausedAt !== null) refuse('CONFLICT', 'The clock is already stopped');
      if (!input.reason.trim()) refuse('BAD_INPUT', 'Stopping the clock needs a reason', 'reason');
      next.pausedAt = at;
      break;
    case 'resumed': {
      if (request.pausedAt === null || !request.deadlines) refuse('CONFLICT', 'The clock is not stopped');
      const pauses = [...request.pauses, { from: request.pausedAt, to: at }];
      const d = request.deadlines;
      next.pauses = pauses;
      next.pausedAt = null;
      next.deadlines = {
        sign: deadline(calendar, d.sign.from, d.sign.rule, pauses),
        finish: deadline(calendar, d.finish.from, d.finish.rule, pauses),
      };
      break;
    }
    case 'replied':
      if (!input.text.trim()) refuse('BAD_INPUT', 'A reply needs its content', 'text');
      if (request.pausedAt !== null) refuse('CONFLICT', 'Restart the clock before replying');
      Object.assign(next, { status: 'replied', repliedAt: at, reply: input.text.trim() });
      break;
    case 'closed':
      if (input.satisfaction !== null && !SATISFACTION_LEVELS.includes(input.satisfaction))
        refuse('BAD_INPUT', `Satisfaction must be one of ${SATISFACTION_LEVELS.join('、')}`, 'satisfaction');
      Object.assign(next, { status: 'closed', closedAt: at, satisfaction: input.satisfaction });
      break;
    case 'reopened': {
      if (!input.reason.trim()) refuse('BAD_INPUT', 'Reopening needs a reason', 'reason');
      const rules = request.rules ?? DEFAULT_ENTERPRISE_REQUEST_RULES;
      Object.assign(next, {
        status: 'dispatched',
        deadlines: {
          sign: deadline(calendar, at, rules.sign, []),
          finish: deadline(calendar, at, rules.finish, []),
        },
        signedAt: null,
        repliedAt: null,
        reply: null,
        closedAt: null,
        satisfaction: null,
        reopenCount: request.reopenCount + 1,
      });
      break;
    }
  }
  return { request: next, event: { ...input, requestId: request.id, seq: next.version, at, actor } };
}

export interface RequestOverdue {
  requestId: number;
  step: 'sign' | 'finish';
  unitId: number;
  due: string;
  hoursLate: number;
}

const HOUR = 3_600_000;

/**
 * The deadlines a request has missed at `now` (empty when it is not with a unit). A clock stopped
 * now counts as stopped up to `now`.
 * @example
 * deriveEnterpriseRequestOverdue(req, '2024-10-31T00:00:00Z') // [{ step: 'finish', hoursLate: 20, … }]
 */
export function deriveEnterpriseRequestOverdue(
  request: EnterpriseRequest,
  now: string,
  options: { calendar?: WorkCalendar } = {},
): RequestOverdue[] {
  const d = request.deadlines;
  const unitId = request.leadUnitId;
  if (!d || unitId === null || (request.status !== 'dispatched' && request.status !== 'signed')) return [];
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  const pauses =
    request.pausedAt === null ? request.pauses : [...request.pauses, { from: request.pausedAt, to: now }];
  const due = (x: Deadline) =>
    request.pausedAt === null ? x.due : computeDeadline(calendar, x.from, x.rule, pauses);
  const out: RequestOverdue[] = [];
  const push = (step: 'sign' | 'finish', dueAt: string) => {
    if (isOverdue(dueAt, now))
      out.push({
        requestId: request.id,
        step,
        unitId,
        due: dueAt,
        hoursLate: Math.floor((Date.parse(now) - Date.parse(dueAt)) / HOUR),
      });
  };
  if (request.signedAt === null) push('sign', due(d.sign));
  push('finish', due(d.finish));
  return out;
}
