/**
 * 会议议定事项: a meeting (常务会议, 专题会议) and its decisions, each registered with the item's
 * number in the minutes, the topic and what was decided; assigned, answered and closed by the
 * supervision office like a 督办 item.
 */
import type { ErrorDetail } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { beijingDate } from '../requests/calendar.js';
import type { Meeting, MeetingDecision, MeetingKind } from './types.js';
import {
  closeWork,
  registeredWork,
  requireDate,
  requireState,
  requireSupervisor,
  requireText,
  sharedStep,
  sourceEvent,
  throwIfAny,
} from './work.js';
import type { SharedAction, Transition } from './work.js';

const ENTITY = { type: 'decision', label: '议定事项' } as const;
const KINDS: readonly MeetingKind[] = ['executive', 'special', 'other'];

export interface MeetingInput {
  name: string;
  kind: MeetingKind;
  heldOn: string;
  minutesNumber?: string | null;
}

/**
 * A supervisor records a meeting. Throws FORBIDDEN or BAD_INPUT (every field).
 * @example
 * registerMeeting(3, { name: '区政府第35次常务会议', kind: 'executive', heldOn: '2024-06-12' }, supervisor, now)
 */
export function registerMeeting(
  id: number,
  input: MeetingInput,
  actor: Actor,
  now: string,
): Transition<Meeting> {
  requireSupervisor(actor, 'record a meeting');
  const problems: ErrorDetail[] = [];
  requireText(problems, 'name', input.name, 'the meeting’s name', 200);
  if (!KINDS.includes(input.kind))
    problems.push({ path: 'kind', message: 'must be 常务会议, 专题会议 or 其他会议' });
  requireDate(problems, 'heldOn', input.heldOn);
  if (!problems.some((p) => p.path === 'heldOn') && input.heldOn > beijingDate(now)) {
    problems.push({ path: 'heldOn', message: 'cannot be after today' });
  }
  if (input.minutesNumber && input.minutesNumber.length > 100)
    problems.push({ path: 'minutesNumber', message: 'longer than 100 characters' });
  throwIfAny(problems, 'The meeting is incomplete');
  const next: Meeting = {
    id,
    name: input.name.trim(),
    kind: input.kind,
    heldOn: input.heldOn,
    minutesNumber: input.minutesNumber?.trim() || null,
  };
  return { next, event: sourceEvent('meeting', null, next, actor, now, 'meeting.register') };
}

export interface DecisionInput {
  itemNo: string;
  topic: string;
  decision: string;
}

/** A supervisor registers one decision of a meeting. Throws FORBIDDEN or BAD_INPUT. */
export function registerDecision(
  id: number,
  meeting: Meeting,
  input: DecisionInput,
  actor: Actor,
  now: string,
): Transition<MeetingDecision> {
  requireSupervisor(actor, 'register a meeting decision');
  const problems: ErrorDetail[] = [];
  requireText(problems, 'itemNo', input.itemNo, 'the item’s number', 20);
  requireText(problems, 'topic', input.topic, 'the topic', 300);
  requireText(problems, 'decision', input.decision, 'the decision');
  throwIfAny(problems, 'The decision is incomplete');
  const next: MeetingDecision = {
    ...registeredWork(id, actor, now),
    meetingId: meeting.id,
    itemNo: input.itemNo.trim(),
    topic: input.topic.trim(),
    decision: input.decision.trim(),
  };
  return { next, event: sourceEvent(ENTITY.type, null, next, actor, now, 'decision.register') };
}

export type DecisionAction = SharedAction | { type: 'close'; note?: string | null };

/** Moves a decision; the supervision office closes an answered one (销号). */
export function transitionDecision(
  current: MeetingDecision,
  action: DecisionAction,
  actor: Actor,
  now: string,
  knownUnit: (unitId: number) => boolean = () => true,
): Transition<MeetingDecision> {
  if (action.type !== 'close') return sharedStep(current, action, actor, now, ENTITY, knownUnit);
  requireSupervisor(actor, 'close a meeting decision');
  requireState(current, ['answered'], 'close it before the unit has answered', ENTITY.label);
  return closeWork(current, action.note ?? null, actor, now, ENTITY);
}
