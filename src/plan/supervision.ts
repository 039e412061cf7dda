/**
 * Supervision as state machines with guards: 督办单 (notices), 延期申请 (extension requests)
 * and 销号 (closing a task as done, after review), with reopening.
 * Every transition takes (current, action, actor, now) and returns the next state and an
 * audit event, or throws AppError: FORBIDDEN when the actor may not act, CONFLICT when the
 * current state forbids the action, BAD_INPUT when the action itself is incomplete.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { createStepEvent } from './audit.js';
import type { Actor, AuditEvent } from './audit.js';
import { dateOf, toDayNumber } from './dates.js';
import {
  requireDateFrom,
  requireReason,
  requireSupervisor,
  requireText,
  requireUndecided,
  requireUnit,
  throwIfAny,
} from './supervision-checks.js';
import type { Health } from './types.js';

/** What a notice, an extension or a closing is about. */
export interface SubjectRef {
  type: 'task' | 'target' | 'project' | 'project_list';
  id: number;
}

export interface Transition<S> {
  next: S;
  event: AuditEvent;
}

export { actsForUnit, isSupervisor } from './supervision-checks.js';
export * from './closure.js';

// ——— 督办单 ———

export type NoticeState = 'issued' | 'answered' | 'closed' | 'escalated';
/** 红/黄/蓝 三色督办: red the most urgent. */
export type NoticeUrgency = 'red' | 'yellow' | 'blue';

/** The offices' names for the three colours. */
export const NOTICE_URGENCY_LABELS: Readonly<Record<NoticeUrgency, string>> = Object.freeze({
  red: '红色督办',
  yellow: '黄色督办',
  blue: '蓝色督办',
});

export interface NoticeEscalation {
  at: string;
  by: number;
  reason: string;
  fromUrgency: NoticeUrgency;
  toUrgency: NoticeUrgency;
  dueOn: string;
}

export interface SupervisionNotice {
  id: number;
  planId: number;
  subject: SubjectRef;
  unitId: number;
  urgency: NoticeUrgency;
  state: NoticeState;
  content: string;
  /** The date the unit must answer by (moved by an escalation). */
  dueOn: string;
  issuedBy: number;
  issuedAt: string;
  answer: string | null;
  answeredBy: number | null;
  answeredAt: string | null;
  closedBy: number | null;
  closedAt: string | null;
  closingNote: string | null;
  escalations: NoticeEscalation[];
}

export type NoticeAction =
  | { type: 'answer'; text: string }
  | { type: 'close'; note?: string }
  | { type: 'escalate'; reason: string; dueOn: string; urgency?: NoticeUrgency };

/**
 * The urgency offices give a notice from an item's health: behind → red, at risk → yellow,
 * anything else → blue.
 * @example
 * deriveNoticeUrgency('at_risk') // 'yellow'
 */
export function deriveNoticeUrgency(health: Health): NoticeUrgency {
  if (health === 'behind') return 'red';
  if (health === 'at_risk') return 'yellow';
  return 'blue';
}

const MORE_URGENT: Record<NoticeUrgency, NoticeUrgency> = { blue: 'yellow', yellow: 'red', red: 'red' };

/**
 * A supervisor issues a notice on an item to its unit, due on a date not in the past.
 * Throws FORBIDDEN for anyone else, BAD_INPUT listing what is missing.
 * @example
 * issueNotice({ id: 1, planId: 1, subject: { type: 'task', id: 7 }, unitId: 11, urgency: 'yellow',
 *   content: '请加快推进', dueOn: '2022-05-10' }, supervisor, '2022-05-03T09:00:00.000Z')
 */
export function issueNotice(
  input: Pick<SupervisionNotice, 'id' | 'planId' | 'subject' | 'unitId' | 'content' | 'dueOn'> & {
    urgency?: NoticeUrgency;
  },
  actor: Actor,
  now: string,
): Transition<SupervisionNotice> {
  requireSupervisor(actor, 'issue a 督办单');
  const problems: ErrorDetail[] = [];
  requireText(problems, 'content', input.content, 'the notice text');
  requireDateFrom(problems, 'dueOn', input.dueOn, dateOf(now));
  throwIfAny(problems, 'The notice is incomplete');
  const next: SupervisionNotice = {
    ...input,
    urgency: input.urgency ?? 'blue',
    state: 'issued',
    issuedBy: actor.userId,
    issuedAt: now,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    closedBy: null,
    closedAt: null,
    closingNote: null,
    escalations: [],
  };
  return { next, event: createStepEvent('notice', null, next, actor, now, 'notice.issue', null) };
}

/**
 * Moves a notice: the unit answers (issued or escalated → answered); a supervisor closes an
 * answered notice or escalates an open or answered one (urgency up one step unless given, a
 * new due date, a reason). A closed notice takes no action.
 * @example
 * transitionNotice(notice, { type: 'answer', text: '已完成土地征收' }, unitReporter, now)
 */
export function transitionNotice(
  current: SupervisionNotice,
  action: NoticeAction,
  actor: Actor,
  now: string,
): Transition<SupervisionNotice> {
  if (current.state === 'closed') throw new AppError('CONFLICT', `Notice ${current.id} is closed`);
  const problems: ErrorDetail[] = [];
  switch (action.type) {
    case 'answer': {
      requireUnit(actor, current.unitId, 'answer this notice');
      if (current.state === 'answered') {
        throw new AppError('CONFLICT', `Notice ${current.id} is already answered and awaits review`);
      }
      requireText(problems, 'text', action.text, 'the answer');
      throwIfAny(problems, 'The answer is empty');
      const next: SupervisionNotice = {
        ...current,
        state: 'answered',
        answer: action.text,
        answeredBy: actor.userId,
        answeredAt: now,
      };
      return { next, event: createStepEvent('notice', current, next, actor, now, 'notice.answer', null) };
    }
    case 'close': {
      requireSupervisor(actor, 'close a 督办单');
      if (current.state !== 'answered') {
        throw new AppError(
          'CONFLICT',
          `Notice ${current.id} has no answer to accept yet (state ${current.state})`,
        );
      }
      const next: SupervisionNotice = {
        ...current,
        state: 'closed',
        closedBy: actor.userId,
        closedAt: now,
        closingNote: action.note ?? null,
      };
      return {
        next,
        event: createStepEvent('notice', current, next, actor, now, 'notice.close', action.note ?? null),
      };
    }
    case 'escalate': {
      requireSupervisor(actor, 'escalate a 督办单');
      requireText(problems, 'reason', action.reason, 'a reason');
      requireDateFrom(problems, 'dueOn', action.dueOn, dateOf(now));
      throwIfAny(problems, 'The escalation is incomplete');
      const toUrgency = action.urgency ?? MORE_URGENT[current.urgency];
      const next: SupervisionNotice = {
        ...current,
        state: 'escalated',
        urgency: toUrgency,
        dueOn: action.dueOn,
        answer: null,
        answeredBy: null,
        answeredAt: null,
        escalations: [
          ...current.escalations,
          {
            at: now,
            by: actor.userId,
            reason: action.reason,
            fromUrgency: current.urgency,
            toUrgency,
            dueOn: action.dueOn,
          },
        ],
      };
      return {
        next,
        event: createStepEvent('notice', current, next, actor, now, 'notice.escalate', action.reason),
      };
    }
  }
}

/**
 * Whether a notice still awaits the unit's answer after its due date.
 * @example
 * isNoticeOverdue(notice, '2022-05-11') // true for an issued notice due 2022-05-10
 */
export function isNoticeOverdue(notice: Pick<SupervisionNotice, 'state' | 'dueOn'>, date: string): boolean {
  return (
    (notice.state === 'issued' || notice.state === 'escalated') &&
    toDayNumber(date) > toDayNumber(notice.dueOn)
  );
}

// ——— 延期申请 ———

export type ExtensionState = 'requested' | 'approved' | 'denied';

export interface ExtensionRequest {
  id: number;
  planId: number;
  subject: SubjectRef;
  unitId: number;
  /** The deadline in force when asked (after earlier extensions). */
  previousDeadline: string | null;
  requestedDeadline: string;
  reason: string;
  state: ExtensionState;
  requestedBy: number;
  requestedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  /** The deadline granted (may be earlier than asked); null unless approved. */
  approvedDeadline: string | null;
  decisionNote: string | null;
  /** The written, public explanation of a slip past the plan's threshold (issue 19, src/verdicts). */
  explanation?: string | null;
  /** `decision`: a re-baseline the plan office made by a decision, approved when recorded (issue 19). */
  origin?: 'unit' | 'decision';
}

export type ExtensionAction =
  { type: 'approve'; deadline?: string; note?: string } | { type: 'deny'; reason: string };

/**
 * A unit asks for a new deadline, with a reason. Refused (CONFLICT) while another request on
 * the same item awaits a decision; BAD_INPUT when the new date is not after the deadline in
 * force (nor today) or the reason is missing.
 * @example
 * requestExtension({ id: 1, planId: 1, subject: { type: 'task', id: 7 }, unitId: 11,
 *   previousDeadline: '2022-06-30', requestedDeadline: '2022-09-30', reason: '征地手续未完成' },
 *   unitReporter, '2022-06-01T09:00:00.000Z')
 */
export function requestExtension(
  input: Pick<
    ExtensionRequest,
    | 'id'
    | 'planId'
    | 'subject'
    | 'unitId'
    | 'previousDeadline'
    | 'requestedDeadline'
    | 'reason'
    | 'explanation'
  >,
  actor: Actor,
  now: string,
  others: readonly Pick<ExtensionRequest, 'id' | 'subject' | 'state'>[] = [],
): Transition<ExtensionRequest> {
  requireUnit(actor, input.unitId, 'ask for an extension');
  const pending = others.find(
    (r) =>
      r.state === 'requested' && r.subject.type === input.subject.type && r.subject.id === input.subject.id,
  );
  if (pending)
    throw new AppError('CONFLICT', `Extension request ${pending.id} on this item awaits a decision`);
  const problems: ErrorDetail[] = [];
  requireText(problems, 'reason', input.reason, 'a reason');
  const today = dateOf(now);
  const previous = input.previousDeadline;
  const floor = previous !== null && toDayNumber(previous) >= toDayNumber(today) ? previous : today;
  requireDateFrom(problems, 'requestedDeadline', input.requestedDeadline, floor);
  const dateOk = problems.every((p) => p.path !== 'requestedDeadline');
  if (previous !== null && dateOk && input.requestedDeadline === previous) {
    problems.push({ path: 'requestedDeadline', message: `must be after the deadline in force, ${previous}` });
  }
  throwIfAny(problems, 'The extension request is incomplete');
  const next: ExtensionRequest = {
    ...input,
    state: 'requested',
    requestedBy: actor.userId,
    requestedAt: now,
    decidedBy: null,
    decidedAt: null,
    approvedDeadline: null,
    decisionNote: null,
  };
  return {
    next,
    event: createStepEvent('extension', null, next, actor, now, 'extension.request', input.reason),
  };
}

/**
 * A supervisor approves (the requested date, or another one after the deadline in force) or
 * denies (with a reason) a pending request. The history stays: nothing is deleted.
 * @example
 * decideExtension(request, { type: 'approve' }, supervisor, '2022-06-03T09:00:00.000Z')
 */
export function decideExtension(
  current: ExtensionRequest,
  action: ExtensionAction,
  actor: Actor,
  now: string,
): Transition<ExtensionRequest> {
  requireSupervisor(actor, 'decide on an extension');
  requireUndecided(current, 'requested', 'Extension request');
  if (action.type === 'deny') {
    requireReason(action.reason, 'A denial needs a reason');
    const next: ExtensionRequest = {
      ...current,
      state: 'denied',
      decidedBy: actor.userId,
      decidedAt: now,
      decisionNote: action.reason,
    };
    return {
      next,
      event: createStepEvent('extension', current, next, actor, now, 'extension.deny', action.reason),
    };
  }
  const deadline = action.deadline ?? current.requestedDeadline;
  const problems: ErrorDetail[] = [];
  if (action.deadline !== undefined) {
    requireDateFrom(
      problems,
      'deadline',
      action.deadline,
      current.previousDeadline ?? dateOf(current.requestedAt),
    );
    if (problems.length === 0 && action.deadline === current.previousDeadline) {
      problems.push({ path: 'deadline', message: 'must be after the deadline in force' });
    }
  }
  throwIfAny(problems, 'The approved deadline is not valid');
  const next: ExtensionRequest = {
    ...current,
    state: 'approved',
    decidedBy: actor.userId,
    decidedAt: now,
    approvedDeadline: deadline,
    decisionNote: action.note ?? null,
  };
  return {
    next,
    event: createStepEvent('extension', current, next, actor, now, 'extension.approve', action.note ?? null),
  };
}

export interface EffectiveDeadline {
  /** The deadline in force: the last approved extension's, else the original. */
  deadline: string | null;
  original: string | null;
  extended: boolean;
  /** Each approved change, in the order decided. */
  history: { requestId: number; from: string | null; to: string; decidedAt: string }[];
}

/**
 * The deadline in force for an item, shown wherever its deadline is: approved extensions
 * applied in the order they were decided; requested and denied ones change nothing.
 * @example
 * deriveEffectiveDeadline('2022-06-30', [approvedTo0930]).deadline // '2022-09-30'
 */
export function deriveEffectiveDeadline(
  original: string | null,
  requests: readonly Pick<ExtensionRequest, 'id' | 'state' | 'approvedDeadline' | 'decidedAt'>[],
): EffectiveDeadline {
  const approved = requests
    .filter((r) => r.state === 'approved' && r.approvedDeadline !== null && r.decidedAt !== null)
    .sort((a, b) => Date.parse(a.decidedAt!) - Date.parse(b.decidedAt!) || a.id - b.id);
  let deadline = original;
  const history: EffectiveDeadline['history'] = [];
  for (const r of approved) {
    history.push({ requestId: r.id, from: deadline, to: r.approvedDeadline!, decidedAt: r.decidedAt! });
    deadline = r.approvedDeadline;
  }
  return { deadline, original, extended: history.length > 0, history };
}
