/**
 * The unit's one report for a period, as the progress form edits it: values kept as typed
 * (strings) so a half-typed number can be told apart from a wrong one; checked as the user
 * types; turned into the API's report when everything holds.
 */
import type { ReportDraft, ReportBody, TaskEntry } from '../api/tracking';
import type { TaskState } from '../api/types';

export const NOTE_MAX = 2000;

export interface TaskLineValues {
  taskId: number;
  progress: string;
  state: TaskState;
  note: string;
}
export interface TargetLineValues {
  targetId: number;
  value: string;
  unit: string;
  note: string;
}
export interface ProgressValues {
  tasks: TaskLineValues[];
  targets: TargetLineValues[];
}

/** A problem: an i18n key and its values. */
export interface Problem {
  key: string;
  values?: Record<string, unknown>;
}
/** Problems by field: `task.<id>.progress`, `task.<id>.note`, `target.<id>.value`, … */
export type ProgressProblems = Record<string, Problem>;

/** The states a unit may report; closed comes only through 销号. */
export const REPORTABLE_STATES: TaskState[] = ['not_started', 'in_progress', 'done'];

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A typed number, or undefined when it is not one ("", "12a", "1e5" are not). */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/[,，]/g, '');
  if (!NUMBER.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

function show(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : String(n);
}

/** The form's start: the draft the server carried forward (or the returned report). */
export function toProgressValues(draft: Pick<ReportDraft, 'tasks' | 'targets'>): ProgressValues {
  return {
    tasks: draft.tasks.map((t: TaskEntry) => ({
      taskId: t.taskId,
      progress: show(t.progress),
      state: t.state === 'closed' ? 'done' : t.state,
      note: t.note,
    })),
    targets: draft.targets.map((t) => ({
      targetId: t.targetId,
      value: show(t.value),
      unit: t.unit,
      note: t.note,
    })),
  };
}

/** Every problem of the report, by field. */
export function validateProgress(values: ProgressValues): ProgressProblems {
  const problems: ProgressProblems = {};
  for (const line of values.tasks) {
    const at = `task.${line.taskId}`;
    const progress = parseNumber(line.progress);
    if (line.progress.trim() === '') problems[`${at}.progress`] = { key: 'todo.progressRequired' };
    else if (progress === undefined) problems[`${at}.progress`] = { key: 'todo.notANumber' };
    else if (progress < 0 || progress > 100) problems[`${at}.progress`] = { key: 'todo.progressRange' };
    else if (line.state === 'done' && progress < 100)
      problems[`${at}.progress`] = { key: 'todo.doneNeedsHundred' };
    else if (line.state === 'not_started' && progress > 0)
      problems[`${at}.state`] = { key: 'todo.startedWithProgress' };
    if (line.note.length > NOTE_MAX)
      problems[`${at}.note`] = { key: 'todo.noteTooLong', values: { max: NOTE_MAX } };
  }
  for (const line of values.targets) {
    const at = `target.${line.targetId}`;
    if (line.value.trim() === '') problems[`${at}.value`] = { key: 'todo.valueRequired' };
    else if (parseNumber(line.value) === undefined) problems[`${at}.value`] = { key: 'todo.notANumber' };
    if (line.note.length > NOTE_MAX)
      problems[`${at}.note`] = { key: 'todo.noteTooLong', values: { max: NOTE_MAX } };
  }
  return problems;
}

/** The API's report from valid values (call after `validateProgress` found nothing). */
export function toReportWrite(
  values: ProgressValues,
  unitId: number,
  periodKey: string,
  evidence: number[],
): ReportBody {
  return {
    unitId,
    periodKey,
    tasks: values.tasks.map((line) => ({
      taskId: line.taskId,
      progress: parseNumber(line.progress) ?? 0,
      state: line.state,
      note: line.note.trim(),
    })),
    targets: values.targets.map((line) => ({
      targetId: line.targetId,
      value: parseNumber(line.value) ?? 0,
      unit: line.unit,
      note: line.note.trim(),
    })),
    evidence,
  };
}
