/**
 * What a change to a plan item may hold: an assignment (lead unit, co-units, leader, deadline,
 * weight), a task's state and progress, a project's stage and its dates. Pure: whether the units
 * exist is the command's to ask the store (src/commands/items.ts).
 */
import type { ErrorDetail } from '../errors.js';
import { PROJECT_STAGES } from './types.js';
import type { Assignment, Project, ProjectStage, TaskState } from './types.js';

export const TASK_STATES: readonly TaskState[] = ['not_started', 'in_progress', 'done', 'closed'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * True for a real calendar date written YYYY-MM-DD.
 * @example isIsoDate('2022-02-30') // false
 */
export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Problems with the fields of an assignment, each naming its field (units are checked apart). */
export function checkAssignmentFields(patch: Partial<Assignment>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (patch.coUnitIds !== undefined && !Array.isArray(patch.coUnitIds)) {
    problems.push({ path: 'coUnitIds', message: 'must be a list of unit ids' });
  }
  if (patch.deadline !== undefined && patch.deadline !== null && !isIsoDate(patch.deadline)) {
    problems.push({ path: 'deadline', message: 'must be a date YYYY-MM-DD' });
  }
  if (patch.weight !== undefined && !(Number.isFinite(patch.weight) && patch.weight >= 0)) {
    problems.push({ path: 'weight', message: 'must be a number ≥ 0' });
  }
  return problems;
}

/** Problems with a task's new state and progress (0–100). */
export function checkTaskProgress(patch: {
  state?: TaskState | undefined;
  progress?: number | undefined;
}): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (patch.state !== undefined && !TASK_STATES.includes(patch.state)) {
    problems.push({ path: 'state', message: `must be one of ${TASK_STATES.join(', ')}` });
  }
  if (
    patch.progress !== undefined &&
    !(Number.isFinite(patch.progress) && patch.progress >= 0 && patch.progress <= 100)
  ) {
    problems.push({ path: 'progress', message: 'must be a number from 0 to 100' });
  }
  return problems;
}

/** Problems with a project's new stage and the dates of its stages. */
export function checkProjectStages(patch: {
  currentStage?: ProjectStage | undefined;
  stageDates?: Project['stageDates'] | undefined;
}): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (patch.currentStage !== undefined && !PROJECT_STAGES.includes(patch.currentStage)) {
    problems.push({ path: 'currentStage', message: `must be one of ${PROJECT_STAGES.join(', ')}` });
  }
  for (const [stage, date] of Object.entries(patch.stageDates ?? {})) {
    if (!PROJECT_STAGES.includes(stage as ProjectStage)) {
      problems.push({ path: `stageDates.${stage}`, message: 'not a pipeline stage' });
    } else if (typeof date !== 'string' || !ISO_DATE.test(date)) {
      problems.push({ path: `stageDates.${stage}`, message: 'must be a date YYYY-MM-DD' });
    }
  }
  return problems;
}
