/**
 * Supervision commands (issue 4): 督办单 (issue, answer, close, escalate), 延期申请 (request,
 * decide) and 销号 (apply with evidence, approve or return, reopen): load → pure domain step
 * (src/plan/supervision.ts) → store, in one transaction with its audit event.
 */
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import {
  applyForClosure,
  decideClosure,
  decideExtension,
  deriveEffectiveDeadline,
  issueNotice,
  reopenTask,
  requestExtension,
  transitionNotice,
} from '../plan/supervision.js';
import type {
  ClosureApplication,
  ExtensionAction,
  ExtensionRequest,
  NoticeAction,
  NoticeUrgency,
  SubjectRef,
  SupervisionNotice,
} from '../plan/supervision.js';
import type { Task } from '../plan/types.js';
import type { Store, Versioned } from '../store/types.js';
import { checkVersion, metaOf, withId } from './frame.js';
import { resolveEvidence } from './tracking.js';
import { updateTask } from './items.js';
import { checkDeadlineSlip, recordPublicChange } from './promises.js';

/** The item a notice or an extension is about, with its owner and deadline. NOT_FOUND if absent. */
async function subjectOwner(
  store: Store,
  planId: number,
  subject: SubjectRef,
): Promise<{ leadUnitId: number | null; coUnitIds: number[]; deadline: string | null }> {
  switch (subject.type) {
    case 'task':
      return store.tasks.get(planId, subject.id);
    case 'target':
      return store.targets.get(planId, subject.id);
    case 'project': {
      const project = await store.projects.get(planId, subject.id);
      const task = project.taskId === null ? null : await store.tasks.get(planId, project.taskId);
      return {
        leadUnitId: task?.leadUnitId ?? null,
        coUnitIds: task?.coUnitIds ?? [],
        deadline: task?.deadline ?? null,
      };
    }
    case 'project_list': {
      const list = (await store.projects.listLists(planId)).find((l) => l.id === subject.id);
      if (!list) throw new AppError('NOT_FOUND', `no project list with id ${subject.id}`);
      const task = list.taskId === null ? null : await store.tasks.get(planId, list.taskId);
      return {
        leadUnitId: task?.leadUnitId ?? null,
        coUnitIds: task?.coUnitIds ?? [],
        deadline: task?.deadline ?? null,
      };
    }
  }
}

/** A supervisor issues a 督办单 on an item to a unit (default: the item's lead unit). */
export async function issueSupervisionNotice(
  store: Store,
  planId: number,
  input: { subject: SubjectRef; unitId?: number; urgency?: NoticeUrgency; content: string; dueOn: string },
  actor: Actor,
  now: string,
): Promise<Versioned<SupervisionNotice>> {
  return store.transaction(async (tx) => {
    const owner = await subjectOwner(tx, planId, input.subject);
    const unitId = input.unitId ?? owner.leadUnitId;
    if (unitId === null || unitId === undefined) {
      throw new AppError('BAD_INPUT', 'the item has no lead unit: name the unit the notice goes to', [
        { path: 'unitId', message: 'required when the item has no lead unit' },
      ]);
    }
    await tx.units.get(unitId);
    const { next, event } = issueNotice(
      {
        id: 0,
        planId,
        subject: input.subject,
        unitId,
        content: input.content,
        dueOn: input.dueOn,
        ...(input.urgency ? { urgency: input.urgency } : {}),
      },
      actor,
      now,
    );
    const { id: _zero, ...fresh } = next;
    const saved = await tx.supervision.insert('notice', fresh);
    await tx.audit.append(withId(event, saved.id), input.subject);
    return saved;
  });
}

/** Answer (the unit), close or escalate (a supervisor) a notice. */
export async function moveNotice(
  store: Store,
  planId: number,
  id: number,
  action: NoticeAction,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<SupervisionNotice>> {
  return store.transaction(async (tx) => {
    const current = await tx.supervision.get('notice', planId, id);
    checkVersion(current, expectedVersion, `notice ${id}`);
    const { next, event } = transitionNotice(current, action, actor, now);
    const saved = await tx.supervision.update('notice', next, current.version);
    await tx.audit.append(event, current.subject);
    return saved;
  });
}

/** The deadline in force for an item, after approved extensions. */
async function deadlineInForce(store: Store, planId: number, subject: SubjectRef, original: string | null) {
  const requests = await store.supervision.list('extension', planId, { subject });
  return { requests, effective: deriveEffectiveDeadline(original, requests) };
}

/** A unit asks for a new deadline on an item it leads. */
export async function requestDeadlineExtension(
  store: Store,
  planId: number,
  input: { subject: SubjectRef; requestedDeadline: string; reason: string; explanation?: string | null },
  actor: Actor,
  now: string,
): Promise<Versioned<ExtensionRequest>> {
  return store.transaction(async (tx) => {
    const owner = await subjectOwner(tx, planId, input.subject);
    const { requests, effective } = await deadlineInForce(tx, planId, input.subject, owner.deadline);
    const unitId = owner.leadUnitId ?? actor.unitIds[0] ?? null;
    if (unitId === null) throw new AppError('FORBIDDEN', 'the item has no lead unit to ask for it');
    const { next, event } = requestExtension(
      {
        id: 0,
        planId,
        subject: input.subject,
        unitId,
        previousDeadline: effective.deadline,
        requestedDeadline: input.requestedDeadline,
        reason: input.reason,
        explanation: input.explanation?.trim() || null,
      },
      actor,
      now,
      requests,
    );
    // A slip past the plan's threshold from the original needs its written explanation (issue 19).
    const explanation = input.explanation;
    await checkDeadlineSlip(
      tx,
      planId,
      input.subject,
      owner.deadline,
      requests,
      input.requestedDeadline,
      explanation,
    );
    const { id: _zero, ...fresh } = next;
    const saved = await tx.supervision.insert('extension', fresh);
    await tx.audit.append(withId(event, saved.id), input.subject);
    return saved;
  });
}

/** A supervisor approves or denies a pending extension request. */
export async function decideDeadlineExtension(
  store: Store,
  planId: number,
  id: number,
  action: ExtensionAction,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<ExtensionRequest>> {
  return store.transaction(async (tx) => {
    const current = await tx.supervision.get('extension', planId, id);
    checkVersion(current, expectedVersion, `extension request ${id}`);
    const { next, event } = decideExtension(current, action, actor, now);
    if (next.state === 'approved' && next.approvedDeadline !== null) {
      // The date granted may differ from the one asked: the threshold is checked again (issue 19).
      const owner = await subjectOwner(tx, planId, current.subject);
      const others = (await tx.supervision.list('extension', planId, { subject: current.subject })).filter(
        (r) => r.id !== id,
      );
      await checkDeadlineSlip(
        tx,
        planId,
        current.subject,
        owner.deadline,
        others,
        next.approvedDeadline,
        current.explanation,
      );
      const plan = await tx.plans.get(planId);
      if (current.subject.type === 'task' || current.subject.type === 'target') {
        const subject = { type: current.subject.type, id: current.subject.id };
        await recordPublicChange(
          tx,
          plan,
          subject,
          'deadline',
          current.previousDeadline,
          next.approvedDeadline,
          now,
        );
      }
    }
    const saved = await tx.supervision.update('extension', next, current.version);
    await tx.audit.append(event, current.subject);
    return saved;
  });
}

/** The lead unit applies to close a done task (销号), with evidence files already uploaded. */
export async function applyToClose(
  store: Store,
  planId: number,
  taskId: number,
  input: { evidence: number[]; note: string },
  actor: Actor,
  now: string,
): Promise<Versioned<ClosureApplication>> {
  return store.transaction(async (tx) => {
    const task = await tx.tasks.get(planId, taskId);
    const evidence = await resolveEvidence(tx, planId, input.evidence, actor);
    const others = await tx.supervision.list('closure', planId, { subject: { type: 'task', id: taskId } });
    const { next, event } = applyForClosure(task, { id: 0, evidence, note: input.note }, actor, now, others);
    const { id: _zero, ...fresh } = next;
    const saved = await tx.supervision.insert('closure', fresh);
    await tx.audit.append(withId(event, saved.id), { type: 'task', id: taskId });
    return saved;
  });
}

/** A supervisor approves (the task becomes closed) or returns a closing application. */
export async function decideClosing(
  store: Store,
  planId: number,
  id: number,
  action: { type: 'approve' } | { type: 'return'; reason: string },
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<{ application: Versioned<ClosureApplication>; task: Task }> {
  return store.transaction(async (tx) => {
    const current = await tx.supervision.get('closure', planId, id);
    checkVersion(current, expectedVersion, `closing application ${id}`);
    const task = await tx.tasks.get(planId, current.taskId);
    const { next, event, task: closed } = decideClosure(current, task, action, actor, now);
    const application = await tx.supervision.update('closure', next, current.version);
    await tx.audit.append(event, { type: 'task', id: task.id });
    const saved =
      closed.state === task.state
        ? task
        : await updateTask(
            tx,
            planId,
            task.id,
            { state: closed.state },
            task.version,
            metaOf(actor, now, 'task.close'),
          );
    return { application, task: saved };
  });
}

/** A supervisor reopens a closed task, with a reason. */
export async function reopenClosedTask(
  store: Store,
  planId: number,
  taskId: number,
  reason: string,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Task> {
  return store.transaction(async (tx) => {
    const task = await tx.tasks.get(planId, taskId);
    checkVersion(task, expectedVersion, `task ${taskId}`);
    const { next } = reopenTask(task, reason, actor, now);
    return updateTask(
      tx,
      planId,
      taskId,
      { state: next.state },
      task.version,
      metaOf(actor, now, 'task.reopen', reason),
    );
  });
}
