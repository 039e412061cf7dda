/**
 * Commands on a plan's items: assign a task or target (lead unit, co-units, leader, deadline,
 * weight), report a task's state and progress, move a project along its stages, and add a task
 * that is not in the report (carried over from last year). Each is checked (src/plan/
 * assignment.ts, and the store for the units), written under the item's version and audited
 * (before/after of the fields it may touch) in one transaction.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { checkAssignmentFields, checkProjectStages, checkTaskProgress } from '../plan/assignment.js';
import type { Project, ProjectStage, Target, Task, TaskState } from '../plan/types.js';
import { staleVersion } from '../store/rows.js';
import type { AssignmentPatch, ChangeMeta, NewTask, Store } from '../store/types.js';
import { changeEvent } from './frame.js';
import { checkUnitsExist } from './users.js';
import { prepareDeadlineMove, recordPublicChange } from './promises.js';
import type { MoveNote } from './promises.js';

const now = () => new Date().toISOString();

/** Problems with an assignment: its fields (the domain's) and its units (they must exist). */
async function checkAssignment(store: Store, patch: AssignmentPatch): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  if (patch.leadUnitId !== undefined && patch.leadUnitId !== null) {
    problems.push(...(await checkUnitsExist(store, [patch.leadUnitId], 'leadUnitId')));
  }
  const fields = checkAssignmentFields(patch);
  if (patch.coUnitIds !== undefined && Array.isArray(patch.coUnitIds)) {
    problems.push(...(await checkUnitsExist(store, patch.coUnitIds, 'coUnitIds')));
  }
  return [...problems, ...fields];
}

/** The assignment's columns, the leader's name trimmed (an empty one clears it). */
function assignmentColumns(patch: AssignmentPatch) {
  return {
    ...(patch.leadUnitId !== undefined ? { leadUnitId: patch.leadUnitId } : {}),
    ...(patch.leader !== undefined ? { leader: patch.leader?.trim() || null } : {}),
    ...(patch.deadline !== undefined ? { deadline: patch.deadline } : {}),
    ...(patch.weight !== undefined ? { weight: patch.weight } : {}),
  };
}

// ---- audit snapshots: the fields a change can touch (not version or timestamps) -------------

function assignmentFields(item: Target | Task) {
  return {
    leadUnitId: item.leadUnitId,
    coUnitIds: item.coUnitIds,
    leader: item.leader,
    deadline: item.deadline,
    weight: item.weight,
  };
}

function taskFields(task: Task) {
  return { ...assignmentFields(task), state: task.state, progress: task.progress };
}

/**
 * Assigns a task or reports its state and progress, with its audit event (`task.update`
 * unless the meta names the action). BAD_INPUT naming each field at fault; NOT_FOUND; CONFLICT
 * (`expectedVersion`) when the task changed meanwhile.
 */
export async function updateTask(
  store: Store,
  planId: number,
  id: number,
  patch: AssignmentPatch & { state?: TaskState; progress?: number } & MoveNote,
  expectedVersion: number,
  meta?: ChangeMeta,
): Promise<Task> {
  const problems = [...(await checkAssignment(store, patch)), ...checkTaskProgress(patch)];
  if (problems.length) throw new AppError('BAD_INPUT', `任务进展有误：${problems[0]!.message}`, problems);
  return store.transaction(async (tx) => {
    const before = await tx.tasks.get(planId, id);
    // After publication a deadline moved is a re-baseline: checked now, recorded after the write.
    const moved =
      patch.deadline === undefined
        ? undefined
        : await prepareDeadlineMove(
            tx,
            planId,
            { type: 'task', id: before.id, deadline: before.deadline },
            patch.deadline,
            patch,
            meta,
          );
    const columns = {
      ...assignmentColumns(patch),
      ...(patch.state !== undefined ? { state: patch.state } : {}),
      ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
    };
    if (!(await tx.tasks.update(planId, id, columns, patch.coUnitIds, expectedVersion, now()))) {
      await tx.tasks.get(planId, id);
      throw staleVersion('task', id, 'expectedVersion');
    }
    const after = await tx.tasks.get(planId, id);
    await tx.audit.append(
      changeEvent({ type: 'task', id }, planId, taskFields(before), taskFields(after), meta),
    );
    await moved?.();
    if (after.state !== before.state) {
      const plan = await tx.plans.get(planId);
      await recordPublicChange(
        tx,
        plan,
        { type: 'task', id },
        'state',
        before.state,
        after.state,
        meta?.at ?? now(),
      );
    }
    return after;
  });
}

/**
 * Assigns a target, with its `target.update` audit event. BAD_INPUT naming each field at
 * fault; NOT_FOUND; CONFLICT (`expectedVersion`) when the target changed meanwhile.
 */
export async function updateTarget(
  store: Store,
  planId: number,
  id: number,
  patch: AssignmentPatch & MoveNote,
  expectedVersion: number,
  meta?: ChangeMeta,
): Promise<Target> {
  const problems = await checkAssignment(store, patch);
  if (problems.length) throw new AppError('BAD_INPUT', `责任分工有误：${problems[0]!.message}`, problems);
  return store.transaction(async (tx) => {
    const before = await tx.targets.get(planId, id);
    const moved =
      patch.deadline === undefined
        ? undefined
        : await prepareDeadlineMove(
            tx,
            planId,
            { type: 'target', id: before.id, deadline: before.deadline },
            patch.deadline,
            patch,
            meta,
          );
    const columns = assignmentColumns(patch);
    if (!(await tx.targets.update(planId, id, columns, patch.coUnitIds, expectedVersion, now()))) {
      await tx.targets.get(planId, id);
      throw staleVersion('target', id, 'expectedVersion');
    }
    const after = await tx.targets.get(planId, id);
    const event = changeEvent(
      { type: 'target', id },
      planId,
      assignmentFields(before),
      assignmentFields(after),
      meta,
    );
    await tx.audit.append(event);
    await moved?.();
    return after;
  });
}

/**
 * Moves a project along 储备 → 签约 → 开工 → 建成投用, with the dates of its stages and its
 * audit event. BAD_INPUT naming each field at fault; NOT_FOUND; CONFLICT when it changed meanwhile.
 */
export async function updateProject(
  store: Store,
  planId: number,
  id: number,
  patch: { currentStage?: ProjectStage; stageDates?: Project['stageDates'] },
  expectedVersion: number,
  meta?: ChangeMeta,
): Promise<Project> {
  const problems = checkProjectStages(patch);
  if (problems.length) throw new AppError('BAD_INPUT', `项目阶段有误：${problems[0]!.message}`, problems);
  return store.transaction(async (tx) => {
    const before = await tx.projects.get(planId, id);
    if (!(await tx.projects.update(planId, id, patch, expectedVersion, now()))) {
      throw staleVersion('project', id, 'expectedVersion');
    }
    const after = await tx.projects.get(planId, id);
    const fields = (p: Project) => ({ currentStage: p.currentStage, stageDates: p.stageDates });
    await tx.audit.append(changeEvent({ type: 'project', id }, planId, fields(before), fields(after), meta));
    return after;
  });
}

/**
 * Adds a task that is not a sentence of the report (carried over from last year's plan): span
 * [0, 0], `carriedFrom` naming its source, kept as it is by a re-import. Checks its units;
 * writes no audit event (the caller does, with its reason). NOT_FOUND for an unknown plan.
 */
export async function createTask(store: Store, planId: number, input: NewTask): Promise<Task> {
  await store.plans.get(planId);
  const problems = await checkAssignment(store, input);
  if (problems.length > 0) throw new AppError('BAD_INPUT', `任务有误：${problems[0]!.message}`, problems);
  return store.transaction(async (tx) => {
    const id = await tx.tasks.insert(planId, input, now());
    await tx.plans.touch(planId);
    return tx.tasks.get(planId, id);
  });
}
