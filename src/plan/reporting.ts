/**
 * Data calls and unit reports: what each unit owes for a period, the validation of its one
 * report ("最多报一次"), carry-forward of last period's report as the editable start of the
 * next, and corrections after locking; submitting and reviewing line by line are in
 * report-lines.ts, reminders and the approved figures that health reads in figures.ts. Pure:
 * the caller loads and stores.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { createAuditEvent } from './audit.js';
import type { Actor } from './audit.js';
import { dateOf } from './dates.js';
import { checkEvidenceFile, DEFAULT_EVIDENCE_POLICY } from './evidence.js';
import type { EvidenceFile, EvidencePolicy } from './evidence.js';
import { normalizeUnit } from './expected.js';
import { derivePeriodStatus } from './periods.js';
import type { PeriodLock, ReportingPeriod } from './periods.js';
import { actsForUnit, isSupervisor } from './supervision.js';
import type { EvidenceRef, Transition } from './supervision.js';
import type { Target, Task, TaskState } from './types.js';

export * from './figures.js';

export type ObligationRole = 'lead' | 'co';

/** One item a unit owes a figure for in a period. */
export interface OwedItem {
  type: 'task' | 'target';
  id: number;
  role: ObligationRole;
  /** The lead unit's due date, or the co-units' earlier one. */
  dueOn: string;
}

export interface UnitObligation {
  unitId: number;
  periodKey: string;
  /** The earliest due date among its items. */
  dueOn: string;
  items: OwedItem[];
}

type OwnedTask = Pick<Task, 'id' | 'leadUnitId' | 'coUnitIds' | 'state'>;
type OwnedTarget = Pick<Target, 'id' | 'leadUnitId' | 'coUnitIds'>;

/**
 * What each unit owes for a period: the tasks it leads or co-handles (not closed ones: they
 * left the open list) and the targets whose values it supplies (as lead or co-unit), each
 * with its due date. Sorted by unit id; tasks before targets, by id.
 * @example
 * deriveObligations(march, [{ id: 7, leadUnitId: 11, coUnitIds: [12], state: 'in_progress' }], [])
 * // [{ unitId: 11, dueOn: '2022-04-05', items: [task 7 lead] }, { unitId: 12, dueOn: '2022-04-03', ... }]
 */
export function deriveObligations(
  period: ReportingPeriod,
  tasks: readonly OwnedTask[],
  targets: readonly OwnedTarget[],
): UnitObligation[] {
  const byUnit = new Map<number, OwedItem[]>();
  const owe = (unitId: number, item: OwedItem) => {
    const list = byUnit.get(unitId);
    if (list) {
      if (!list.some((i) => i.type === item.type && i.id === item.id)) list.push(item);
    } else byUnit.set(unitId, [item]);
  };
  const add = (type: 'task' | 'target', id: number, lead: number | null, co: readonly number[]) => {
    if (lead !== null) owe(lead, { type, id, role: 'lead', dueOn: period.dueOn });
    for (const unitId of co)
      if (unitId !== lead) owe(unitId, { type, id, role: 'co', dueOn: period.coUnitDueOn });
  };
  for (const task of [...tasks].sort((a, b) => a.id - b.id)) {
    if (task.state !== 'closed') add('task', task.id, task.leadUnitId, task.coUnitIds);
  }
  for (const target of [...targets].sort((a, b) => a.id - b.id)) {
    add('target', target.id, target.leadUnitId, target.coUnitIds);
  }
  return [...byUnit.entries()]
    .sort(([a], [b]) => a - b)
    .map(([unitId, items]) => ({
      unitId,
      periodKey: period.key,
      dueOn: items.reduce((min, i) => (i.dueOn < min ? i.dueOn : min), items[0]!.dueOn),
      items: [...items].sort((a, b) => (a.type === b.type ? a.id - b.id : a.type === 'task' ? -1 : 1)),
    }));
}

/**
 * Where a line of a report stands: a unit submits lines one by one or all at once, and the
 * 督查室 approves or returns each (a returned line carries its reason). A line without a status
 * (a report stored before lines had one) stands where its report does.
 */
export type LineStatus = 'submitted' | 'approved' | 'returned';

/** What every line of a report may carry besides its figure. */
export interface LineFields {
  /** Evidence for this task or target (佐证材料), uploaded before. */
  evidence?: EvidenceRef[];
  status?: LineStatus;
  /** Why the 督查室 returned the line; null once it is submitted again. */
  returnReason?: string | null;
}

/** A task's line in a report: progress (0–100), lifecycle state and a note. */
export interface TaskEntry extends LineFields {
  taskId: number;
  progress: number;
  /** not_started / in_progress / done; closed comes only through 销号. */
  state: TaskState;
  note: string;
}

/** A target's line: its value to date, in the target's unit. */
export interface TargetEntry extends LineFields {
  targetId: number;
  value: number;
  unit: string;
  note: string;
}

export interface ReportContent {
  tasks: TaskEntry[];
  targets: TargetEntry[];
}

export type ReportStatus = 'draft' | 'submitted' | 'approved' | 'returned';

export interface UnitReport extends ReportContent {
  id: number;
  planId: number;
  unitId: number;
  periodKey: string;
  status: ReportStatus;
  evidence: EvidenceRef[];
  /** The period whose report this one started from, when carried forward. */
  carriedFrom: string | null;
  submittedBy: number | null;
  submittedAt: string | null;
  reviewedBy: number | null;
  reviewedAt: string | null;
  returnReason: string | null;
}

export interface ReportContext {
  period: ReportingPeriod;
  lock: PeriodLock | null;
  /** What the unit owes for the period (deriveObligations); undefined when nothing. */
  obligation: UnitObligation | undefined;
  /** The plan's targets, for their units. */
  targets: readonly Pick<Target, 'id' | 'unit'>[];
}

export interface ValidateOptions {
  /** Require a line for every owed item (default true: a submission is complete). */
  complete?: boolean;
  /** Files sent with the report, checked against `policy`. */
  evidence?: readonly EvidenceFile[];
  policy?: EvidencePolicy;
}

const MAX_NOTE = 2000;

/**
 * Checks a unit's report for a period, and gives its content normalised (notes trimmed, units
 * folded). Refuses, listing every problem with its path:
 * - FORBIDDEN when the actor does not act for the unit, or a line is for an item the unit
 *   does not owe (another unit's item);
 * - CONFLICT when the period is locked (a correction is then a supervisor's audited entry) or
 *   has not started;
 * - BAD_INPUT for a percent over 100 or negative, a closed state, a state that contradicts
 *   the percent, a value not a number or in the wrong unit, a duplicate or missing line, a
 *   note too long, an evidence file too large or of a forbidden type.
 * @example
 * validateUnitReport({ unitId: 11, tasks: [{ taskId: 7, progress: 40, state: 'in_progress', note: '' }],
 *   targets: [] }, context, unitReporter, '2022-04-02T09:00:00.000Z')
 */
export function validateUnitReport(
  report: { unitId: number } & ReportContent,
  context: ReportContext,
  actor: Actor,
  now: string,
  options: ValidateOptions = {},
): ReportContent {
  if (!actsForUnit(actor, report.unitId)) {
    throw new AppError('FORBIDDEN', `You do not report for unit ${report.unitId}`);
  }
  assertPeriodTakesReports(context.period, context.lock, now);

  const owed = new Map((context.obligation?.items ?? []).map((i) => [`${i.type}:${i.id}`, i]));
  const units = new Map(context.targets.map((t) => [t.id, t.unit]));
  const forbidden: ErrorDetail[] = [];
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  const period = context.period.label;

  const tasks = report.tasks.map((entry, i) => {
    const path = `tasks.${i}`;
    const key = `task:${entry.taskId}`;
    if (!owed.has(key)) {
      forbidden.push({
        path: `${path}.taskId`,
        message: `task ${entry.taskId} is not owed by unit ${report.unitId} for ${period}`,
      });
    }
    if (seen.has(key))
      problems.push({ path: `${path}.taskId`, message: `task ${entry.taskId} appears twice` });
    seen.add(key);
    const progress = entry.progress;
    if (typeof progress !== 'number' || !Number.isFinite(progress) || progress < 0 || progress > 100) {
      problems.push({
        path: `${path}.progress`,
        message: `must be a percent from 0 to 100, got ${String(progress)}`,
      });
    }
    if (entry.state === 'closed') {
      problems.push({
        path: `${path}.state`,
        message: 'a task is closed only through 销号, not by a report',
      });
    } else if (entry.state === 'done' && progress !== 100) {
      problems.push({ path: `${path}.state`, message: 'done needs progress 100' });
    } else if (entry.state === 'not_started' && progress !== 0) {
      problems.push({ path: `${path}.state`, message: 'not_started needs progress 0' });
    } else if (!['not_started', 'in_progress', 'done'].includes(entry.state)) {
      problems.push({ path: `${path}.state`, message: `unknown state "${String(entry.state)}"` });
    }
    const note = (entry.note ?? '').trim();
    if (note.length > MAX_NOTE)
      problems.push({ path: `${path}.note`, message: `longer than ${MAX_NOTE} characters` });
    return { taskId: entry.taskId, progress, state: entry.state, note, ...keepEvidence(entry) };
  });

  const targets = report.targets.map((entry, i) => {
    const path = `targets.${i}`;
    const key = `target:${entry.targetId}`;
    if (!owed.has(key)) {
      forbidden.push({
        path: `${path}.targetId`,
        message: `target ${entry.targetId} is not owed by unit ${report.unitId} for ${period}`,
      });
    }
    if (seen.has(key))
      problems.push({ path: `${path}.targetId`, message: `target ${entry.targetId} appears twice` });
    seen.add(key);
    if (typeof entry.value !== 'number' || !Number.isFinite(entry.value)) {
      problems.push({ path: `${path}.value`, message: `must be a number, got ${String(entry.value)}` });
    }
    const expectedUnit = units.get(entry.targetId);
    const unit = normalizeUnit(entry.unit ?? '');
    if (expectedUnit !== undefined && unit !== normalizeUnit(expectedUnit)) {
      problems.push({
        path: `${path}.unit`,
        message: `must be in ${expectedUnit || '(no unit)'}, got ${unit || '(no unit)'}`,
      });
    }
    const note = (entry.note ?? '').trim();
    if (note.length > MAX_NOTE)
      problems.push({ path: `${path}.note`, message: `longer than ${MAX_NOTE} characters` });
    return {
      targetId: entry.targetId,
      value: entry.value,
      unit: expectedUnit ?? unit,
      note,
      ...keepEvidence(entry),
    };
  });

  if (options.complete ?? true) {
    for (const item of context.obligation?.items ?? []) {
      if (!seen.has(`${item.type}:${item.id}`)) {
        problems.push({ path: `${item.type}s`, message: `${item.type} ${item.id} is owed and missing` });
      }
    }
  }
  (options.evidence ?? []).forEach((file, i) => {
    problems.push(...checkEvidenceFile(file, `evidence.${i}`, options.policy ?? DEFAULT_EVIDENCE_POLICY));
  });

  if (forbidden.length > 0) {
    throw new AppError('FORBIDDEN', `The report has lines for items unit ${report.unitId} does not owe`, [
      ...forbidden,
      ...problems,
    ]);
  }
  if (problems.length > 0) {
    const n = problems.length;
    throw new AppError(
      'BAD_INPUT',
      `The report for ${period} has ${n} problem${n === 1 ? '' : 's'}`,
      problems,
    );
  }
  return { tasks, targets };
}

/** A line's evidence, when it has some: a line without evidence stays as it was written. */
function keepEvidence(entry: LineFields): Pick<LineFields, 'evidence'> {
  return entry.evidence && entry.evidence.length > 0
    ? { evidence: entry.evidence.map((e) => ({ ...e })) }
    : {};
}

/** CONFLICT when the period is locked or has not started: no report is taken then. */
export function assertPeriodTakesReports(
  period: ReportingPeriod,
  lock: PeriodLock | null,
  now: string,
): void {
  const status = derivePeriodStatus(period, dateOf(now), { lock });
  if (status === 'locked') {
    throw new AppError(
      'CONFLICT',
      `Period ${period.label} is locked; a change is now a correction by a supervisor, with a reason`,
    );
  }
  if (status === 'upcoming')
    throw new AppError('CONFLICT', `Period ${period.label} starts on ${period.start}`);
}

/** A report being prepared: target values may still be blank. */
export interface ReportDraft {
  unitId: number;
  periodKey: string;
  carriedFrom: string | null;
  tasks: (TaskEntry & DraftMark)[];
  targets: (Omit<TargetEntry, 'value'> & { value: number | null } & DraftMark)[];
}

/** When a line of the draft was last saved (autosave), absent for a line nobody touched. */
export interface DraftMark {
  savedAt?: string;
}

/**
 * The editable start of a unit's report for a period: last period's lines for what is still
 * owed (progress, state, value and note carried forward, not typed again), blank lines for
 * what is newly owed; lines for items no longer owed are dropped.
 * @example
 * deriveCarryForward(marchReport, aprilObligation, targets).tasks[0] // March's progress for task 7
 */
export function deriveCarryForward(
  previous: Pick<UnitReport, 'periodKey' | 'tasks' | 'targets'> | null,
  obligation: UnitObligation,
  targets: readonly Pick<Target, 'id' | 'unit'>[],
): ReportDraft {
  const units = new Map(targets.map((t) => [t.id, t.unit]));
  const lastTask = new Map((previous?.tasks ?? []).map((t) => [t.taskId, t]));
  const lastTarget = new Map((previous?.targets ?? []).map((t) => [t.targetId, t]));
  const draft: ReportDraft = {
    unitId: obligation.unitId,
    periodKey: obligation.periodKey,
    carriedFrom: previous?.periodKey ?? null,
    tasks: [],
    targets: [],
  };
  for (const item of obligation.items) {
    // Figures and notes carry forward; a line's evidence, status and return belong to its period.
    if (item.type === 'task') {
      const last = lastTask.get(item.id);
      draft.tasks.push(
        last
          ? { taskId: last.taskId, progress: last.progress, state: last.state, note: last.note }
          : { taskId: item.id, progress: 0, state: 'not_started', note: '' },
      );
    } else {
      const last = lastTarget.get(item.id);
      draft.targets.push(
        last
          ? { targetId: last.targetId, value: last.value, unit: last.unit, note: last.note }
          : { targetId: item.id, value: null, unit: units.get(item.id) ?? '', note: '' },
      );
    }
  }
  return draft;
}

/** A supervisor's correction of a figure in a locked period: a new entry, never an edit. */
export interface FigureCorrection {
  id: number;
  planId: number;
  periodKey: string;
  item: { type: 'task' | 'target'; id: number };
  /** The target's value, or the task's progress. */
  value: number;
  /** For a task, the state that goes with the progress. */
  state: TaskState | null;
  reason: string;
  correctedBy: number;
  correctedAt: string;
}

/**
 * Corrects an approved figure after its period was locked: a new audited entry with the
 * figure in force before and the corrected one after. Only a supervisor; the period must be
 * locked (before that, the unit's report is returned and resubmitted); a reason is required.
 * @example
 * correctFigure({ id: 1, planId: 1, periodKey: '2022-03', item: { type: 'target', id: 3 },
 *   value: 2150, state: null, reason: '统计局修订' }, { period, lock, before: 2100 }, supervisor, now)
 */
export function correctFigure(
  input: Omit<FigureCorrection, 'correctedBy' | 'correctedAt'>,
  context: { period: ReportingPeriod; lock: PeriodLock | null; before: number | null },
  actor: Actor,
  now: string,
): Transition<FigureCorrection> {
  if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', 'Only a supervisor can correct a locked figure');
  if (derivePeriodStatus(context.period, dateOf(now), { lock: context.lock }) !== 'locked') {
    throw new AppError(
      'CONFLICT',
      `Period ${context.period.label} is not locked; return the unit's report instead`,
    );
  }
  const problems: ErrorDetail[] = [];
  if (!input.reason || input.reason.trim() === '')
    problems.push({ path: 'reason', message: 'a reason is required' });
  if (!Number.isFinite(input.value)) problems.push({ path: 'value', message: 'must be a number' });
  else if (input.item.type === 'task' && (input.value < 0 || input.value > 100)) {
    problems.push({ path: 'value', message: 'must be a percent from 0 to 100' });
  }
  if (input.item.type === 'task' && input.state === 'closed') {
    problems.push({ path: 'state', message: 'a task is closed only through 销号' });
  }
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'The correction is incomplete', problems);
  const next: FigureCorrection = {
    ...input,
    reason: input.reason.trim(),
    correctedBy: actor.userId,
    correctedAt: now,
  };
  const event = createAuditEvent({
    at: now,
    actor,
    entity: { type: 'figure_correction', id: next.id },
    planId: next.planId,
    action: `${input.item.type}.correct`,
    before: { periodKey: input.periodKey, item: input.item, value: context.before },
    after: { periodKey: input.periodKey, item: input.item, value: input.value, state: input.state },
    reason: next.reason,
  });
  return { next, event };
}
