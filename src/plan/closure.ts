/**
 * 销号: closing a task as done, after review, and reopening it — state machines with guards,
 * as every supervision transition (src/plan/supervision.ts): (current, action, actor, now) →
 * the next state and an audit event, or AppError.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { createAuditEvent, createStepEvent } from './audit.js';
import type { Actor, AuditEvent } from './audit.js';
import {
  requireReason,
  requireSupervisor,
  requireText,
  requireUndecided,
  requireUnit,
  throwIfAny,
} from './supervision-checks.js';
import type { Transition } from './supervision.js';
import type { TaskState } from './types.js';

// ——— 销号 ———

export type ClosureState = 'applied' | 'approved' | 'returned';

/** A stored evidence file, by reference. */
export interface EvidenceRef {
  fileId: number | string;
  name: string;
}

export interface ClosureApplication {
  id: number;
  planId: number;
  taskId: number;
  unitId: number;
  state: ClosureState;
  evidence: EvidenceRef[];
  note: string;
  appliedBy: number;
  appliedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  returnReason: string | null;
}

/** The fields of a task that closing reads and changes. */
export interface ClosableTask {
  id: number;
  planId: number;
  state: TaskState;
  progress: number;
  leadUnitId: number | null;
}

/**
 * The lead unit applies to close a task as done (销号), with at least one evidence file.
 * The task must be done (state done or 100%); CONFLICT when it is closed already or another
 * application awaits review.
 * @example
 * applyForClosure(task, { id: 3, evidence: [{ fileId: 9, name: '验收报告.pdf' }], note: '已竣工验收' },
 *   leadReporter, '2022-11-20T09:00:00.000Z')
 */
export function applyForClosure<T extends ClosableTask>(
  task: T,
  input: { id: number; evidence: EvidenceRef[]; note: string },
  actor: Actor,
  now: string,
  others: readonly Pick<ClosureApplication, 'id' | 'taskId' | 'state'>[] = [],
): Transition<ClosureApplication> {
  requireUnit(actor, task.leadUnitId, 'apply to close this task (the lead unit applies)');
  if (task.state === 'closed') throw new AppError('CONFLICT', `Task ${task.id} is already closed`);
  const pending = others.find((a) => a.taskId === task.id && a.state === 'applied');
  if (pending)
    throw new AppError('CONFLICT', `Closing application ${pending.id} on task ${task.id} awaits review`);
  if (task.state !== 'done' && task.progress < 100) {
    throw new AppError('CONFLICT', `Task ${task.id} is not done (state ${task.state}, ${task.progress}%)`);
  }
  const problems: ErrorDetail[] = [];
  if (input.evidence.length === 0)
    problems.push({ path: 'evidence', message: 'at least one evidence file is required' });
  requireText(problems, 'note', input.note, 'a note on what was done');
  throwIfAny(problems, 'The closing application is incomplete');
  const next: ClosureApplication = {
    id: input.id,
    planId: task.planId,
    taskId: task.id,
    unitId: task.leadUnitId!,
    state: 'applied',
    evidence: input.evidence,
    note: input.note,
    appliedBy: actor.userId,
    appliedAt: now,
    decidedBy: null,
    decidedAt: null,
    returnReason: null,
  };
  return { next, event: createStepEvent('closure', null, next, actor, now, 'closure.apply', null) };
}

/**
 * A supervisor approves an application (the task becomes closed, 已销号, and leaves the open
 * list) or returns it with a reason (the task stays as it was).
 * @example
 * const { next, task: closed, taskEvent } = decideClosure(application, task, { type: 'approve' }, supervisor, now)
 */
export function decideClosure<T extends ClosableTask>(
  current: ClosureApplication,
  task: T,
  action: { type: 'approve' } | { type: 'return'; reason: string },
  actor: Actor,
  now: string,
): Transition<ClosureApplication> & { task: T; taskEvent: AuditEvent | null } {
  requireSupervisor(actor, 'decide on closing a task');
  requireUndecided(current, 'applied', 'Closing application');
  if (task.id !== current.taskId)
    throw new AppError('BAD_INPUT', `Application ${current.id} is not for task ${task.id}`);
  if (action.type === 'return') {
    requireReason(action.reason, 'A return needs a reason');
    const next: ClosureApplication = {
      ...current,
      state: 'returned',
      decidedBy: actor.userId,
      decidedAt: now,
      returnReason: action.reason,
    };
    return {
      next,
      event: createStepEvent('closure', current, next, actor, now, 'closure.return', action.reason),
      task,
      taskEvent: null,
    };
  }
  if (task.state === 'closed') throw new AppError('CONFLICT', `Task ${task.id} is already closed`);
  const next: ClosureApplication = { ...current, state: 'approved', decidedBy: actor.userId, decidedAt: now };
  const closed: T = { ...task, state: 'closed' };
  return {
    next,
    event: createStepEvent('closure', current, next, actor, now, 'closure.approve', null),
    task: closed,
    taskEvent: taskStateEvent(task, closed, 'task.close', actor, now, null),
  };
}

/**
 * A supervisor reopens a closed task, with a reason: it goes back to in progress (推进中) and
 * returns to the open list. CONFLICT unless the task is closed.
 * @example
 * reopenTask(closedTask, '验收发现问题需整改', supervisor, '2022-12-01T09:00:00.000Z')
 */
export function reopenTask<T extends ClosableTask>(
  task: T,
  reason: string,
  actor: Actor,
  now: string,
): Transition<T> {
  requireSupervisor(actor, 'reopen a task');
  if (task.state !== 'closed')
    throw new AppError('CONFLICT', `Task ${task.id} is not closed (state ${task.state})`);
  requireReason(reason, 'Reopening needs a reason');
  const next: T = { ...task, state: 'in_progress' };
  return { next, event: taskStateEvent(task, next, 'task.reopen', actor, now, reason) };
}

/** The audit event of a task's state moved by closing or reopening it. */
function taskStateEvent(
  before: ClosableTask,
  after: ClosableTask,
  action: string,
  actor: Actor,
  now: string,
  reason: string | null,
): AuditEvent {
  return createAuditEvent({
    at: now,
    actor,
    entity: { type: 'task', id: before.id },
    planId: before.planId,
    action,
    before: { state: before.state },
    after: { state: after.state },
    reason,
  });
}
