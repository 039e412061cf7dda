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

/** A task's states as the office names them. */
const STATE_WORDS: Record<TaskState, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
  closed: '已销号',
};

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
    problems.push({ path: 'coUnitIds', code: 'coUnits', message: '配合单位应从本辖区单位名单中选择' });
  }
  if (patch.deadline !== undefined && patch.deadline !== null && !isIsoDate(patch.deadline)) {
    problems.push({
      path: 'deadline',
      code: 'date',
      message: `完成时限“${String(patch.deadline)}”不是有效日期：请按“2022-03-01”的格式填写`,
    });
  }
  if (patch.weight !== undefined && !(Number.isFinite(patch.weight) && patch.weight >= 0)) {
    problems.push({ path: 'weight', code: 'weight', message: '权重应为不小于0的数' });
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
    problems.push({
      path: 'state',
      code: 'state',
      message: `办理状态应为${Object.values(STATE_WORDS).join('、')}之一`,
    });
  }
  if (
    patch.progress !== undefined &&
    !(Number.isFinite(patch.progress) && patch.progress >= 0 && patch.progress <= 100)
  ) {
    problems.push({ path: 'progress', code: 'percent', message: '完成进度应为0至100之间的数' });
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
    problems.push({
      path: 'currentStage',
      code: 'unknownStage',
      message: `项目阶段应为${PROJECT_STAGES.map((s) => `“${s}”`).join('、')}之一`,
    });
  }
  for (const [stage, date] of Object.entries(patch.stageDates ?? {})) {
    if (!PROJECT_STAGES.includes(stage as ProjectStage)) {
      problems.push({
        path: `stageDates.${stage}`,
        code: 'unknownStage',
        message: `“${stage}”不是项目阶段：阶段为${PROJECT_STAGES.map((s) => `“${s}”`).join('、')}`,
      });
    } else if (typeof date !== 'string' || !ISO_DATE.test(date)) {
      problems.push({
        path: `stageDates.${stage}`,
        code: 'date',
        message: `“${stage}”阶段的日期“${String(date)}”不是有效日期：请按“2022-03-01”的格式填写`,
      });
    }
  }
  return problems;
}
