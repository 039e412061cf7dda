/**
 * The unit's one report for a period, as the progress form edits it: values kept as typed
 * (strings) so a half-typed number can be told apart from a wrong one; checked as the user
 * types; turned into the API's report when everything holds.
 */
import type { DraftLineBody, ReportDraft, ReportBody, TaskEntry } from '../api/tracking';
import type { TaskState } from '../api/types';

export const NOTE_MAX = 2000;

/** A file attached to a line (佐证材料). */
export interface EvidenceItem {
  id: number;
  name: string;
}

export interface TaskLineValues {
  taskId: number;
  progress: string;
  state: TaskState;
  note: string;
  evidence: EvidenceItem[];
}
export interface TargetLineValues {
  targetId: number;
  value: string;
  unit: string;
  note: string;
  evidence: EvidenceItem[];
}
export type LineValues = TaskLineValues | TargetLineValues;

/** `task.7`, `target.3`: a line's key in the form (its fields are `task.7.progress`, …). */
export type LineKey = `task.${number}` | `target.${number}`;

export function lineKeyOf(line: LineValues): LineKey {
  return 'taskId' in line ? `task.${line.taskId}` : `target.${line.targetId}`;
}

/** Where a line stands on the server: handed in, approved or returned, and its saved draft. */
export interface LineMeta {
  status?: 'submitted' | 'approved' | 'returned';
  returnReason?: string | null;
  /** When its draft was last saved; absent when nobody saved one. */
  savedAt?: string;
}

/** A line handed in and awaiting review, or approved: no longer edited. */
export function isLocked(meta: LineMeta | undefined): boolean {
  return meta?.status === 'submitted' || meta?.status === 'approved';
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
  const files = (evidence: { fileId: number | string; name: string }[] | undefined) =>
    (evidence ?? []).map((e) => ({ id: Number(e.fileId), name: e.name }));
  return {
    tasks: draft.tasks.map((t: TaskEntry) => ({
      taskId: t.taskId,
      progress: show(t.progress),
      state: t.state === 'closed' ? 'done' : t.state,
      note: t.note,
      evidence: files(t.evidence),
    })),
    targets: draft.targets.map((t) => ({
      targetId: t.targetId,
      value: show(t.value),
      unit: t.unit,
      note: t.note,
      evidence: files(t.evidence),
    })),
  };
}

/** Each line's standing on the server, by line key. */
export function toLineMeta(draft: Pick<ReportDraft, 'tasks' | 'targets'>): Map<LineKey, LineMeta> {
  const meta = new Map<LineKey, LineMeta>();
  const of = (l: { status?: LineMeta['status']; returnReason?: string | null; savedAt?: string }) => ({
    status: l.status,
    returnReason: l.returnReason ?? null,
    savedAt: l.savedAt,
  });
  for (const l of draft.tasks) meta.set(`task.${l.taskId}`, of(l));
  for (const l of draft.targets) meta.set(`target.${l.targetId}`, of(l));
  return meta;
}

/**
 * The fields of a line as the server keeps a draft: a number only once it is one (a half-typed
 * "4o" stays on this device until it is fixed), a blank one as null.
 */
export function toDraftFields(line: LineValues): Omit<DraftLineBody, 'unitId' | 'periodKey' | 'basedOn'> {
  const number = (text: string) => (text.trim() === '' ? null : parseNumber(text));
  const evidence = line.evidence.map((e) => e.id);
  if ('taskId' in line) {
    const progress = number(line.progress);
    return {
      item: { type: 'task', id: line.taskId },
      ...(progress === undefined ? {} : { progress }),
      state: line.state,
      note: line.note,
      evidence,
    };
  }
  const value = number(line.value);
  return {
    item: { type: 'target', id: line.targetId },
    ...(value === undefined ? {} : { value }),
    note: line.note,
    evidence,
  };
}

/** Every problem of the report, by field; lines in `skip` (already handed in) are not checked. */
export function validateProgress(
  values: ProgressValues,
  skip: ReadonlySet<string> = new Set(),
): ProgressProblems {
  const problems: ProgressProblems = {};
  for (const line of values.tasks) {
    if (skip.has(`task.${line.taskId}`)) continue;
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
    if (skip.has(`target.${line.targetId}`)) continue;
    const at = `target.${line.targetId}`;
    if (line.value.trim() === '') problems[`${at}.value`] = { key: 'todo.valueRequired' };
    else if (parseNumber(line.value) === undefined) problems[`${at}.value`] = { key: 'todo.notANumber' };
    if (line.note.length > NOTE_MAX)
      problems[`${at}.note`] = { key: 'todo.noteTooLong', values: { max: NOTE_MAX } };
  }
  return problems;
}

/**
 * The API's report from valid values (call after `validateProgress` found nothing): every line
 * with its own evidence, or with `only` just those lines (one task handed in by itself).
 */
export function toReportWrite(
  values: ProgressValues,
  unitId: number,
  periodKey: string,
  evidence: number[],
  only?: LineKey[],
): ReportBody {
  const chosen = only ? new Set<string>(only) : undefined;
  const keep = (line: LineValues) => !chosen || chosen.has(lineKeyOf(line));
  return {
    unitId,
    periodKey,
    tasks: values.tasks.filter(keep).map((line) => ({
      taskId: line.taskId,
      progress: parseNumber(line.progress) ?? 0,
      state: line.state,
      note: line.note.trim(),
      evidence: line.evidence.map((e) => e.id),
    })),
    targets: values.targets.filter(keep).map((line) => ({
      targetId: line.targetId,
      value: parseNumber(line.value) ?? 0,
      unit: line.unit,
      note: line.note.trim(),
      evidence: line.evidence.map((e) => e.id),
    })),
    evidence,
    ...(only
      ? {
          only: only.map((key) => {
            const [type, id] = key.split('.') as ['task' | 'target', string];
            return { type, id: Number(id) };
          }),
        }
      : {}),
  };
}
